// Births from the output against the fertility schedule. The documented model (docs/model.md,
// fertility.hpp): every woman present at the start of a month gives birth in it with probability
// rate(a)/12 at her age a completed at the start of the month, whatever else happens to her that
// month, and the child is a boy with probability proportion_male. So, given the women's months at
// risk M_a (/truth/flows/person_years_at_risk x 12), births B_a are binomial(M_a, rate(a)/12) and
//     TFR = Σ_a 12 B_a / M_a,   Var = Σ_a 144 p_a (1 - p_a) / M_a,   p_a = rate(a)/12,
// and boys among B births are binomial(B, proportion_male). The high-turnover case (emigration x10)
// makes births of women who leave in a month weigh: a model that lost them would fall short of the
// schedule by about the monthly leaving probability (here more than 1 %, over 10 SE).
#include <cmath>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "processes/fertility_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

struct Case {
    const char* name;
    std::vector<std::string> overrides;
    friend void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }
};

class BirthsFromTheOutput : public ::testing::TestWithParam<Case> {};

TEST_P(BirthsFromTheOutput, GiveTheInputTotalFertilityAndSexRatio) {
    // The input is one total fertility rate: the default scenario's published path is off.
    const Scenario scenario = testing::synthetic_baseline_with(testing::joined(
        testing::joined(GetParam().overrides, testing::constant_rates()), testing::no_labour_market()));
    Model model(scenario, 0);
    const RunResults r = model.run();
    constexpr int female = 1;
    const auto& births = r.truth.flow("births");
    double tfr = 0.0, variance = 0.0, expected_tfr = 0.0, boys = 0.0, all_births = 0.0;
    for (int age = 0; age < n_ages; ++age) {
        double b = 0.0, months = 0.0;
        for (int year = 0; year < births.years; ++year)
            for (int area = 0; area < births.areas; ++area) {
                for (int sex = 0; sex < n_sexes; ++sex)
                    b += births.at(year, area, sex, age);
                boys += births.at(year, area, 0, age);
                months += static_cast<double>(r.truth.at_risk_months.at(year, area, female, age));
            }
        all_births += b;
        const double rate = scenario.settings<FertilitySettings>().rate[static_cast<std::size_t>(age)];
        expected_tfr += rate;
        if (rate == 0.0) {
            EXPECT_EQ(b, 0.0) << "births at age " << age << " where the schedule is zero";
            continue;
        }
        ASSERT_GT(months, 0.0);
        const double p = rate / 12.0;
        tfr += 12.0 * b / months;
        variance += 144.0 * p * (1.0 - p) / months;
    }
    const double se = std::sqrt(variance);
    std::printf("%s: TFR %.5f (SE %.5f), input %.5f; %.0f births\n", GetParam().name, tfr, se, expected_tfr,
                all_births);
    EXPECT_NEAR(tfr, expected_tfr, 4.0 * se);
    EXPECT_LT(se, 0.004) << "too few births for a sharp test";

    const double male = scenario.settings<FertilitySettings>().proportion_male;
    const double se_share = std::sqrt(male * (1.0 - male) / all_births);
    EXPECT_NEAR(boys / all_births, male, 4.0 * se_share) << "share of boys among " << all_births << " births";
}

INSTANTIATE_TEST_SUITE_P(Fertility, BirthsFromTheOutput,
                         ::testing::Values(Case{"baseline", {"population.scale=0.5", "run.months=120"}},
                                           Case{"high_turnover",
                                                {"population.scale=0.6", "run.months=120",
                                                 "emigration.multiplier=10"}}),
                         [](const auto& test) { return std::string(test.param.name); });

} // namespace
} // namespace migsim
