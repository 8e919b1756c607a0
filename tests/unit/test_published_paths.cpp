// The default scenario carries the published paths of fertility and immigration
// (scenarios/baseline.toml, [changes.published_fertility] and [changes.published_immigration]):
// in every year of the run the total fertility rate is Eurostat's (tps00199) and the immigration
// multiplier is the year's immigration of foreign citizens over 2013's (Eurostat migr_imm1ctz,
// "Foreign country and stateless"), the figures written here from the sources, not from the file.
// After the last published year its value holds; a run from 2010 starts from 2010's values.
#include <map>

#include <gtest/gtest.h>

#include "processes/fertility_settings.hpp"
#include "processes/immigration_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

// Eurostat tps00199, Denmark (2008: Statistics Denmark's 1.892, rounded; scenarios/data/SOURCES.md).
const std::map<int, double> total_fertility = {{2008, 1.89}, {2009, 1.84}, {2010, 1.87}, {2011, 1.75},
                                               {2012, 1.73}, {2013, 1.67}, {2014, 1.69}, {2015, 1.71},
                                               {2016, 1.79}, {2017, 1.75}, {2018, 1.73}, {2019, 1.70},
                                               {2020, 1.68}, {2021, 1.72}, {2022, 1.55}, {2023, 1.50}};
// Eurostat migr_imm1ctz, Denmark, citizenship "Foreign country and stateless".
const std::map<int, double> foreign_immigration = {
    {2008, 37488}, {2009, 32505}, {2010, 33717},  {2011, 34562}, {2012, 35756}, {2013, 41342},
    {2014, 49033}, {2015, 58688}, {2016, 54636},  {2017, 49041}, {2018, 45259}, {2019, 42268},
    {2020, 37806}, {2021, 47267}, {2022, 102762}, {2023, 79357}};

/// The value of `element` in January of each year of `s`'s run.
std::map<int, double> januaries(const Scenario& s, const std::string& element, double at_start) {
    std::map<int, double> by_year;
    for (const ParameterPath& path : s.timeline.paths)
        if (path.element == element)
            for (std::size_t m = 0; m < path.value.size(); m += 12)
                by_year[year_of(s.run.start + static_cast<int>(m))] = path.value[m];
    if (by_year.empty())
        by_year[year_of(s.run.start)] = at_start;
    return by_year;
}

// The factors in the file carry six decimals: the values they give are within 1e-5 of the figures.
TEST(PublishedPaths, TheDefaultScenarioHasEurostatsTotalFertilityInEveryYear) {
    const Scenario s = testing::scenario_with_overrides(testing::baseline_path(), {"run.months=156"});
    const auto by_year =
        januaries(s, "fertility.total_fertility", s.settings<FertilitySettings>().total_fertility);
    ASSERT_EQ(by_year.size(), 13u);
    for (const auto& [year, value] : by_year)
        EXPECT_NEAR(value, total_fertility.at(year > 2023 ? 2023 : year), 1e-5) << year;
}

TEST(PublishedPaths, TheDefaultScenariosImmigrationFollowsForeignCitizensImmigrationFrom2013) {
    const Scenario s = testing::scenario_with_overrides(testing::baseline_path(), {"run.months=156"});
    EXPECT_EQ(s.settings<ImmigrationSettings>().multiplier, 1.0);
    const auto by_year = januaries(s, "immigration.multiplier", 1.0);
    ASSERT_EQ(by_year.size(), 13u);
    for (const auto& [year, value] : by_year)
        EXPECT_NEAR(value, foreign_immigration.at(year > 2023 ? 2023 : year) / foreign_immigration.at(2013),
                    1e-6)
            << year;
}

TEST(PublishedPaths, ARunFrom2010StartsFromThatYearsLevels) {
    const Scenario s = testing::scenario_with_overrides(
        testing::baseline_path(), {"run.start=2010-01", "run.months=36",
                                   "population.national_table=" + std::string(MIGSIM_SOURCE_DIR) +
                                       "/scenarios/data/dk_population_jan1_2010.csv"});
    EXPECT_NEAR(s.settings<FertilitySettings>().total_fertility, 1.87, 1e-5);
    EXPECT_NEAR(s.settings<ImmigrationSettings>().multiplier, 33717.0 / 41342.0, 1e-6);
    const auto fertility = januaries(s, "fertility.total_fertility", 0.0);
    EXPECT_NEAR(fertility.at(2011), 1.75, 1e-5);
    EXPECT_NEAR(fertility.at(2012), 1.73, 1e-5);
}

} // namespace
} // namespace migsim
