// Mortality improvement in a run (docs/model.md, "Mortality"): the death rates of 2012 fall along
// the central projection of the Lee-Carter model, m(x, y) = m_2012(x) exp(b_x d (y - 2012)),
// changing on 1 January of each year.
//  - The fitted model reproduces the 2012 life table within 0.1 years of life expectancy at birth:
//    tests/statistical/test_lee_carter.cpp (Fitted2012RatesGiveThePeriodLifeExpectancyWithinATenth
//    OfAYear); the run starts from the observed 2012 rates themselves.
//  - The period life expectancy at birth of each year's rates rises strictly from 2012 to 2022,
//    computed by a life table of the test's own (constant hazard within each year of age, 99+
//    open): l(x+1) = l(x) exp(-m_x), L_x = l(x) (1 - exp(-m_x)) / m_x, L_99+ = l(99) / m_99+.
//  - The deaths of a closed population (a tenth of Denmark, ten years) are those the improved rates
//    give to the run's own exposure: a person present at the start of a month at age x dies in it
//    with probability p = 1 - exp(-m(x, y) / 12) (the only competing risk left), so the expected
//    deaths of year y are sum over sex, age and area of E p with E the person-months at risk, and
//    their variance, given the exposure, sum E p (1 - p) (independent Bernoulli draws). Each year's
//    deaths must be within 4 SE of it. The smallest error the test must catch is the trend left
//    out (rates frozen at 2012's, or updated once and then not again): in 2022 it moves the
//    expected deaths by more than 6 SE, which the test computes and asserts.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "processes/mortality_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

constexpr int open_age = 99;
constexpr int base_year = 2012;

double life_expectancy(const std::array<double, n_ages>& m) {
    double l = 1.0;
    double e0 = 0.0;
    for (std::size_t x = 0; x < open_age; ++x) {
        e0 += m[x] > 0 ? l * -std::expm1(-m[x]) / m[x] : l;
        l *= std::exp(-m[x]);
    }
    return e0 + l / m[open_age];
}

/// The hazard of the definition: the 2012 rate times exp(b_x d (y - 2012)), from the tables as
/// loaded (their reading is checked against the files in tests/unit/test_mortality_improvement.cpp).
double improved_hazard(const MortalitySettings& s, int sex, int age, int year) {
    const auto i = static_cast<std::size_t>(sex);
    const auto x = static_cast<std::size_t>(age);
    return s.hazard[i][x] * std::exp(s.improvement_b[i][x] * s.drift[i] * (year - base_year));
}

TEST(MortalityTrendRuns, LifeExpectancyOfTheRunsRatesRisesEveryYear) {
    const Scenario scenario = testing::synthetic_baseline_with({});
    const auto& settings = scenario.settings<MortalitySettings>();
    ASSERT_TRUE(settings.improving());
    ASSERT_EQ(settings.base_year, base_year);
    const double published_2012[n_sexes] = {78.06, 82.03}; // tests/statistical/test_life_table.cpp
    for (int sex = 0; sex < n_sexes; ++sex) {
        double previous = life_expectancy(hazard_in_year(settings, base_year)[sex]);
        EXPECT_NEAR(previous, published_2012[sex], 0.005) << sex_names[sex];
        for (int year = base_year + 1; year <= 2022; ++year) {
            const double e0 = life_expectancy(hazard_in_year(settings, year)[sex]);
            EXPECT_GT(e0, previous) << sex_names[sex] << " " << year;
            // The fit's projection gains about 0.15 (males) and 0.12 (females) years a year
            // (calibration/README.md); a step far outside says the trend has the wrong scale.
            EXPECT_GT(e0 - previous, 0.05) << sex_names[sex] << " " << year;
            EXPECT_LT(e0 - previous, 0.3) << sex_names[sex] << " " << year;
            previous = e0;
        }
    }
}

struct ExpectedDeaths {
    double improved = 0.0;
    double frozen = 0.0;
    double variance = 0.0; ///< of the deaths under the improved rates, given the exposure
};

TEST(MortalityTrendRuns, DeathsOfAClosedPopulationFollowTheImprovedRatesYearByYear) {
    std::vector<std::string> overrides = testing::closed_population();
    overrides.push_back("population.scale=0.1");
    overrides.push_back("run.months=120");
    const Scenario scenario = testing::synthetic_baseline_with(overrides);
    const auto& settings = scenario.settings<MortalitySettings>();
    ASSERT_TRUE(settings.improving());
    ASSERT_EQ(settings.multiplier, 1.0);
    Model model(scenario, 0);
    const RunResults results = model.run();
    const auto& deaths = results.truth.flow("deaths");
    const auto& months = results.truth.at_risk_months;
    ASSERT_EQ(deaths.years, 10);

    for (int year = 0; year < deaths.years; ++year) {
        const int calendar_year = results.calendar.first_year + year;
        ExpectedDeaths expected;
        double observed = 0.0;
        for (int area = 0; area < deaths.areas; ++area)
            for (int sex = 0; sex < n_sexes; ++sex)
                for (int age = 0; age < n_ages; ++age) {
                    const double exposure = static_cast<double>(months.at(year, area, sex, age));
                    const double p = -std::expm1(-improved_hazard(settings, sex, age, calendar_year) / 12.0);
                    const double p_frozen = -std::expm1(
                        -settings.hazard[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)] /
                        12.0);
                    expected.improved += exposure * p;
                    expected.frozen += exposure * p_frozen;
                    expected.variance += exposure * p * (1.0 - p);
                    observed += deaths.at(year, area, sex, age);
                }
        const double se = std::sqrt(expected.variance);
        EXPECT_NEAR(observed, expected.improved, 4.0 * se)
            << calendar_year << ": " << observed << " deaths, " << expected.improved
            << " expected with the trend, " << expected.frozen << " with the 2012 rates (SE " << se << ")";
        if (year == deaths.years - 1) {
            // Power: the trend's effect on the last year's deaths, against the test's SE.
            EXPECT_GT((expected.frozen - expected.improved) / se, 6.0)
                << "frozen " << expected.frozen << ", improved " << expected.improved << ", SE " << se;
            EXPECT_GT(expected.frozen - observed, 2.0 * se)
                << "the last year's deaths are those of 2012's rates";
        }
    }
}

TEST(MortalityTrendRuns, TheSameBitsAtOneAndTwoThreads) {
    std::vector<std::string> overrides = testing::small_run();
    overrides.push_back("run.months=36");
    const Scenario scenario = testing::synthetic_baseline_with(overrides);
    ASSERT_TRUE(scenario.settings<MortalitySettings>().improving());
    Model one(scenario, 1);
    Model two(scenario, 2);
    const RunResults a = one.run();
    const RunResults b = two.run();
    EXPECT_EQ(a.truth.flow("deaths").values, b.truth.flow("deaths").values);
    EXPECT_EQ(a.truth.at_risk_months.values, b.truth.at_risk_months.values);
    EXPECT_EQ(a.truth.population.values, b.truth.population.values);
}

} // namespace
} // namespace migsim
