// The seams the capabilities after the module engine need, each used by a test module
// (seam_modules.*) exactly as the next capability will use it: a hazard that reads another
// module's column through an extension of the risk cells.
#include <cmath>

#include <gtest/gtest.h>

#include "calibration/base_population.hpp"
#include "model/model.hpp"
#include "seams/seam_modules.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

/// A closed population that nothing changes but the test modules: no deaths, births or moves.
Scenario still_population(int months) {
    return testing::baseline_with(
        testing::joined(testing::closed_population(),
                        {"population.scale=0.01", "run.months=" + std::to_string(months),
                         "population.areas=12", "mortality.multiplier=0", "fertility.total_fertility=0"}));
}

TEST(Seams, AHazardReadsAColumnAnotherModuleOwnsThroughAnExtendedRiskCell) {
    const int months = 24;
    const Scenario scenario = still_population(months);
    const Population base = base_population(scenario);
    std::array<std::array<double, n_sexes>, 3> persons{};
    for (const PersonTable& table : base.persons)
        for (std::size_t row = 0; row < table.size(); ++row)
            persons[table.at(core.id, row) % 3][table.at(core.sex, row)] += 1.0;

    const ProcessFactory added[] = {&seams::make_cohorts, &seams::make_lingering};
    Model model(scenario, base, {}, 2, added);
    const RunResults results = model.run();
    for (int cohort = 0; cohort < 3; ++cohort) {
        const auto& flow = results.truth.flow("lingering_" + std::to_string(cohort));
        for (int sex = 0; sex < n_sexes; ++sex) {
            std::int64_t events = 0;
            for (int year = 0; year < flow.years; ++year)
                for (int area = 0; area < flow.areas; ++area)
                    for (int age = 0; age < n_ages; ++age)
                        events += flow.at(year, area, sex, age);
            // The only competing event with a hazard: each person-month is a Bernoulli trial with
            // p = 1 - exp(-h / 12), and the population does not change.
            const double h =
                seams::lingering_hazard[static_cast<std::size_t>(cohort)] * (sex == 1 ? 2.0 : 1.0);
            const double p = -std::expm1(-h / 12.0);
            const double trials =
                persons[static_cast<std::size_t>(cohort)][static_cast<std::size_t>(sex)] * months;
            const double expected = trials * p;
            const double se = std::sqrt(trials * p * (1.0 - p));
            if (h == 0.0)
                EXPECT_EQ(events, 0) << "cohort " << cohort << " sex " << sex;
            else
                EXPECT_NEAR(static_cast<double>(events), expected, 4.0 * se)
                    << "cohort " << cohort << " sex " << sex << ": expected " << expected << " (SE " << se
                    << ")";
        }
    }
}

} // namespace
} // namespace migsim
