// End-to-end tests of `migsim export FILE --csv DIR`: every cell of an array, with the labels of its
// dimensions, against the file read with the plain HDF5 C API; bad input refused with a message that
// names the problem and no table left behind.
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <hdf5.h>

#include "e2e/cli_support.hpp"
#include "support/csv_records.hpp"

namespace {

using namespace migsim::e2e;

std::vector<std::vector<std::string>> read_csv(const std::string& file) {
    bool complete = false;
    auto records = migsim::testing::csv_file_records(file, &complete);
    EXPECT_TRUE(complete) << file << " does not end with a whole record";
    return records;
}

/// A one-dimensional dataset of labels (integers or variable-length texts) as texts.
std::vector<std::string> labels_of(hid_t file, const std::string& path) {
    const hid_t dataset = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
    const hid_t type = H5Dget_type(dataset);
    const hid_t space = H5Dget_space(dataset);
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    std::vector<std::string> labels;
    if (H5Tget_class(type) == H5T_STRING) {
        std::vector<char*> texts(n);
        const hid_t memory = H5Tcopy(H5T_C_S1);
        H5Tset_size(memory, H5T_VARIABLE);
        H5Tset_cset(memory, H5Tget_cset(type));
        H5Dread(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data());
        for (char* text : texts) {
            labels.emplace_back(text);
            H5free_memory(text);
        }
        H5Tclose(memory);
    } else {
        std::vector<long long> numbers(n);
        H5Dread(dataset, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, numbers.data());
        for (const long long number : numbers)
            labels.push_back(std::to_string(number));
    }
    H5Sclose(space);
    H5Tclose(type);
    H5Dclose(dataset);
    return labels;
}

/// A dataset's shape and values, every int32 and float64 exactly as a double.
struct Array {
    std::vector<hsize_t> dims;
    std::vector<double> values;
};

Array array_of(hid_t file, const std::string& path) {
    const hid_t dataset = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
    const hid_t space = H5Dget_space(dataset);
    Array array;
    array.dims.resize(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, array.dims.data(), nullptr);
    array.values.resize(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
    H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.values.data());
    H5Sclose(space);
    H5Dclose(dataset);
    return array;
}

double number(const std::string& text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    EXPECT_TRUE(error == std::errc() && end == text.data() + text.size()) << "not a number: " << text;
    return value;
}

/// Compares every row of the table `csv` with the cell of `dataset` at its indices, the labels of
/// dimension d taken from the dataset `scales[d]` of the file: the rows are the cells in row-major
/// order. Returns the table's rows.
std::size_t expect_table_is_dataset(const std::string& h5, const std::string& dataset,
                                    const std::vector<std::string>& scales, const std::string& csv) {
    const hid_t file = H5Fopen(h5.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const Array array = array_of(file, dataset);
    std::vector<std::vector<std::string>> labels;
    for (const std::string& scale : scales)
        labels.push_back(labels_of(file, scale));
    H5Fclose(file);
    EXPECT_EQ(array.dims.size(), scales.size()) << dataset;
    for (std::size_t d = 0; d < scales.size() && d < array.dims.size(); ++d)
        EXPECT_EQ(labels[d].size(), array.dims[d]) << scales[d];

    const std::vector<std::vector<std::string>> records = read_csv(csv);
    if (records.empty()) {
        ADD_FAILURE() << csv << " is empty";
        return 0;
    }
    // The header: each dimension by the name of its scale, then value.
    std::vector<std::string> header;
    for (const std::string& scale : scales)
        header.push_back(scale.substr(scale.rfind('/') + 1));
    header.push_back("value");
    EXPECT_EQ(records.front(), header) << csv;

    // (a) one row per cell: the product of the dimensions' sizes.
    std::size_t cells = 1;
    for (const hsize_t d : array.dims)
        cells *= static_cast<std::size_t>(d);
    EXPECT_EQ(records.size() - 1, cells) << csv;

    // (b) each row's labels and value are those of the cell at its indices; (c) the sums agree.
    std::vector<std::size_t> index(array.dims.size(), 0);
    double dataset_sum = 0, table_sum = 0;
    std::size_t mismatches = 0;
    for (std::size_t row = 1; row < records.size() && row - 1 < cells; ++row) {
        const std::vector<std::string>& record = records[row];
        std::vector<std::string> expected;
        for (std::size_t d = 0; d < index.size(); ++d)
            expected.push_back(labels[d][index[d]]);
        const double cell = array.values[row - 1];
        const double value = record.empty() ? -1 : number(record.back());
        if (record.size() != expected.size() + 1 ||
            !std::equal(expected.begin(), expected.end(), record.begin()) || value != cell) {
            if (++mismatches <= 3)
                ADD_FAILURE() << csv << " row " << row << ": " << testing::PrintToString(record)
                              << ", expected " << testing::PrintToString(expected) << " and " << cell;
        }
        dataset_sum += cell;
        table_sum += value;
        for (std::size_t d = index.size(); d-- > 0;) {
            if (++index[d] < array.dims[d])
                break;
            index[d] = 0;
        }
    }
    EXPECT_EQ(mismatches, 0u) << csv;
    EXPECT_DOUBLE_EQ(table_sum, dataset_sum) << csv;
    return records.size() - 1;
}

/// Every file below `folder`, relative to it.
std::vector<std::string> files_below(const fs::path& folder) {
    std::vector<std::string> files;
    if (fs::exists(folder))
        for (const auto& entry : fs::recursive_directory_iterator(folder))
            if (!entry.is_directory())
                files.push_back(fs::relative(entry.path(), folder).string());
    return files;
}

/// One small run shared by the tests (a run takes seconds; the export is what is tested).
class Export : public Cli {
protected:
    static void SetUpTestSuite() {
        run_file_ =
            (fs::temp_directory_path() / ("migsim-export-" + std::to_string(::getpid()) + ".h5")).string();
        const Outcome outcome = run("run " + small() + " -o " + run_file_ + " --quiet");
        ASSERT_EQ(outcome.status, 0) << outcome.output;
    }
    static void TearDownTestSuite() { fs::remove(run_file_); }
    static std::string run_file_;
};
std::string Export::run_file_;

TEST_F(Export, EveryCellOfAnArrayIsARowWithItsLabelsAndValue) {
    const Outcome outcome = run("export " + run_file_ + " --csv " + path("tables"));
    ASSERT_EQ(outcome.status, 0) << outcome.output;

    // The population on 1 January by (year, area, sex, age), all its cells; a float array too.
    const std::size_t rows = expect_table_is_dataset(
        run_file_, "/truth/population", {"/truth/year", "/truth/area", "/truth/sex", "/truth/age"},
        path("tables/truth/population.csv"));
    EXPECT_GT(rows, 2u * 2u * 101u);
    expect_table_is_dataset(
        run_file_, "/truth/flows/person_years_lived",
        {"/truth/flows/year", "/truth/flows/area", "/truth/flows/sex", "/truth/flows/age"},
        path("tables/truth/flows/person_years_lived.csv"));
    expect_table_is_dataset(run_file_, "/inputs/mortality_hazard", {"/inputs/sex", "/inputs/age"},
                            path("tables/inputs/mortality_hazard.csv"));
    // The summary names each table with its rows.
    EXPECT_NE(
        outcome.output.find(path("tables/truth/population.csv") + ": " + std::to_string(rows) + " rows\n"),
        std::string::npos)
        << outcome.output;

    // Scales are the label columns, not tables; nothing temporary is left; /meta is key,value.
    const std::vector<std::string> files = files_below(path("tables"));
    for (const std::string& file : files) {
        EXPECT_EQ(file.find(".tmp-"), std::string::npos) << file;
        EXPECT_EQ(file.substr(file.size() - 4), ".csv") << file;
    }
    EXPECT_FALSE(fs::exists(path("tables/truth/year.csv")));
    EXPECT_FALSE(fs::exists(path("tables/truth/area.csv")));
    EXPECT_TRUE(fs::exists(path("tables/scores/register/area_error.csv")));
    const auto meta = read_csv(path("tables/meta.csv"));
    std::map<std::string, std::string> meta_values;
    for (std::size_t i = 1; i < meta.size(); ++i)
        meta_values[meta[i].at(0)] = meta[i].at(1);
    EXPECT_EQ(meta.at(0), (std::vector<std::string>{"key", "value"}));
    EXPECT_EQ(meta_values["months"], "24");
    EXPECT_EQ(meta_values["start"], "2013-01");
    // The resolved scenario, many lines with quotes, survives the quoting.
    EXPECT_NE(meta_values["scenario"].find("[run]\n"), std::string::npos);
    EXPECT_NE(meta_values["scenario"].find("start = \"2013-01\""), std::string::npos);

    // --group exports only what is below it; --quiet prints nothing.
    const Outcome truth =
        run("export " + run_file_ + " --csv " + path("truth") + " --group /truth/flows --quiet");
    ASSERT_EQ(truth.status, 0) << truth.output;
    EXPECT_EQ(truth.output, "");
    for (const std::string& file : files_below(path("truth")))
        EXPECT_TRUE(file.rfind("truth/flows/", 0) == 0 || file == "meta.csv") << file;
    EXPECT_TRUE(fs::exists(path("truth/truth/flows/births.csv")));
}

TEST_F(Export, AnEnsembleFileExportsByItsOwnScales) {
    // Two replicates of a year in 10 areas: the layout is what matters here.
    const Outcome ensemble = run("ensemble " + source("scenarios/baseline.toml") +
                                 " --months 12 --set population.scale=0.005 --set population.areas=10"
                                 " --replicates 2 --threads 1 --quiet -o " +
                                 path("ensemble.h5"));
    ASSERT_EQ(ensemble.status, 0) << ensemble.output;
    const Outcome outcome = run("export " + path("ensemble.h5") + " --csv " + path("tables") +
                                " --group /ensemble/truth --quiet");
    ASSERT_EQ(outcome.status, 0) << outcome.output;
    const hid_t file = H5Fopen(path("ensemble.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const bool has_mean = H5Lexists(file, "/ensemble/truth/population/mean", H5P_DEFAULT) > 0;
    H5Fclose(file);
    ASSERT_TRUE(has_mean) << "the ensemble's layout changed: choose another dataset";
    expect_table_is_dataset(path("ensemble.h5"), "/ensemble/truth/population/mean",
                            {"/ensemble/truth/population/year", "/ensemble/truth/population/area",
                             "/ensemble/truth/population/sex", "/ensemble/truth/population/age"},
                            path("tables/ensemble/truth/population/mean.csv"));
}

TEST_F(Export, BadInputIsRefusedByNameAndLeavesNoTable) {
    const auto refused = [&](const std::string& arguments, int status, const std::string& message) {
        const Outcome outcome = run("export " + arguments);
        EXPECT_EQ(outcome.status, status) << arguments << "\n" << outcome.output;
        EXPECT_NE(outcome.output.find(message), std::string::npos) << arguments << "\n" << outcome.output;
        EXPECT_EQ(files_below(path("tables")), std::vector<std::string>{}) << arguments;
    };
    refused(path("missing.h5") + " --csv " + path("tables"), 1, "missing.h5: no such file");

    std::ofstream(path("text.h5")) << "year,value\n2013,1\n";
    refused(path("text.h5") + " --csv " + path("tables"), 1, "text.h5: not an HDF5 file");

    // An HDF5 file with an array, but not migsim's: no /meta.
    const hid_t other = H5Fcreate(path("other.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t size = 3;
    const hid_t space = H5Screate_simple(1, &size, nullptr);
    const hid_t dataset =
        H5Dcreate2(other, "counts", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const int counts[3] = {1, 2, 3};
    H5Dwrite(dataset, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, counts);
    H5Dclose(dataset);
    H5Sclose(space);
    H5Fclose(other);
    refused(path("other.h5") + " --csv " + path("tables"), 1, "other.h5: not a migsim output");

    refused(run_file_ + " --csv " + path("tables") + " --group /truth --group /nowhere", 2,
            "--group /nowhere: " + run_file_ + " has no group /nowhere");
    refused(run_file_ + " --csv " + path("tables") + " --group /truth/population", 2, "has no group");
    EXPECT_NE(run("export " + run_file_).output.find("--csv"), std::string::npos);

    // A folder that cannot be made: a file in its place.
    std::ofstream(path("plain")) << "not a folder";
    const Outcome blocked = run("export " + run_file_ + " --csv " + path("plain/tables"));
    EXPECT_EQ(blocked.status, 1);
    EXPECT_NE(blocked.output.find("not a folder"), std::string::npos) << blocked.output;

    // A failure after some tables were written (a file where the folder of /truth/flows goes)
    // takes back every table of the call, and leaves what was there before.
    fs::create_directories(path("tables/truth"));
    std::ofstream(path("tables/truth/flows")) << "someone else's";
    const Outcome halfway = run("export " + run_file_ + " --csv " + path("tables"));
    EXPECT_EQ(halfway.status, 1);
    EXPECT_NE(halfway.output.find("tables/truth/flows': it is not a folder"), std::string::npos)
        << halfway.output;
    EXPECT_NE(halfway.output.find("nothing was exported"), std::string::npos) << halfway.output;
    EXPECT_EQ(files_below(path("tables")), std::vector<std::string>{"truth/flows"});
}

} // namespace
