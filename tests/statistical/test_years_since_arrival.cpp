// Emigration by completed years since arrival against its hazards (docs/model.md): a person who
// arrived in month t is in completed year k since arrival during months t + 12k + 1 .. t + 12k + 12,
// under that year's emigration hazard. With emigration the only event (no deaths, no internal
// moves, no returns), an arrival leaves within its first twelve months with probability exactly
// 1 - exp(-h0), and one still present after twelve months leaves within the next twelve with
// 1 - exp(-h1), and so on. Each arrival is an independent Bernoulli trial: the binomial standard
// error. A first year that lasted eleven months (1 - exp(-11/12 - 1/24 h1) = 0.616 instead of
// 0.632 with h0 = 1, h1 = 0.5) would be 6 SE off. The trials are the arrivals aged 15 and over
// without a planned stay: children under 15 leave with their mothers, not by their own hazard,
// and a planned stay adds its own departures ([spells] shares 0 here).
#include <cmath>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "processes/emigration_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

TEST(YearsSinceArrival, EmigrationWithinEachYearSinceArrivalFollowsItsHazard) {
    Scenario scenario = testing::synthetic_baseline_with(
        testing::joined({"population.scale=0.6", "run.months=48", "mortality.multiplier=0",
                         "internal_migration.multiplier=0", "returns.multiplier=0"},
                        testing::joined(testing::no_planned_stays(), testing::no_labour_market())));
    // Hazards by completed years since arrival 0, 1, 2 (arrived_0y, arrived_1y, arrived_2y), the
    // same at every age; the native-born and later years do not matter here.
    const std::array<double, 3> hazard = {1.0, 0.5, 0.25};
    for (std::size_t k = 0; k < hazard.size(); ++k)
        scenario.settings<EmigrationSettings>().hazard[1 + k].fill(hazard[k]);
    Model model(scenario, 0);
    const RunResults r = model.run();
    const Month start = scenario.run.start;
    const Month end = start + scenario.run.months;

    // Every arrival of the run: (arrival month, departure month or `never`); those aged 15 and over
    // at arrival are the trials.
    std::vector<std::pair<Month, Month>> arrivals;
    std::int64_t every_arrival = 0;
    const auto arrival = [&](const PersonTable& persons, std::size_t i, Month departed) {
        const Month t = persons.at(core.first_arrival, i);
        if (persons.at(core.origin, i) == native_born || t < start)
            return;
        ++every_arrival;
        if (age_in_years(t, persons.at(core.birth, i)) >= family_child_age_limit)
            arrivals.emplace_back(t, departed);
    };
    for (const auto& block : model.population().persons)
        for (std::size_t i = 0; i < block.size(); ++i)
            arrival(block, i, never);
    const AbroadPool& pool = model.abroad();
    for (std::size_t i = 0; i < pool.size(); ++i)
        arrival(pool.persons, i, pool.persons.at(core.departed, i));
    ASSERT_EQ(every_arrival, r.truth.flow("immigration").total());

    for (int k = 0; k < static_cast<int>(hazard.size()); ++k) {
        // Arrivals whose year k since arrival lies within the run and who are present at its start.
        double at_risk = 0.0, left = 0.0;
        for (const auto& [t, departed] : arrivals) {
            const Month first = t + 12 * k + 1;
            const Month last = t + 12 * k + 12;
            if (last >= end || departed < first)
                continue;
            at_risk += 1.0;
            left += departed <= last ? 1.0 : 0.0;
        }
        const double p = -std::expm1(-hazard[static_cast<std::size_t>(k)]);
        const double se = std::sqrt(at_risk * p * (1.0 - p));
        std::printf("year %d since arrival: %.0f at risk, %.0f left (expected %.1f, SE %.1f)\n", k, at_risk,
                    left, at_risk * p, se);
        ASSERT_GT(at_risk, 5000.0);
        EXPECT_NEAR(left, at_risk * p, 4.0 * se) << "completed year " << k << " since arrival";
    }
}

} // namespace
} // namespace migsim
