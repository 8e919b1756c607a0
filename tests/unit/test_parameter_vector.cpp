// A scenario's numeric parameters as a named vector: listed with their values and declared bounds,
// and set within them to give a variant that is exactly the scenario loaded with those --set values.
#include <algorithm>
#include <numeric>

#include <gtest/gtest.h>

#include "pipeline/pipeline.hpp"
#include "processes/fertility_settings.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/mortality_settings.hpp"
#include "scenario/parameter_vector.hpp"
#include "sources/register_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

const NumericParameter* find(const std::vector<NumericParameter>& parameters, const std::string& key) {
    const auto found = std::find_if(parameters.begin(), parameters.end(),
                                    [&](const NumericParameter& p) { return p.key == key; });
    return found == parameters.end() ? nullptr : &*found;
}

TEST(ParameterVector, ListsTheScalarNumbersWithTheirValuesAndBounds) {
    const Scenario scenario = testing::synthetic_baseline_with({"mortality.multiplier=1.25"});
    const auto parameters = numeric_parameters(scenario);
    const NumericParameter* multiplier = find(parameters, "mortality.multiplier");
    ASSERT_NE(multiplier, nullptr);
    EXPECT_EQ(multiplier->value, 1.25);
    EXPECT_EQ(multiplier->min, 0.0);
    EXPECT_EQ(multiplier->max, 10.0);
    EXPECT_FALSE(multiplier->integer);
    const NumericParameter* fertility = find(parameters, "fertility.total_fertility");
    ASSERT_NE(fertility, nullptr);
    EXPECT_EQ(fertility->value, 1.67); // scenarios/baseline.toml
    const NumericParameter* lag = find(parameters, "register.death_lag_months");
    ASSERT_NE(lag, nullptr);
    EXPECT_TRUE(lag->integer);
    EXPECT_EQ(lag->max, 24.0);
    const NumericParameter* scale = find(parameters, "population.scale");
    ASSERT_NE(scale, nullptr);
    EXPECT_TRUE(scale->min_open);
    EXPECT_FALSE(scale->admits(0.0));
    EXPECT_TRUE(scale->admits(1.0));
    // Tables, seeds, lists and values per group are not in the vector.
    for (const char* key : {"mortality.rates", "run.seed", "run.start", "groups.names",
                            "register.arrival_compliance", "immigration.arrivals_per_year"})
        EXPECT_EQ(find(parameters, key), nullptr) << key;
}

TEST(ParameterVector, AVariantIsTheScenarioLoadedWithTheSameSetValues) {
    const Scenario scenario = testing::synthetic_baseline_with(testing::small_run());
    const auto variant = scenario_variant(scenario, {{"fertility.total_fertility", 2.1},
                                                     {"mortality.multiplier", 0.5},
                                                     {"register.birth_lag_months", 3}});
    ASSERT_TRUE(variant.ok());
    const Scenario with_set = testing::synthetic_baseline_with(
        testing::joined(testing::small_run(), {"fertility.total_fertility=2.1", "mortality.multiplier=0.5",
                                               "register.birth_lag_months=3"}));
    EXPECT_TRUE(*variant.scenario == with_set);
    EXPECT_EQ(variant.scenario->resolved_text, with_set.resolved_text);
    // The schedule is scaled to the new total fertility, and the text records it.
    const auto& rate = variant.scenario->settings<FertilitySettings>().rate;
    EXPECT_NEAR(std::accumulate(rate.begin(), rate.end(), 0.0), 2.1, 1e-12);
    EXPECT_NE(variant.scenario->resolved_text.find("total_fertility = 2.1\n"), std::string::npos);
    EXPECT_EQ(variant.scenario->settings<MortalitySettings>().multiplier, 0.5);
    EXPECT_EQ(find(numeric_parameters(*variant.scenario), "register.birth_lag_months")->value, 3.0);
    // The original is untouched, and a variant of the variant sets from it.
    EXPECT_EQ(scenario.settings<MortalitySettings>().multiplier, 1.0);
    const auto back = scenario_variant(*variant.scenario, {{"fertility.total_fertility", 1.67},
                                                           {"mortality.multiplier", 1.0},
                                                           {"register.birth_lag_months", 0}});
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.scenario->settings<FertilitySettings>(), scenario.settings<FertilitySettings>());
    EXPECT_EQ(back.scenario->settings<RegisterSettings>(), scenario.settings<RegisterSettings>());
}

TEST(ParameterVector, RefusesUnknownKeysAndValuesOutsideTheDeclaredBounds) {
    const Scenario scenario = testing::synthetic_baseline_with(testing::small_run());
    const auto refused = scenario_variant(scenario, {{"mortality.multiplier", 11.0},
                                                     {"mortality.multiplyer", 1.0},
                                                     {"register.arrival_compliance", 0.5},
                                                     {"run.months", 12.5},
                                                     {"population.scale", 0.0},
                                                     {"emigration.multiplier", 2.0}});
    EXPECT_FALSE(refused.ok());
    ASSERT_EQ(refused.problems.size(), 5u);
    const auto message = [&](const std::string& key) {
        for (const auto& p : refused.problems)
            if (p.key == key)
                return p.to_string();
        return std::string("(none)");
    };
    EXPECT_EQ(message("mortality.multiplier"),
              "parameter vector: mortality.multiplier: 11 is out of range: expected a number in [0, 10]");
    EXPECT_NE(message("mortality.multiplyer").find("unknown key"), std::string::npos);
    EXPECT_NE(message("register.arrival_compliance").find("unknown key"), std::string::npos);
    EXPECT_NE(message("run.months").find("12.5 is out of range: expected an integer in 1..1200"),
              std::string::npos);
    EXPECT_NE(message("population.scale").find("expected a number in (0, 1]"), std::string::npos);
}

TEST(ParameterVector, APerturbedRunDiffersOnlyWhereTheParameterActs) {
    // The register's death lag changes what the register holds, never the truth it observes.
    const Scenario scenario = testing::synthetic_baseline_with(testing::small_run());
    const auto variant = scenario_variant(scenario, {{"register.death_lag_months", 6}});
    ASSERT_TRUE(variant.ok());
    const PipelineResults base = run_pipeline(scenario, 1);
    const PipelineResults perturbed = run_pipeline(*variant.scenario, 1);
    EXPECT_EQ(base.run.truth.population.values, perturbed.run.truth.population.values);
    EXPECT_EQ(base.run.truth.flow("deaths").values, perturbed.run.truth.flow("deaths").values);
    EXPECT_NE(base.sources.population_register.population.values,
              perturbed.sources.population_register.population.values);
}

TEST(ParameterVector, ListsAndSetsTheNumbersOfTheScenariosChanges) {
    const auto with_changes = [](const std::string& factor, const std::string& lag) {
        return testing::joined(testing::small_run(),
                               {"changes.surge.key=immigration.arrivals_per_year.rest_of_world",
                                "changes.surge.shape=pulse", "changes.surge.from=2013-07",
                                "changes.surge.until=2013-12", "changes.surge.factor=" + factor,
                                "changes.lag.key=register.death_lag_months", "changes.lag.shape=step",
                                "changes.lag.from=2014-01", "changes.lag.value=" + lag});
    };
    const Scenario scenario = testing::synthetic_baseline_with(with_changes("4", "2"));
    const auto parameters = numeric_parameters(scenario);
    const NumericParameter* factor = find(parameters, "changes.surge.factor");
    ASSERT_NE(factor, nullptr);
    EXPECT_EQ(factor->value, 4.0);
    EXPECT_EQ(factor->max, 1000.0);
    const NumericParameter* lag = find(parameters, "changes.lag.value");
    ASSERT_NE(lag, nullptr);
    EXPECT_TRUE(lag->integer);
    EXPECT_EQ(lag->max, 24.0); // the range of register.death_lag_months
    EXPECT_EQ(find(parameters, "changes.surge.from"), nullptr);

    const auto variant =
        scenario_variant(scenario, {{"changes.surge.factor", 3.0}, {"changes.lag.value", 5}});
    ASSERT_TRUE(variant.ok()) << (variant.problems.empty() ? "" : variant.problems[0].to_string());
    const Scenario with_set = testing::synthetic_baseline_with(with_changes("3", "5"));
    EXPECT_TRUE(variant.scenario->timeline == with_set.timeline);
    // The pulse's target is the factor times rest_of_world's arrivals (the last group).
    const auto& arrivals = scenario.settings<ImmigrationSettings>().arrivals_per_year;
    EXPECT_EQ(variant.scenario->timeline.changes.front().value.by_group[arrivals.size() - 1],
              3 * arrivals.back());
    const auto refused =
        scenario_variant(scenario, {{"changes.surge.factor", 2000.0}, {"changes.lag.value", 2.5}});
    ASSERT_EQ(refused.problems.size(), 2u);
    EXPECT_NE(refused.problems[0].message.find("expected a number in [0, 1000]"), std::string::npos);
    EXPECT_NE(refused.problems[1].message.find("expected an integer in [0, 24]"), std::string::npos);
}

} // namespace
} // namespace migsim
