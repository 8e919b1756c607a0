// The labour market's rules on a small run of the default scenario (docs/model.md, "Labour
// market"): statuses by age, the stocks adding up to the population and the immigrants to the
// foreign-born, a newborn's background from its mother's group, one result at any thread count, and
// the tables' checks. Its calibration at full size: tests/heavy/test_labour_calibration.cpp.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "processes/labour.hpp"
#include "processes/labour_settings.hpp"
#include "processes/naturalisation.hpp"
#include "scenario/load.hpp"
#include "support/run_outputs.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

RunResults small(int threads, const std::vector<std::string>& more = {}) {
    Model model(testing::synthetic_baseline_with(testing::joined(testing::small_run(), more)), threads);
    return model.run();
}

/// The index of a cell of /truth/labour/population.
std::size_t cell(int year, int activity, int background, int duration, int sex, int age) {
    return static_cast<std::size_t>(
        ((((year * n_activities + activity) * n_backgrounds + background) * n_residence_durations +
          duration) *
             n_sexes +
         sex) *
            n_ages +
        age);
}

TEST(Labour, StatusesFollowAgeAndTheStocksAddUpToThePopulationAndTheForeignBorn) {
    const RunResults results = small(2);
    const auto& population = testing::output_values(results, "/truth/labour", "population");
    const auto& migration = testing::output_values(results, "/truth/migration", "population");
    const int years = results.calendar.population_years;
    const int areas = static_cast<int>(results.areas.size());
    const int origins =
        static_cast<int>(migration.size() / (static_cast<std::size_t>(years) * 3 * areas * n_sexes * n_ages));
    ASSERT_EQ(years, 3);
    std::int64_t employed = 0;
    for (int year = 0; year < years; ++year)
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age < n_ages; ++age) {
                std::int64_t all = 0, immigrants = 0;
                std::array<std::int64_t, n_activities> by_activity{};
                for (int a = 0; a < n_activities; ++a)
                    for (int b = 0; b < n_backgrounds; ++b)
                        for (int d = 0; d < n_residence_durations; ++d) {
                            const std::int32_t n = population[cell(year, a, b, d, sex, age)];
                            all += n;
                            by_activity[static_cast<std::size_t>(a)] += n;
                            if (b >= static_cast<int>(Background::immigrants_western)) {
                                immigrants += n;
                                EXPECT_TRUE(d > 0 || n == 0)
                                    << "an immigrant without a duration of residence";
                            } else {
                                EXPECT_TRUE(d == 0 || n == 0)
                                    << "a duration of residence for a non-immigrant";
                            }
                        }
                std::int64_t present = 0;
                for (int area = 0; area < areas; ++area)
                    present += results.truth.population.at(year, area, sex, age);
                EXPECT_EQ(all, present) << year << " " << sex << " " << age;
                // The foreign-born present, every country of birth but the first (native_born).
                std::int64_t foreign = 0;
                for (int o = 1; o < origins; ++o)
                    for (int area = 0; area < areas; ++area)
                        foreign += migration[static_cast<std::size_t>(
                            ((((year * 3 + 0) * origins + o) * areas + area) * n_sexes + sex) * n_ages +
                            age)];
                EXPECT_EQ(immigrants, foreign) << year << " " << sex << " " << age;
                // On 1 January, before the month's pass: under 16 below working age; 17 to 64 in the
                // labour market (16-year-olds enter in the month they turn 16, after the census);
                // 66 and over inactive.
                const std::int64_t in_market = by_activity[0] + by_activity[1] + by_activity[2];
                if (age < working_age_first) {
                    EXPECT_EQ(in_market, 0) << age;
                }
                if (age > working_age_first && age < working_age_end) {
                    EXPECT_EQ(by_activity[3], 0) << age;
                }
                if (age > working_age_end) {
                    EXPECT_EQ(by_activity[0] + by_activity[1] + by_activity[3], 0) << age;
                }
                employed += by_activity[0];
            }
    EXPECT_GT(employed, 0);
}

TEST(Labour, TheIndicatorsAreTheILORatesOfTheStocks) {
    const RunResults results = small(2);
    const auto& population = testing::output_values(results, "/truth/labour", "population");
    const auto& numerator = testing::output_values(results, "/truth/indicators", "numerator");
    const auto& denominator = testing::output_values(results, "/truth/indicators", "denominator");
    const std::vector<double>* value = nullptr;
    for (const OutputGroup& group : results.groups)
        if (group.path == "/truth/indicators")
            value = &std::get<std::vector<double>>(group.arrays.front().values);
    ASSERT_NE(value, nullptr);
    const int years = results.calendar.population_years;
    constexpr int n_indicators = 4; // the three ILO rates, then the share naturalised
    const auto index = [](int year, int indicator, int sex, int band, int background, int duration) {
        return static_cast<std::size_t>(
            ((((year * n_indicators + indicator) * n_sexes + sex) * n_labour_bands + band) * n_backgrounds +
             background) *
                n_residence_durations +
            duration);
    };
    ASSERT_EQ(numerator.size(), static_cast<std::size_t>(years) * n_indicators * n_sexes * n_labour_bands *
                                    n_backgrounds * n_residence_durations);
    std::int64_t labour_force = 0;
    std::vector<std::int64_t> naturalised(static_cast<std::size_t>(years), 0);
    for (int year = 0; year < years; ++year)
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int band = 0; band < n_labour_bands; ++band)
                for (int b = 0; b < n_backgrounds; ++b)
                    for (int d = 0; d < n_residence_durations; ++d) {
                        // The stocks of the cell, summed here from /truth/labour.
                        std::array<std::int64_t, n_activities> of{};
                        for (int age = labour_band_edges[static_cast<std::size_t>(band)];
                             age < labour_band_edges[static_cast<std::size_t>(band) + 1]; ++age)
                            for (int a = 0; a < n_activities; ++a)
                                of[static_cast<std::size_t>(a)] += population[cell(year, a, b, d, sex, age)];
                        const std::int64_t persons = of[0] + of[1] + of[2] + of[3];
                        // Employment rate: employed / persons; unemployment rate: unemployed / labour
                        // force; activity rate: labour force / persons (ILO).
                        const std::int64_t expected[3][2] = {
                            {of[0], persons}, {of[1], of[0] + of[1]}, {of[0] + of[1], persons}};
                        for (int k = 0; k < 3; ++k) {
                            const std::size_t i = index(year, k, sex, band, b, d);
                            EXPECT_EQ(numerator[i], expected[k][0]);
                            EXPECT_EQ(denominator[i], expected[k][1]);
                            EXPECT_DOUBLE_EQ((*value)[i], expected[k][1] > 0
                                                              ? static_cast<double>(expected[k][0]) /
                                                                    static_cast<double>(expected[k][1])
                                                              : 0.0);
                        }
                        labour_force += of[0] + of[1];
                        // The share naturalised: of immigrants only.
                        const std::size_t i = index(year, 3, sex, band, b, d);
                        const bool immigrants = b >= static_cast<int>(Background::immigrants_western);
                        EXPECT_EQ(denominator[i], immigrants ? persons : 0);
                        EXPECT_LE(numerator[i], denominator[i]);
                        naturalised[static_cast<std::size_t>(year)] += numerator[i];
                    }
    EXPECT_GT(labour_force, 0);
    // The naturalised immigrants aged 16-64 are among the foreign-born citizens of /truth/citizenship
    // (all ages), and there are some.
    const auto& citizenship = testing::output_values(results, "/truth/citizenship", "foreign_born");
    const std::size_t per_year = citizenship.size() / static_cast<std::size_t>(years);
    for (int year = 0; year < years; ++year) {
        std::int64_t citizens = 0;
        // (group, citizenship_held, residence_years, sex): the second half of each group's block.
        const std::size_t block = residence_year_labels * n_sexes;
        for (std::size_t k = 0; k < per_year; ++k)
            if ((k / block) % 2 == 1)
                citizens += citizenship[static_cast<std::size_t>(year) * per_year + k];
        EXPECT_GT(naturalised[static_cast<std::size_t>(year)], 0) << year;
        EXPECT_LE(naturalised[static_cast<std::size_t>(year)], citizens) << year;
    }
}

TEST(Labour, ANewbornsBackgroundIsByItsMothersGroup) {
    // Every group Western: the descendants born during the run (aged 0 on the second 1 January) are
    // all of Western origin; every group non-Western: all of non-Western origin. Children of
    // native-born mothers are of Danish origin either way.
    for (const bool western : {true, false}) {
        SCOPED_TRACE(western);
        const std::string share = western ? "1" : "0";
        std::vector<std::string> overrides;
        for (const char* group : {"sweden", "norway", "germany", "poland", "romania", "united_kingdom", "usa",
                                  "syria", "philippines", "india", "lithuania", "rest_of_world"})
            overrides.push_back(std::string("labour.western_share.") + group + "=" + share);
        const RunResults results = small(2, overrides);
        const auto& population = testing::output_values(results, "/truth/labour", "population");
        std::array<std::int64_t, n_backgrounds> newborns{};
        for (int b = 0; b < n_backgrounds; ++b)
            for (int sex = 0; sex < n_sexes; ++sex)
                newborns[static_cast<std::size_t>(b)] +=
                    population[cell(1, static_cast<int>(Activity::below_working_age), b, 0, sex, 0)];
        EXPECT_GT(newborns[0], 0);
        const auto of = [&](Background b) { return newborns[static_cast<std::size_t>(b)]; };
        EXPECT_GT(of(western ? Background::descendants_western : Background::descendants_non_western), 0);
        EXPECT_EQ(of(western ? Background::descendants_non_western : Background::descendants_western), 0);
    }
}

TEST(Labour, TheSameAtOneAndTwoThreads) {
    const RunResults one = small(1);
    const RunResults two = small(2);
    for (const auto& [path, name] :
         {std::pair{"/truth/labour", "population"}, std::pair{"/truth/labour/transitions", "transitions"}})
        EXPECT_EQ(testing::output_values(one, path, name), testing::output_values(two, path, name)) << path;
    std::int64_t changes = 0;
    for (const std::int32_t n : testing::output_values(two, "/truth/labour/transitions", "transitions"))
        changes += n;
    EXPECT_GT(changes, 1000);
}

std::vector<std::string> problems_of(const std::vector<std::string>& overrides) {
    const ScenarioLoad load = load_scenario(testing::synthetic_baseline_path(), overrides);
    std::vector<std::string> problems;
    for (const auto& problem : load.problems)
        problems.push_back(problem.to_string());
    return problems;
}

bool mentions(const std::vector<std::string>& problems, const std::string& what) {
    for (const std::string& problem : problems)
        if (problem.find(what) != std::string::npos)
            return true;
    return false;
}

/// Copies the text file `from` to `to` with line `number` (from 1) replaced by `line`.
void copy_with_line(const std::string& from, const std::string& to, int number, const std::string& line) {
    std::ifstream in(from);
    std::ofstream out(to);
    int at = 0;
    for (std::string text; std::getline(in, text);)
        out << (++at == number ? line : text) << "\n";
}

TEST(Labour, TheTablesMistakesAreReportedWithFileLineAndKey) {
    const std::filesystem::path folder = std::filesystem::temp_directory_path() / "migsim_test_labour";
    std::filesystem::create_directories(folder);
    // A row that does not sum to 1 (line 3), and a shift out of range (line 4).
    const std::string monthly = (folder / "monthly.csv").string();
    copy_with_line(MIGSIM_SOURCE_DIR "/scenarios/data/dk_activity_monthly.csv", monthly, 3,
                   "male,employment,employment,0.5");
    const std::string shifts = (folder / "shifts.csv").string();
    copy_with_line(MIGSIM_SOURCE_DIR "/scenarios/data/dk_activity_shifts.csv", shifts, 4,
                   "male,danish_origin,25-29,76,25");
    const auto problems =
        problems_of({"labour.monthly_transitions=" + monthly, "labour.employment_shifts=" + shifts});
    EXPECT_TRUE(
        mentions(problems, monthly + ":3: probability: the row from employment of male sums to 0.519"))
        << ::testing::PrintToString(problems);
    EXPECT_TRUE(mentions(problems, shifts + ":4: shift: 25 is not a number in [-20, 20]"))
        << ::testing::PrintToString(problems);
    EXPECT_EQ(problems.size(), 2u);
    // One table without the other.
    const auto alone = problems_of({"labour.employment_shifts=\"\""});
    EXPECT_TRUE(mentions(alone, "labour.monthly_transitions is given without labour.employment_shifts"))
        << ::testing::PrintToString(alone);
    std::filesystem::remove_all(folder);
}

} // namespace
} // namespace migsim
