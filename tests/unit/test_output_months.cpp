// links: migsim_io
// The simulated months of each calendar year beside the years of flows (output_schemas/dimensions.toml,
// the auxiliary coordinate `months` of "year"): 12 for a full year, fewer in a year a run starts or
// ends during, written in every group whose years are those of events and listed in the `coordinates`
// attribute of its datasets over years, never beside the 1 Januaries of stocks; refused by the writer
// and the validator when missing or not what /meta@start and /meta@months imply.
#include "core/counts.hpp"
#include "io/hdf5_handles.hpp"
#include "io/hdf5_writer.hpp"
#include "io/output_validator.hpp"
#include "support/dataset_texts.hpp"
#include "support/output_edit.hpp"
#include "support/output_test.hpp"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

namespace migsim {
namespace {

using namespace migsim::testing;

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines)
        text += line + "\n";
    return text;
}

/// The int32 values of a dataset of `file` (empty when it is missing).
std::vector<std::int32_t> numbers_of(hid_t file, const std::string& path) {
    const hdf5::Dataset dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
    if (!dataset)
        return {};
    const hdf5::Dataspace space(H5Dget_space(dataset.get()));
    std::vector<std::int32_t> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
    if (!values.empty())
        H5Dread(dataset.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    return values;
}

/// The months of each year `first` .. `last` of a run from `start` of `months` months.
std::vector<int> months_by_year(Month start, int months, int first, int last) {
    const ReportingYears calendar(start, months);
    std::vector<int> out;
    for (int year = first; year <= last; ++year)
        out.push_back(calendar.simulated_months(year));
    return out;
}

TEST(SimulatedMonths, CountTheMonthsOfEachCalendarYearInTheRun) {
    // By the definition (README, "Time conventions"): the months m with start <= m < start + months
    // that fall in the year; written out by hand, not from the formula.
    // 30 months from 2013-01: 2013-01..2015-06.
    EXPECT_EQ(months_by_year(month_of(2013, 1), 30, 2012, 2016), (std::vector<int>{0, 12, 12, 6, 0}));
    // 12 months from 2013-03: 2013-03..2014-02 (a start the scenario refuses, but the convention covers it).
    EXPECT_EQ(months_by_year(month_of(2013, 3), 12, 2013, 2014), (std::vector<int>{10, 2}));
    // Ends in January: every calendar year of flows is full, the next has no simulated month.
    EXPECT_EQ(months_by_year(month_of(2013, 1), 24, 2013, 2015), (std::vector<int>{12, 12, 0}));
    // One month, and within one year.
    EXPECT_EQ(months_by_year(month_of(2013, 12), 1, 2013, 2014), (std::vector<int>{1, 0}));
    EXPECT_EQ(months_by_year(month_of(2013, 4), 3, 2013, 2013), (std::vector<int>{3}));
}

using OutputMonths = OutputTest;

TEST_F(OutputMonths, EveryGroupOfFlowsHasTheMonthsOfItsYearsAndGroupsOfStocksHaveNone) {
    write_output(file("run.h5"), tiny_run());
    EXPECT_TRUE(validate_output(file("run.h5")).empty()) << joined(validate_output(file("run.h5")));
    const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    ASSERT_TRUE(h5);
    // By hand: the tiny run is 24 months from 2013-01, two full years of flows.
    for (const char* group : {"/truth/flows", "/truth/migration/flows", "/truth/migration/balance"})
        EXPECT_EQ(numbers_of(h5.get(), std::string(group) + "/months"), (std::vector<std::int32_t>{12, 12}))
            << group;
    for (const char* group : {"/truth", "/truth/migration", "/sources/register",
                              "/estimates/register_population", "/scores/register"})
        EXPECT_LE(H5Lexists(h5.get(), (std::string(group) + "/months").c_str(), H5P_DEFAULT), 0) << group;
    // Flows list it first (year is their first dim), then the areas' text; stocks do not.
    EXPECT_EQ(coordinates_of(h5.get(), "/truth/flows/emigration"), "months area_name area_region");
    EXPECT_EQ(coordinates_of(h5.get(), "/truth/flows/person_years_at_risk"), "months area_name area_region");
    EXPECT_EQ(coordinates_of(h5.get(), "/truth/migration/flows/crossings"), "months");
    EXPECT_EQ(coordinates_of(h5.get(), "/truth/migration/flows/provisional"), "months");
    EXPECT_EQ(coordinates_of(h5.get(), "/truth/migration/balance/persons"), "months");
    EXPECT_EQ(coordinates_of(h5.get(), "/truth/population"), "area_name area_region");
    EXPECT_EQ(coordinates_of(h5.get(), "/truth/migration/provisional"), "(none)");
    EXPECT_EQ(coordinates_of(h5.get(), "/scores/register/total_error"), "(none)");
    // A coordinate of the year dim: its scale attached, and not a scale itself.
    const hdf5::Dataset months(H5Dopen2(h5.get(), "/truth/flows/months", H5P_DEFAULT));
    const hdf5::Dataset year(H5Dopen2(h5.get(), "/truth/flows/year", H5P_DEFAULT));
    EXPECT_GT(H5DSis_attached(months.get(), year.get(), 0), 0);
    EXPECT_LE(H5DSis_scale(months.get()), 0);
    EXPECT_EQ(hdf5::read_string_attribute(months.get(), "units"), "months");
}

TEST_F(OutputMonths, TheWriterRefusesYearsOfFlowsWithoutTheirMonthsOrWithMonthsOutOfAYear) {
    const auto flows_year = [](OutputContents& contents) -> Coordinate& {
        for (OutputGroup& group : contents.groups)
            if (group.path == "/truth/flows")
                return group.coordinates.front();
        throw std::logic_error("no /truth/flows");
    };
    OutputContents missing = tiny_run();
    flows_year(missing).auxiliaries.clear();
    OutputContents short_months = tiny_run();
    flows_year(short_months).auxiliaries[0].numbers.pop_back();
    OutputContents thirteen = tiny_run();
    flows_year(thirteen).auxiliaries[0].numbers[1] = 13;
    const std::pair<OutputContents*, std::string> cases[] = {
        {&missing, "/truth/flows/year: auxiliary coordinates (), the schema declares (months)"},
        {&short_months, "/truth/flows/year months: 1 numbers for 2 labels"},
        {&thirteen, "/truth/flows/year months: every value must be a number of months in a year, 0..12"},
    };
    for (const auto& [contents, problem] : cases) {
        try {
            write_output(file("refused.h5"), *contents);
            ADD_FAILURE() << "written despite: " << problem;
        } catch (const OutputError& error) {
            EXPECT_EQ(error.problems(), std::vector<std::string>{file("refused.h5") + ": " + problem});
        }
        EXPECT_FALSE(fs::exists(file("refused.h5")));
    }
}

/// Writes `values` over the months of `group`, and reseals its checksum, as someone who knows the
/// format would edit the file.
void set_months(hid_t file, const std::string& group, const std::vector<std::int32_t>& values) {
    const std::string path = group + "/months";
    const hdf5::Dataset dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
    ASSERT_TRUE(dataset);
    ASSERT_GE(H5Dwrite(dataset.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0);
    reseal(file, path);
}

TEST_F(OutputMonths, TheValidatorRefusesAMonthsCellOffByOne) {
    write_output(file("run.h5"), tiny_run());
    {
        const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        set_months(h5.get(), "/truth/flows", {12, 11});
        set_months(h5.get(), "/truth/migration/balance", {13, 12});
    }
    EXPECT_EQ(validate_output(file("run.h5")),
              (std::vector<std::string>{
                  "/truth/flows/months: value 1 is 11 months for 2014, expected 12 (the months of that year "
                  "in the run that /meta@start and /meta@months describe)",
                  "/truth/migration/balance/months: value 0 is 13 months for 2013, expected 12 (the months "
                  "of that year in the run that /meta@start and /meta@months describe)"}));
}

TEST_F(OutputMonths, TheValidatorRefusesMissingMonthsAMissingCoordinateAndAnEditByItsChecksum) {
    write_output(file("run.h5"), tiny_run());
    {
        const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        ASSERT_GE(H5Ldelete(h5.get(), "/truth/migration/flows/months", H5P_DEFAULT), 0);
        const hdf5::Dataset births(H5Dopen2(h5.get(), "/truth/flows/births", H5P_DEFAULT));
        ASSERT_GE(H5Adelete(births.get(), "coordinates"), 0);
        hdf5::write_string_attribute(births.get(), "coordinates", "area_name area_region");
        // An edit without a new checksum.
        const hdf5::Dataset months(H5Dopen2(h5.get(), "/truth/migration/balance/months", H5P_DEFAULT));
        const std::vector<std::int32_t> edited{12, 6};
        ASSERT_GE(H5Dwrite(months.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, edited.data()), 0);
    }
    EXPECT_EQ(validate_output(file("run.h5")),
              (std::vector<std::string>{
                  "/truth/flows/births: attribute 'coordinates' is \"area_name area_region\", expected "
                  "\"months area_name area_region\"",
                  "/truth/migration/flows/months: auxiliary coordinate missing",
                  "/truth/migration/balance/months: the values do not match their checksum: the file is "
                  "damaged or was edited"}));
}

} // namespace
} // namespace migsim
