// Mortality against the period life table. With the 2012 Danish death rates and no migration, life
// expectancy at birth estimated from the simulation's deaths and exposure must match the life table
// built from the same rates within 4 standard errors.
//
// Life table (constant hazard within each year of age, open interval at 99+):
//   l(x+1) = l(x) exp(-m_x),  L_x = l(x) (1 - exp(-m_x)) / m_x,  L_99+ = l(99) / m_99+,  e0 = sum L_x.
// The simulation is observed monthly: a person present at the start of a month at age x dies in
// it with probability 1 - exp(-m_x/12), so the estimate of m_x is -12 ln(1 - D_x / E_x) with E_x
// the person-months at risk. Its standard error follows by the delta method from the binomial
// variance of D_x.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "processes/mortality_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

constexpr int open_age = 99;

double life_expectancy(const std::vector<double>& m) {
    double l = 1.0;
    double e0 = 0.0;
    for (int x = 0; x < open_age; ++x) {
        const double mx = m[static_cast<std::size_t>(x)];
        e0 += mx > 0 ? l * -std::expm1(-mx) / mx : l;
        l *= std::exp(-mx);
    }
    return e0 + l / m[open_age];
}

TEST(LifeTable, ReferenceLifeExpectancyFromThe2012DanishRates) {
    const Scenario scenario = testing::synthetic_baseline_with({});
    const double reference[n_sexes] = {78.06, 82.03};
    for (int sex = 0; sex < n_sexes; ++sex) {
        std::vector<double> m(scenario.settings<MortalitySettings>().hazard[sex].begin(),
                              scenario.settings<MortalitySettings>().hazard[sex].begin() + open_age + 1);
        EXPECT_NEAR(life_expectancy(m), reference[sex], 0.005) << sex_names[sex];
    }
}

TEST(LifeTable, SimulatedLifeExpectancyMatchesThePeriodLifeTable) {
    std::vector<std::string> overrides = testing::closed_population();
    // The period life table of one year's rates: the improvement of later years is off here
    // (it has its own test, test_mortality_trend_runs.cpp).
    overrides.push_back("mortality.improvement_multiplier=0");
    overrides.push_back("population.scale=0.25");
    overrides.push_back("run.months=120");
    const Scenario scenario =
        testing::synthetic_baseline_with(testing::joined(overrides, testing::no_labour_market()));
    Model model(scenario, 0);
    const RunResults results = model.run();

    for (int sex = 0; sex < n_sexes; ++sex) {
        std::vector<double> deaths(open_age + 1, 0.0);
        std::vector<double> exposure(open_age + 1, 0.0); // person-months
        const auto& d = results.truth.flow("deaths");
        const auto& e = results.truth.at_risk_months;
        for (int year = 0; year < d.years; ++year)
            for (int area = 0; area < d.areas; ++area)
                for (int age = 0; age < n_ages; ++age) {
                    const auto x = static_cast<std::size_t>(std::min(age, open_age));
                    deaths[x] += d.at(year, area, sex, age);
                    exposure[x] += static_cast<double>(e.at(year, area, sex, age));
                }
        std::vector<double> m(open_age + 1);
        std::vector<double> se_m(open_age + 1);
        for (std::size_t x = 0; x <= open_age; ++x) {
            ASSERT_GT(exposure[x], 0.0);
            const double q = deaths[x] / exposure[x];
            m[x] = -12.0 * std::log1p(-q);
            // d m / d q = 12 / (1 - q); Var(q) = q (1 - q) / E.
            se_m[x] = 12.0 / (1.0 - q) * std::sqrt(std::max(q * (1.0 - q), 1e-300) / exposure[x]);
        }
        const double e0 = life_expectancy(m);
        double variance = 0.0;
        for (std::size_t x = 0; x <= open_age; ++x) {
            std::vector<double> shifted = m;
            const double step = std::max(1e-7, 1e-4 * m[x]);
            shifted[x] += step;
            const double derivative = (life_expectancy(shifted) - e0) / step;
            variance += derivative * derivative * se_m[x] * se_m[x];
        }
        const double se = std::sqrt(variance);
        std::vector<double> input(scenario.settings<MortalitySettings>().hazard[sex].begin(),
                                  scenario.settings<MortalitySettings>().hazard[sex].begin() + open_age + 1);
        const double expected = life_expectancy(input);
        EXPECT_LT(se, 0.2) << "the test must be sharp enough to catch a wrong mortality conversion";
        EXPECT_NEAR(e0, expected, 4.0 * se)
            << sex_names[sex] << ": simulated e0 " << e0 << " (SE " << se << "), life table " << expected;
    }
}

} // namespace
} // namespace migsim
