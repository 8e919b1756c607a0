// links: migsim_io
// The CSV export (io/csv_export.hpp) on files built by hand: the same tables whatever the size of
// the slabs it reads; texts quoted as RFC 4180 says; numbers that read back to the same values.
#include "io/csv_export.hpp"
#include "io/hdf5_writer.hpp"
#include "support/csv_records.hpp"
#include "support/output_test.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace migsim {
namespace {

using namespace migsim::testing;

/// Every file below `folder` with its bytes.
std::map<std::string, std::string> tables_below(const fs::path& folder) {
    std::map<std::string, std::string> tables;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (!entry.is_directory())
            tables[fs::relative(entry.path(), folder).string()] = file_bytes(entry.path());
    return tables;
}

using CsvExportTest = OutputTest;

TEST_F(CsvExportTest, TheTablesDoNotDependOnTheSizeOfTheSlabsRead) {
    write_output(file("run.h5"), tiny_run());
    const CsvExport whole = export_csv(file("run.h5"), file("whole"), {});
    ASSERT_TRUE(whole.ok()) << whole.problem;
    const std::map<std::string, std::string> reference = tables_below(file("whole"));
    EXPECT_TRUE(reference.count("truth/migration/flows/crossings.csv")); // 6 dimensions
    EXPECT_TRUE(reference.count("truth/migration/balance/persons.csv"));
    // 37 cells: slabs end inside the age axis; 150: one whole age axis and part of the next; 1000:
    // several whole (sex, age) blocks; 100000: several whole areas.
    for (const std::uint64_t cells : {37u, 150u, 1000u, 100000u}) {
        const std::string folder = file("slabs_of_" + std::to_string(cells));
        const CsvExport sliced = export_csv(file("run.h5"), folder,
                                            {.groups = {}, .cells_per_read = cells, .on_table_written = {}});
        ASSERT_TRUE(sliced.ok()) << sliced.problem;
        const std::map<std::string, std::string> tables = tables_below(folder);
        ASSERT_EQ(tables.size(), reference.size());
        for (const auto& [name, bytes] : reference)
            EXPECT_TRUE(tables.at(name) == bytes) << name << " differs with slabs of " << cells << " cells";
    }
}

/// A file as migsim's readers know it by its /meta, with one array of each kind by hand.
void write_hand_made(const std::string& path, const std::vector<double>& numbers) {
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t meta = H5Gcreate2(file, "meta", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t text = H5Tcopy(H5T_C_S1);
    H5Tset_size(text, H5T_VARIABLE);
    H5Tset_cset(text, H5T_CSET_UTF8); // as migsim writes texts
    const hid_t scalar = H5Screate(H5S_SCALAR);
    const hid_t version = H5Acreate2(meta, "schema_version", text, scalar, H5P_DEFAULT, H5P_DEFAULT);
    const char* one = "1.1";
    H5Awrite(version, text, &one);
    H5Aclose(version);
    const hid_t seed = H5Acreate2(meta, "seed", H5T_STD_U64LE, scalar, H5P_DEFAULT, H5P_DEFAULT);
    const std::uint64_t seed_value = 18446744073709551615u;
    H5Awrite(seed, H5T_NATIVE_UINT64, &seed_value);
    H5Aclose(seed);

    // Labels that need quoting, as a dimension scale.
    const hsize_t places = 3;
    const hid_t place_space = H5Screate_simple(1, &places, nullptr);
    const hid_t place = H5Dcreate2(file, "place", text, place_space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const char* labels[3] = {"Aarhus, C", "the \"new\" town", "two\nlines"};
    H5Dwrite(place, text, H5S_ALL, H5S_ALL, H5P_DEFAULT, labels);
    H5DSset_scale(place, "place");

    // numbers by (place, an axis without a scale).
    const hsize_t dims[2] = {3, numbers.size() / 3};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t values =
        H5Dcreate2(file, "numbers", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(values, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, numbers.data());
    H5DSattach_scale(values, place, 0);
    // Unsigned 64-bit counts beyond what a double or an int64 holds.
    const hid_t counts =
        H5Dcreate2(file, "counts", H5T_STD_U64LE, place_space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const std::uint64_t count_values[3] = {0, 9007199254740993u, 18446744073709551615u};
    H5Dwrite(counts, H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, count_values);
    H5DSattach_scale(counts, place, 0);
    for (const hid_t id : {counts, values, place})
        H5Dclose(id);
    for (const hid_t id : {space, place_space, scalar})
        H5Sclose(id);
    H5Tclose(text);
    H5Gclose(meta);
    H5Fclose(file);
}

TEST_F(CsvExportTest, TextsAreQuotedAndNumbersReadBackExactly) {
    const std::vector<double> numbers = {0.1,      1.0 / 3.0,   -2.5e-300,
                                         1e300,    123456789.0, 5e-324,
                                         -0.0,     2.0,         std::numeric_limits<double>::quiet_NaN(),
                                         INFINITY, -INFINITY,   0.30000000000000004};
    write_hand_made(file("hand.h5"), numbers);
    const CsvExport exported = export_csv(file("hand.h5"), file("tables"), {});
    ASSERT_TRUE(exported.ok()) << exported.problem;
    ASSERT_EQ(exported.tables.size(), 3u); // counts, numbers, meta: the scale is no table
    EXPECT_EQ(exported.tables[1].rows, 12u);

    EXPECT_EQ(file_bytes(file("tables/counts.csv")), "place,value\n"
                                                     "\"Aarhus, C\",0\n"
                                                     "\"the \"\"new\"\" town\",9007199254740993\n"
                                                     "\"two\nlines\",18446744073709551615\n");
    EXPECT_EQ(file_bytes(file("tables/meta.csv")),
              "key,value\nschema_version,1.1\nseed,18446744073709551615\n");

    // Each value reads back to the same double (NaN, Inf and -Inf as R and pandas write them); the
    // axis without a scale is labelled by its index.
    bool complete = false;
    const auto records = csv_file_records(file("tables/numbers.csv"), &complete);
    EXPECT_TRUE(complete);
    ASSERT_EQ(records.size(), numbers.size() + 1);
    EXPECT_EQ(records[0], (std::vector<std::string>{"place", "dim_1", "value"}));
    const std::vector<std::string> places = {"Aarhus, C", "the \"new\" town", "two\nlines"};
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        const std::vector<std::string>& record = records[i + 1];
        ASSERT_EQ(record.size(), 3u);
        EXPECT_EQ(record[0], places[i / 4]);
        EXPECT_EQ(record[1], std::to_string(i % 4));
        const std::string& value = record[2];
        if (std::isnan(numbers[i])) {
            EXPECT_EQ(value, "NaN");
        } else if (std::isinf(numbers[i])) {
            EXPECT_EQ(value, numbers[i] > 0 ? "Inf" : "-Inf");
        } else {
            double read = 0;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), read);
            EXPECT_TRUE(error == std::errc() && end == value.data() + value.size()) << value;
            EXPECT_EQ(std::signbit(read), std::signbit(numbers[i])) << value;
            EXPECT_EQ(read, numbers[i]) << value;
        }
    }
}

} // namespace
} // namespace migsim
