// The seeds of replicates and of the base population: replicate 0 is the scenario's own run, the
// others' seeds are distinct, and the base population's seed follows run.seed unless given, so that
// replicates can share one base population while a single run stays what it was.
#include <set>

#include <gtest/gtest.h>

#include "calibration/base_population.hpp"
#include "ensemble/replicates.hpp"
#include "scenario/parameters.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

TEST(ReplicateSeeds, ReplicateZeroIsTheScenariosSeedAndTheOthersAreDistinct) {
    for (const std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{20130101}, ~std::uint64_t{0}}) {
        EXPECT_EQ(replicate_seed(seed, 0), seed);
        std::set<std::uint64_t> seen;
        for (std::uint64_t r = 0; r < 10000; ++r)
            seen.insert(replicate_seed(seed, r));
        EXPECT_EQ(seen.size(), 10000u) << seed;
    }
    // Another ensemble's seeds are another stream.
    EXPECT_NE(replicate_seed(1, 1), replicate_seed(2, 1));
}

TEST(ReplicateSeeds, ThePopulationSeedFollowsTheRunSeedUnlessGiven) {
    const Scenario plain = testing::synthetic_baseline_with({"run.seed=7"});
    EXPECT_EQ(plain.population.seed, 7u);
    EXPECT_NE(plain.resolved_text.find("seed = 7\n"), std::string::npos); // recorded in /meta
    const Scenario given = testing::synthetic_baseline_with({"run.seed=7", "population.seed=11"});
    EXPECT_EQ(given.run.seed, 7u);
    EXPECT_EQ(given.population.seed, 11u);
    // A shared base population: the same inputs whatever the run seed.
    const Scenario other = testing::synthetic_baseline_with({"run.seed=8", "population.seed=11"});
    EXPECT_TRUE(BasePopulationInputs(given) == BasePopulationInputs(other));
    EXPECT_FALSE(BasePopulationInputs(plain) == BasePopulationInputs(given));
}

TEST(ReplicateSeeds, ReplicatesShareTheBasePopulationOrDrawTheirOwn) {
    const Scenario scenario =
        testing::synthetic_baseline_with({"run.seed=5", "population.scale=0.01", "run.months=12"});
    const ReplicateSeeds shared(scenario);
    const Scenario third = scenario_with(scenario, shared.overrides(3), 1);
    EXPECT_EQ(third.run.seed, replicate_seed(5, 3));
    EXPECT_EQ(third.population.seed, 5u);
    EXPECT_EQ(third.run.threads, 1);
    const ReplicateSeeds own(scenario, BasePopulation::per_replicate);
    const Scenario fourth = scenario_with(scenario, own.overrides(4), 2);
    EXPECT_EQ(fourth.population.seed, replicate_seed(5, 4));
    // A key set again replaces the scenario's own override rather than repeating it.
    const Scenario again = scenario_with(third, {"run.seed=99"}, 1);
    EXPECT_EQ(again.run.seed, 99u);
    EXPECT_THROW(scenario_with(scenario, {"emigration.multiplier=-1"}, 1), std::invalid_argument);
}

TEST(ReplicateSeeds, ADefaultFromAnotherParameterMustBeAnEarlierOneOfTheSameType) {
    static const std::array broken = {
        Parameter{.key = "probe.copy", .type = ParameterType::real, .default_from = "run.seed"},
        Parameter{.key = "probe.ahead", .type = ParameterType::seed, .default_from = "probe.later"},
        Parameter{.key = "probe.later", .type = ParameterType::seed, .default_value = "1"},
    };
    static const ParameterSection probe{"probe", "", broken};
    const Schema schema = {&run_parameters(), &probe};
    const std::vector<std::string> problems = schema_problems(schema);
    const auto mentions = [&](const std::string& key) {
        for (const std::string& p : problems)
            if (p.rfind(key + ":", 0) == 0 && p.find("default follows") != std::string::npos)
                return true;
        return false;
    };
    EXPECT_TRUE(mentions("probe.copy"));  // a real cannot follow a seed
    EXPECT_TRUE(mentions("probe.ahead")); // a later parameter
    EXPECT_FALSE(mentions("probe.later"));
}

} // namespace
} // namespace migsim
