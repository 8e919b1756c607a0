// links: migsim_io
// The HDF5 output layer: the declared layout, the writer (checks, temporary file, determinism) and
// the validator, on small contents built by hand.
#include "io/hdf5_handles.hpp"
#include "io/hdf5_writer.hpp"
#include "io/output_validator.hpp"
#include "support/output_edit.hpp"
#include "support/output_test.hpp"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>

namespace migsim {
namespace {

using namespace migsim::testing;

TEST(OutputContents, CoordinateSizeCountsLabels) {
    EXPECT_EQ((Coordinate{"age", range(0, 100)}.size()), 101u);
    EXPECT_EQ((Coordinate{"area", texts({"A001", "A002"})}.size()), 2u);
    EXPECT_EQ((Coordinate{"group", std::vector<std::string>{}}.size()), 0u);
}

TEST(OutputSchema, DeclaresTheLayout) {
    const OutputSchema& schema = output_schema();
    EXPECT_EQ(schema.schema_version, "1.7");
    const GroupSchema* meta = schema.find_group("/meta");
    ASSERT_NE(meta, nullptr);
    EXPECT_EQ(meta->attributes.size(), 9u);
    const GroupSchema* truth = schema.find_group("/truth");
    ASSERT_NE(truth, nullptr);
    ASSERT_NE(truth->find_dataset("population"), nullptr);
    EXPECT_EQ(truth->find_dataset("population")->dims,
              (std::vector<std::string>{"year", "area", "sex", "age"}));
    EXPECT_EQ(truth->find_dataset("population")->dtype, ElementType::int32);
    ASSERT_NE(schema.find_group("/truth/flows"), nullptr);
    EXPECT_EQ(schema.find_group("/truth/flows")->datasets.size(), 9u);
    ASSERT_NE(schema.find_group("/inputs"), nullptr);
    EXPECT_EQ(schema.find_group("/inputs")->datasets.size(), 16u);
    ASSERT_NE(schema.find_group("/scores/register"), nullptr);
    EXPECT_EQ(schema.find_group("/scores/register")->find_dataset("relative_error")->dtype,
              ElementType::float64);
}

TEST(OutputSchema, RejectsMistakesWithLines) {
    const std::string text = "schema_version = \"1.0\"\n"
                             "[[groups]]\n"
                             "path = \"/truth\"\n"
                             "description = \"d\"\n"
                             "[[groups.dimensions]]\n"
                             "name = \"year\"\n"
                             "kind = \"integer\"\n"
                             "units = \"calendar year\"\n"
                             "description = \"d\"\n"
                             "[[groups.datasets]]\n"
                             "name = \"population\"\n"
                             "dims = [\"year\", \"area\"]\n"
                             "dtype = \"int32\"\n"
                             "unit = \"persons\"\n"
                             "description = \"d\"\n";
    try {
        parse_output_schema(text, "test.toml");
        FAIL() << "the schema should be rejected";
    } catch (const OutputError& error) {
        const std::vector<std::string>& problems = error.problems();
        EXPECT_TRUE(mentions(problems, "test.toml:7: /truth/year: 'kind' is \"integer\"")) << error.what();
        EXPECT_TRUE(mentions(problems, "dimension 'area' is not declared")) << error.what();
        EXPECT_TRUE(mentions(problems, "test.toml:14: /truth dataset: unknown key 'unit'")) << error.what();
        EXPECT_TRUE(mentions(problems, "missing key 'units'")) << error.what();
    }
    EXPECT_THROW(parse_output_schema("schema_version = ", "broken.toml"), OutputError);
}

/// The groups every output has: those of the schema but the optional ones.
std::size_t required_groups() {
    const auto& groups = output_schema().groups;
    return static_cast<std::size_t>(std::count_if(groups.begin(), groups.end(),
                                                  [](const GroupSchema& group) { return !group.optional; }));
}

TEST_F(OutputTest, WrittenFileValidatesAndReadsBack) {
    OutputContents contents = tiny_run();
    std::vector<std::string> written_groups;
    write_output(file("run.h5"), contents,
                 {.on_group_written = [&](const std::string& group) { written_groups.push_back(group); },
                  .inputs = {}});
    EXPECT_EQ(folder_entries(), std::vector<std::string>{"run.h5"});
    // Every group but the optional ones the tiny run does not have (/inputs/timeline).
    EXPECT_EQ(written_groups.size(), required_groups());

    const std::vector<std::string> problems = validate_output(file("run.h5"));
    EXPECT_TRUE(problems.empty()) << joined(problems);

    const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    ASSERT_TRUE(h5);
    const hdf5::Dataset population(H5Dopen2(h5.get(), "/truth/population", H5P_DEFAULT));
    ASSERT_TRUE(population);
    const auto& expected = std::get<std::vector<std::int32_t>>(group_of(contents, "/truth").arrays[0].values);
    std::vector<std::int32_t> read(expected.size());
    ASSERT_GE(H5Dread(population.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, read.data()), 0);
    EXPECT_EQ(read, expected);
    EXPECT_EQ(hdf5::read_string_attribute(population.get(), "units"), "persons");

    const hdf5::Group meta(H5Gopen2(h5.get(), "/meta", H5P_DEFAULT));
    EXPECT_EQ(hdf5::read_string_attribute(meta.get(), "schema_version"), "1.7");
    EXPECT_EQ(hdf5::read_string_attribute(meta.get(), "start"), "2013-01");
    const std::string created = hdf5::read_string_attribute(meta.get(), "created").value_or("");
    EXPECT_EQ(created.size(), 20u) << created;
    EXPECT_EQ(created.back(), 'Z');
    std::uint64_t seed = 0;
    const hdf5::Attribute seed_attribute(H5Aopen(meta.get(), "seed", H5P_DEFAULT));
    ASSERT_GE(H5Aread(seed_attribute.get(), H5T_NATIVE_UINT64, &seed), 0);
    EXPECT_EQ(seed, 20130101u);
}

TEST_F(OutputTest, NoForeignGroupsIsStillAValidFile) {
    write_output(file("native_only.h5"), tiny_run({}));
    const std::vector<std::string> problems = validate_output(file("native_only.h5"));
    EXPECT_TRUE(problems.empty()) << joined(problems);
}

TEST_F(OutputTest, ValidatorNamesADeletedDataset) {
    write_output(file("run.h5"), tiny_run());
    {
        const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        ASSERT_GE(H5Ldelete(h5.get(), "/truth/flows/deaths", H5P_DEFAULT), 0);
    }
    const std::vector<std::string> problems = validate_output(file("run.h5"));
    EXPECT_EQ(problems, std::vector<std::string>{"/truth/flows/deaths: dataset missing"}) << joined(problems);
}

TEST_F(OutputTest, ValidatorNamesAMisshapenDataset) {
    write_output(file("run.h5"), tiny_run());
    {
        // Replace /truth/population by one with 100 ages against the 101 of the age scale.
        const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        ASSERT_GE(H5Ldelete(h5.get(), "/truth/population", H5P_DEFAULT), 0);
        const hsize_t shape[4] = {3, 3, 2, 100};
        const hdf5::Dataspace space(H5Screate_simple(4, shape, nullptr));
        const hdf5::Dataset bad(H5Dcreate2(h5.get(), "/truth/population", H5T_STD_I32LE, space.get(),
                                           H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        ASSERT_TRUE(bad);
        unsigned axis = 0;
        for (const char* dim : {"/truth/year", "/truth/area", "/truth/sex", "/truth/age"}) {
            const hdf5::Dataset scale(H5Dopen2(h5.get(), dim, H5P_DEFAULT));
            ASSERT_GE(H5DSattach_scale(bad.get(), scale.get(), axis++), 0);
        }
        // Otherwise as the writer writes it: its description, axis labels and checksum.
        hdf5::write_string_attribute(bad.get(), "units", "persons");
        hdf5::write_string_attribute(bad.get(), "coordinates", "area_name area_region");
        hdf5::write_string_attribute(bad.get(), "description",
                                     output_schema().find_dataset("/truth/population").second->description);
        unsigned labelled = 0;
        for (const char* dim : {"year", "area", "sex", "age"})
            ASSERT_GE(H5DSset_label(bad.get(), labelled++, dim), 0);
        reseal(h5.get(), "/truth/population");
    }
    const std::vector<std::string> problems = validate_output(file("run.h5"));
    ASSERT_EQ(problems.size(), 1u) << joined(problems);
    EXPECT_EQ(problems[0], "/truth/population: axis 3 (age) has length 100, the dimension scale 101");
}

TEST_F(OutputTest, ValidatorChecksTheSchemaVersion) {
    write_output(file("run.h5"), tiny_run());
    {
        const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        ASSERT_GE(H5Adelete_by_name(h5.get(), "/meta", "schema_version", H5P_DEFAULT), 0);
        const hdf5::Group meta(H5Gopen2(h5.get(), "/meta", H5P_DEFAULT));
        hdf5::write_string_attribute(meta.get(), "schema_version", "0.9");
        reseal_meta(h5.get());
    }
    EXPECT_EQ(
        validate_output(file("run.h5")),
        std::vector<std::string>{"/meta@schema_version: is \"0.9\", this migsim reads schema version 1.7"});
}

TEST_F(OutputTest, AnUnwritableFolderIsAClearError) {
    try {
        write_output(file("no_such_folder/run.h5"), tiny_run());
        FAIL() << "writing into a missing folder should fail";
    } catch (const OutputError& error) {
        EXPECT_EQ(std::string(error.what()), "cannot write " + file("no_such_folder/run.h5") +
                                                 ": the folder '" + file("no_such_folder") +
                                                 "' of the output does not exist");
    }
    EXPECT_TRUE(folder_entries().empty());
}

TEST_F(OutputTest, ValidatorReportsWhatIsNotAnOutputFile) {
    EXPECT_EQ(validate_output(file("absent.h5")),
              std::vector<std::string>{file("absent.h5") + ": no such file"});
    std::ofstream(file("text.h5")) << "not HDF5\n";
    EXPECT_EQ(validate_output(file("text.h5")),
              std::vector<std::string>{file("text.h5") + ": not an HDF5 file"});

    // An HDF5 file with nothing in it: every declared group is missing, one message each.
    { const hdf5::File empty(H5Fcreate(file("empty.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT)); }
    const std::vector<std::string> problems = validate_output(file("empty.h5"));
    EXPECT_EQ(problems.size(), required_groups()) << joined(problems);
    EXPECT_TRUE(mentions(problems, "/truth/flows: group missing"));
}

TEST_F(OutputTest, ContentsOffTheSchemaAreRejectedBeforeWriting) {
    OutputContents undeclared = tiny_run();
    add_array(group_of(undeclared, "/truth"), "migrants", {"year", "area"}, true);
    try {
        write_output(file("run.h5"), undeclared);
        FAIL() << "an undeclared dataset should be rejected";
    } catch (const OutputError& error) {
        EXPECT_TRUE(mentions(error.problems(), "/truth/migrants: dataset not declared in the output schema"))
            << error.what();
    }

    OutputContents wrong_size = tiny_run();
    std::get<std::vector<std::int32_t>>(group_of(wrong_size, "/truth").arrays[0].values).pop_back();
    try {
        write_output(file("run.h5"), wrong_size);
        FAIL() << "a wrong number of values should be rejected";
    } catch (const OutputError& error) {
        EXPECT_EQ(error.problems(),
                  std::vector<std::string>{file("run.h5") + ": /truth/population: 1817 values, but the "
                                                            "coordinates (year, area, sex, age) give 1818"});
    }
    EXPECT_TRUE(folder_entries().empty()) << "no file and no temporary file";
}

TEST_F(OutputTest, CheckContentsListsEveryProblem) {
    OutputContents contents = tiny_run();
    OutputGroup& flows = group_of(contents, "/truth/flows");
    std::swap(flows.arrays[0].dims[2], flows.arrays[0].dims[3]); // births over (year, area, age, sex)
    flows.arrays[1].values = std::vector<double>(1212, 0.0);     // deaths as float64
    flows.arrays.pop_back();                                     // no person-years lived
    group_of(contents, "/inputs").coordinates[0].labels = texts({"female", "male"});
    contents.groups.push_back({"/scores/census", {}, {}});
    contents.meta.start = "2013-13";

    const std::vector<std::string> problems = check_contents(contents, output_schema());
    EXPECT_EQ(problems.size(), 6u) << joined(problems);
    EXPECT_TRUE(mentions(problems, "/truth/flows/births: dims (year, area, age, sex), the schema declares "
                                   "(year, area, sex, age)"));
    EXPECT_TRUE(mentions(problems, "/truth/flows/deaths: values are float64, the schema declares int32"));
    EXPECT_TRUE(mentions(problems, "/truth/flows/person_years_lived: dataset missing"));
    EXPECT_TRUE(
        mentions(problems, "/inputs/sex: labels (female, male), the schema fixes them to (male, female)"));
    EXPECT_TRUE(mentions(problems, "/scores/census: group not declared"));
    EXPECT_TRUE(mentions(problems, "/meta: start \"2013-13\""));
}

TEST_F(OutputTest, FailureHalfWayLeavesTheExistingFileUntouched) {
    write_output(file("run.h5"), tiny_run());
    const std::string before = file_bytes(file("run.h5"));

    OutputContents other = tiny_run();
    other.meta.seed = 7;
    const WriteOptions stop_after_truth{.on_group_written =
                                            [](const std::string& group) {
                                                if (group == "/truth")
                                                    throw OutputError("disk full (simulated)");
                                            },
                                        .inputs = {}};
    EXPECT_THROW(write_output(file("run.h5"), other, stop_after_truth), OutputError);
    EXPECT_EQ(folder_entries(), std::vector<std::string>{"run.h5"}) << "the temporary file is removed";
    EXPECT_EQ(file_bytes(file("run.h5")), before);
    EXPECT_TRUE(validate_output(file("run.h5")).empty());
}

TEST_F(OutputTest, TheSameContentsGiveTheSameBytes) {
    write_output(file("first.h5"), tiny_run());
    write_output(file("second.h5"), tiny_run());
    const std::string first = file_bytes(file("first.h5"));
    const std::string second = file_bytes(file("second.h5"));
    ASSERT_EQ(first.size(), second.size());
    // Only /meta/created may differ: at most its 20 characters.
    std::size_t differing = 0;
    for (std::size_t i = 0; i < first.size(); ++i)
        differing += first[i] != second[i];
    EXPECT_LE(differing, 20u);
}

TEST_F(OutputTest, EveryArrayGroupOpensInXarray) {
    const std::string python = "/usr/bin/python3";
    if (std::system((python + " -c 'import xarray, h5netcdf' >/dev/null 2>&1").c_str()) != 0)
        GTEST_SKIP() << python << " has no xarray or h5netcdf";
    const std::string script = std::string(MIGSIM_SOURCE_DIR) + "/tests/e2e/check_output.py";

    // The layout as `migsim schema` prints it: this test does not need the command.
    {
        std::ofstream schema(file("schema.toml"));
        schema << format_output_schema(output_schema());
    }
    const std::string check = python + " " + script + " --schema " + file("schema.toml") + " ";
    write_output(file("run.h5"), tiny_run());
    EXPECT_EQ(std::system((check + file("run.h5")).c_str()), 0);

    {
        const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        ASSERT_GE(H5Ldelete(h5.get(), "/truth/population", H5P_DEFAULT), 0);
    }
    EXPECT_NE(std::system((check + file("run.h5") + " 2>/dev/null").c_str()), 0);
}

} // namespace
} // namespace migsim
