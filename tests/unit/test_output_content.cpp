// links: migsim_io
// `migsim validate` says "valid" only when the bytes mean what a run writes: every byte that carries
// meaning is covered by a checksum (values, labels, /meta) or compared with the schema (units,
// descriptions, axis labels); labels are what the schema and /meta imply (ages 0..100, the years of
// the run, the scenario's areas and groups); /meta agrees with itself; and an identity holds in
// every cell it declares. Each test edits a valid file as someone who knows the format would, the
// checksums resealed unless the test is about them.
#include "io/hdf5_handles.hpp"
#include "io/hdf5_writer.hpp"
#include "io/output_validator.hpp"
#include "support/output_edit.hpp"
#include "support/output_test.hpp"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

namespace migsim {
namespace {

using namespace migsim::testing;

const std::vector<std::string> year_scales = {"/truth/year", "/truth/flows/year", "/sources/register/year",
                                              "/estimates/register_population/year", "/scores/register/year"};

void write_numbers(hid_t h5, const std::string& path, const std::vector<std::int32_t>& numbers,
                   bool resealed) {
    const hdf5::Dataset dataset(H5Dopen2(h5, path.c_str(), H5P_DEFAULT));
    ASSERT_TRUE(dataset) << path;
    ASSERT_GE(H5Dwrite(dataset.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, numbers.data()), 0);
    if (resealed)
        reseal(h5, path);
}

void write_texts(hid_t h5, const std::string& path, const std::vector<std::string>& texts, bool resealed) {
    const hdf5::Dataset dataset(H5Dopen2(h5, path.c_str(), H5P_DEFAULT));
    ASSERT_TRUE(dataset) << path;
    std::vector<const char*> pointers;
    for (const std::string& text : texts)
        pointers.push_back(text.c_str());
    const hdf5::Datatype type = hdf5::utf8_string_type();
    ASSERT_GE(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), 0);
    if (resealed)
        reseal(h5, path);
}

/// Multiplies every value of an int32 dataset by `factor`, and reseals it.
void scale_counts(hid_t h5, const std::string& path, int factor) {
    const hdf5::Dataset dataset(H5Dopen2(h5, path.c_str(), H5P_DEFAULT));
    const hdf5::Dataspace space(H5Dget_space(dataset.get()));
    std::vector<std::int32_t> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
    ASSERT_GE(H5Dread(dataset.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0);
    for (std::int32_t& value : values)
        value *= factor;
    ASSERT_GE(H5Dwrite(dataset.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0);
    reseal(h5, path);
}

/// The schema without the rule that years follow /meta: what the identities alone catch.
OutputSchema without_run_years() {
    OutputSchema schema = output_schema();
    for (GroupSchema& group : schema.groups)
        for (DimensionSchema& dimension : group.dimensions)
            dimension.run_years = RunYears::none;
    return schema;
}

class OutputContentTest : public OutputTest {
protected:
    /// The problems of the tiny run's file after `edit` (on the file open for writing), under `schema`.
    std::vector<std::string> problems_after(const std::function<void(hid_t)>& edit,
                                            const OutputSchema& schema = output_schema(),
                                            const OutputContents& contents = tiny_run()) {
        const std::string path = file("run.h5");
        write_output(path, contents);
        {
            const hdf5::File h5(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
            EXPECT_TRUE(h5);
            edit(h5.get());
        }
        return validate_output(path, schema);
    }
};

TEST_F(OutputContentTest, AYearOfFlowsThatTheStocksLackFailsTheBalance) {
    // Once "valid": the flows' years set to [2020, 2021], births times 10 and deaths zeroed; every
    // year the balance needed was missing in one of its terms and silently skipped.
    const auto edit = [](hid_t h5) {
        write_numbers(h5, "/truth/flows/year", {2020, 2021}, true);
        scale_counts(h5, "/truth/flows/births", 10);
        scale_counts(h5, "/truth/flows/deaths", 0);
    };
    const auto by_identity = problems_after(edit, without_run_years());
    EXPECT_TRUE(mentions(by_identity,
                         "identity 'population balance': label 2020 of year in /truth/flows/births "
                         "is not in /truth/population"))
        << joined(by_identity);
    const auto by_labels = problems_after(edit);
    EXPECT_TRUE(mentions(by_labels,
                         "/truth/flows/year: labels are 2020..2021, expected 2013..2014 (the calendar "
                         "years of the run that /meta@start and /meta@months describe)"))
        << joined(by_labels);
}

TEST_F(OutputContentTest, AnIdentityOverNoCellFails) {
    OutputSchema schema = output_schema();
    IdentitySchema arrivals;
    arrivals.name = "arrivals";
    arrivals.result = "/inputs/immigration_arrivals_per_year";
    arrivals.plus = {"/inputs/immigration_arrivals_per_year"};
    arrivals.over = {"group"};
    schema.identities.push_back(arrivals);
    // A run without foreign groups has no label of `group`: the identity would check nothing.
    const auto problems = problems_after([](hid_t) {}, schema, tiny_run({}));
    EXPECT_EQ(problems,
              std::vector<std::string>{"identity 'arrivals': holds over no cell: "
                                       "/inputs/immigration_arrivals_per_year has no label of group"});
}

TEST_F(OutputContentTest, YearLabelsAreTheYearsOfTheRunThatMetaDescribes) {
    const auto odd_year = problems_after([](hid_t h5) {
        write_numbers(h5, "/truth/year", {2013, 2014, 2099}, true);
    });
    EXPECT_TRUE(
        mentions(odd_year, "/truth/year: labels are 2013, 2014, 2099, expected 2013..2015 (1 January"))
        << joined(odd_year);

    // Every year shifted alike: the identities hold, /meta says otherwise.
    const auto shifted = problems_after([](hid_t h5) {
        for (const std::string& scale : year_scales)
            write_numbers(h5, scale, scale == "/truth/flows/year" ? range(1990, 1991) : range(1990, 1992),
                          true);
    });
    for (const std::string& scale : year_scales)
        EXPECT_TRUE(mentions(shifted, scale + ": labels are 1990..")) << joined(shifted);

    const auto months = problems_after([](hid_t h5) {
        set_meta_int32(h5, "months", 999);
        reseal_meta(h5);
    });
    EXPECT_TRUE(mentions(months, "/truth/year: labels are 2013..2015, expected 2013..2096"))
        << joined(months);
    EXPECT_TRUE(mentions(months, "/meta@scenario: run.months is 24, /meta@months is 999")) << joined(months);

    const auto start = problems_after([](hid_t h5) {
        set_meta_text(h5, "start", "1900-01");
        reseal_meta(h5);
    });
    EXPECT_TRUE(mentions(start, "/truth/flows/year: labels are 2013..2014, expected 1900..1901"))
        << joined(start);
    EXPECT_TRUE(mentions(start, "/meta@scenario: run.start is '2013-01', /meta@start is '1900-01'"))
        << joined(start);
}

TEST_F(OutputContentTest, LabelsAreWhatTheSchemaAndTheScenarioSay) {
    const auto age = problems_after([](hid_t h5) {
        std::vector<std::int32_t> ages = range(0, 100);
        ages[47] = 4143;
        write_numbers(h5, "/truth/age", ages, true);
    });
    EXPECT_TRUE(mentions(age, "/truth/age: labels are 0, 1, 2, 3, ... (101 labels), expected 0..100"))
        << joined(age);

    const auto scenario = problems_after([](hid_t h5) {
        set_meta_text(h5, "scenario",
                      "[run]\nstart = \"2013-01\"\nmonths = 24\nseed = 20130101\nthreads = 0\n[population]\n"
                      "areas = 4\n[groups]\nnames = [\"EU\", \"rest\"]\n[returns]\nmax_years_abroad = 3\n");
        reseal_meta(h5);
    });
    EXPECT_TRUE(
        mentions(scenario, "/inputs/area: 3 labels, expected 4 (population.areas of the scenario in /meta)"))
        << joined(scenario);
    EXPECT_TRUE(
        mentions(scenario, "/inputs/group: labels are 'EU', 'non_EU', expected 'EU', 'rest' (groups.names"))
        << joined(scenario);
    EXPECT_TRUE(mentions(scenario, "/inputs/origin: labels are 'native_born', 'EU', 'non_EU', expected "
                                   "'native_born', 'EU', 'rest'"))
        << joined(scenario);
    EXPECT_TRUE(mentions(scenario, "/inputs/years_abroad: labels are 0..4, expected 0..2"))
        << joined(scenario);

    const auto not_toml = problems_after([](hid_t h5) {
        set_meta_text(h5, "scenario", "[run\nstart = ");
        reseal_meta(h5);
    });
    EXPECT_TRUE(mentions(not_toml, "/meta@scenario: is not a scenario: line 1: ")) << joined(not_toml);
}

TEST_F(OutputContentTest, AnAreaLabelIsTheSameInEveryGroup) {
    const auto problems = problems_after([](hid_t h5) {
        write_texts(h5, "/scores/register/area", {"A001", "A002", "A004"}, true);
    });
    EXPECT_TRUE(mentions(problems, "/scores/register/area: labels differ from those of /inputs/area"))
        << joined(problems);
}

TEST_F(OutputContentTest, AChangedByteWithoutItsChecksumIsDamage) {
    // Labels and /meta were stored without checksums: an age 47 read as 4143, "native_born" in
    // /meta@scenario as "oative_born", validated.
    const auto values = problems_after([](hid_t h5) {
        write_numbers(
            h5, "/truth/age",
            [] {
                std::vector<std::int32_t> ages = range(0, 100);
                ages[47] = 4143;
                return ages;
            }(),
            false);
        write_texts(h5, "/inputs/area", {"A001", "A002", "B003"}, false);
    });
    EXPECT_TRUE(mentions(values,
                         "/truth/age: the labels do not match their checksum: the file is damaged or was "
                         "edited"))
        << joined(values);
    EXPECT_TRUE(mentions(values, "/inputs/area: the labels do not match their checksum")) << joined(values);

    const auto meta = problems_after([](hid_t h5) {
        set_meta_text(
            h5, "scenario",
            "[run]\nstart = \"2013-01\"\nmonths = 24\nseed = 20130101\nthreads = 2\n\n[population]\n"
            "areas = 3\n\n[groups]\nnames = [\"EU\", \"oon_EU\"]\n\n[returns]\nmax_years_abroad = 5\n");
    });
    EXPECT_TRUE(mentions(meta, "/meta@checksum: the attributes of /meta do not match their checksum"))
        << joined(meta);
    const auto utf8 = problems_after([](hid_t h5) { set_meta_text(h5, "migsim_version", "0.1.\xff"); });
    EXPECT_TRUE(mentions(utf8, "/meta@migsim_version: is not valid UTF-8")) << joined(utf8);
}

TEST_F(OutputContentTest, TextsStoredWithoutAChecksumAreTheSchemas) {
    const auto problems = problems_after([](hid_t h5) {
        const hdf5::Dataset lived(H5Dopen2(h5, "/truth/flows/person_years_lived", H5P_DEFAULT));
        H5Adelete(lived.get(), "description");
        hdf5::write_string_attribute(lived.get(), "description", "Time lived in the country, by anything");
        ASSERT_GE(H5DSset_label(lived.get(), 1, "arae"), 0);
        const hdf5::Group inputs(H5Gopen2(h5, "/inputs", H5P_DEFAULT));
        H5Adelete(inputs.get(), "description");
        hdf5::write_string_attribute(inputs.get(), "description", "Every rate table the run never used.");
    });
    EXPECT_TRUE(mentions(problems,
                         "/truth/flows/person_years_lived: description differs from the one the schema "
                         "declares"))
        << joined(problems);
    EXPECT_TRUE(mentions(problems, "/truth/flows/person_years_lived: axis 1 (area) is labelled 'arae'"))
        << joined(problems);
    EXPECT_TRUE(mentions(problems, "/inputs: description differs from the one the schema declares"))
        << joined(problems);
}

} // namespace
} // namespace migsim
