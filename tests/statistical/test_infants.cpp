// The age convention at its most visible: the first year of life (docs/model.md, "Time and age").
// A child born in month b is aged 0 at the start of months b + 1 .. b + 12 and so dies at age 0
// with probability q0 = 1 - (1 - p)^12 = 1 - exp(-h0), p = 1 - exp(-h0/12) the monthly
// probability; on the next 1 January (month J) every child born in the year is aged 0 and alive
// with probability (1 - p)^(J - b - 1). The population is closed (no migration, no internal
// moves, so death is the only event) and mortality is multiplied by 10 so that the first year of
// life has enough deaths to tell twelve months at age 0 from eleven (an 8 % difference, over 4 SE
// for each sex).
// Monthly births come from the model itself, after each month; every count is a sum of
// independent Bernoulli outcomes, so its variance is Σ n π (1 - π).
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "processes/mortality_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

struct Cohort {
    std::array<double, n_sexes> born{};
    std::array<double, n_sexes> alive_after_twelve_months{};
};

TEST(Infants, DieAtAgeZeroAndAreCountedAtAgeZeroByTheDocumentedConvention) {
    std::vector<std::string> overrides = testing::closed_population();
    // One infant death rate through the five years (the convention is the test, not the trend):
    // mortality improvement off.
    overrides.insert(overrides.end(), {"population.scale=0.8", "run.months=60", "mortality.multiplier=10",
                                       "mortality.improvement_multiplier=0"});
    const Scenario scenario =
        testing::synthetic_baseline_with(testing::joined(overrides, testing::no_labour_market()));
    Model model(scenario, 0);
    const Month start = scenario.run.start;
    std::map<Month, Cohort> cohorts;
    const auto count_born_in = [&](Month b, std::array<double, n_sexes>& out) {
        for (const auto& block : model.population().persons)
            for (std::size_t i = 0; i < block.size(); ++i)
                if (block.at(core.birth, i) == b)
                    out[block.at(core.sex, i)] += 1.0;
    };
    const RunResults r = model.run([&](int done, int) {
        const Month now = start + done - 1; // the month just simulated
        count_born_in(now, cohorts[now].born);
        if (cohorts.count(now - 12))
            count_born_in(now - 12, cohorts[now - 12].alive_after_twelve_months);
    });

    for (int sex = 0; sex < n_sexes; ++sex) {
        const double h0 = scenario.settings<MortalitySettings>().multiplier *
                          scenario.settings<MortalitySettings>().hazard[static_cast<std::size_t>(sex)][0];
        const double p = -std::expm1(-h0 / 12.0);
        ASSERT_GT(scenario.settings<MortalitySettings>().hazard[static_cast<std::size_t>(sex)][0], 0.001)
            << "Danish infant mortality";

        // Deaths in the first twelve months of life, cohorts born up to a year before the end.
        const double q0 = 1.0 - std::pow(1.0 - p, 12);
        double born = 0.0, died = 0.0;
        for (const auto& [b, cohort] : cohorts) {
            if (b + 12 >= start + scenario.run.months)
                continue;
            born += cohort.born[static_cast<std::size_t>(sex)];
            died += cohort.born[static_cast<std::size_t>(sex)] -
                    cohort.alive_after_twelve_months[static_cast<std::size_t>(sex)];
        }
        const double se = std::sqrt(born * q0 * (1.0 - q0));
        std::printf("%s: %.0f births, %.0f deaths under age 1 (expected %.1f, SE %.1f)\n", sex_names[sex],
                    born, died, born * q0, se);
        EXPECT_NEAR(died, born * q0, 4.0 * se) << sex_names[sex];
        EXPECT_NEAR(q0, -std::expm1(-h0), 1e-12); // twelve months of h0/12 each

        // Aged 0 on 1 January: the survivors of last year's births, from the output.
        for (int year = 1; year < r.calendar.population_years; ++year) {
            const Month january = month_of(r.calendar.first_year + year, 1);
            double expected = 0.0, variance = 0.0, births_last_year = 0.0;
            for (Month b = january - 12; b < january; ++b) {
                const double n = cohorts.at(b).born[static_cast<std::size_t>(sex)];
                const double survive = std::pow(1.0 - p, january - b - 1);
                expected += n * survive;
                variance += n * survive * (1.0 - survive);
                births_last_year += n;
            }
            double aged_zero = 0.0, births_output = 0.0;
            for (int area = 0; area < r.truth.population.areas; ++area) {
                aged_zero += r.truth.population.at(year, area, sex, 0);
                for (int mother_age = 0; mother_age < n_ages; ++mother_age)
                    births_output += r.truth.flow("births").at(year - 1, area, sex, mother_age);
            }
            EXPECT_EQ(births_output, births_last_year) << "births of the output are the monthly newborns";
            EXPECT_NEAR(aged_zero, expected, 4.0 * std::sqrt(variance))
                << sex_names[sex] << " aged 0 on 1 January " << r.calendar.first_year + year
                << ": ratio to births " << aged_zero / births_last_year;
        }
    }
}

} // namespace
} // namespace migsim
