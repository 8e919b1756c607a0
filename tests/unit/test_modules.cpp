// The engine's extension points: streams declared by their owners and unique, flows and person
// columns registered by the processes and sources that own them, and the runner that builds a base
// population once for every run that shares it.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "calibration/streams.hpp"
#include "pipeline/pipeline.hpp"
#include "processes/fertility.hpp"
#include "processes/fertility_settings.hpp"
#include "processes/immigration.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

TEST(Streams, EveryStreamOfTheFirstVersionKeepsItsNumberAndNoTwoShareOne) {
    // Each module declares its streams in its own header; the numbers of the first version are
    // part of the reproducibility contract.
    const std::vector<std::pair<StreamId, std::uint64_t>> reserved = {{competing_events_stream, 1},
                                                                      {event_detail_stream, 2},
                                                                      {fertility_stream, 3},
                                                                      {immigration_stream, 4},
                                                                      {abroad_stream, 5},
                                                                      {base_population_stream, 6},
                                                                      {register_arrival_stream, 7},
                                                                      {register_departure_stream, 8},
                                                                      {areas_stream, 9}};
    std::set<std::uint64_t> ids;
    for (const auto& [stream, number] : reserved) {
        EXPECT_EQ(stream.value, number);
        EXPECT_TRUE(ids.insert(stream.value).second);
    }
    // A named stream never takes a reserved number, and different names differ.
    const StreamId labour = stream_named("labour.activity");
    EXPECT_GE(labour.value, reserved_stream_limit);
    EXPECT_NE(labour.value, stream_named("labour.education").value);
    EXPECT_EQ(labour.value, stream_named("labour.activity").value);
}

TEST(Streams, ARunRegistersEachOnceAndRefusesADuplicate) {
    const Scenario scenario = testing::synthetic_baseline_with(testing::small_run());
    Sources sources(scenario);
    Model model(scenario, 1, sources.observers());
    const auto& entries = model.state().streams.entries();
    std::set<std::uint64_t> ids;
    std::set<std::string> names;
    for (const auto& entry : entries) {
        EXPECT_TRUE(ids.insert(entry.id.value).second) << entry.name;
        EXPECT_TRUE(names.insert(entry.name).second) << entry.name;
    }
    EXPECT_EQ(names, (std::set<std::string>{"competing_events", "event_detail", "fertility", "immigration",
                                            "abroad", "register_arrival", "register_departure", "spells",
                                            "labour", "labour.entry", "naturalisation",
                                            "naturalisation.start", "permits", "permits.entry"}));
    StreamRegistry registry = model.state().streams;
    EXPECT_THROW(registry.declare(fertility_stream, "another", "a new process"), std::logic_error);
    EXPECT_THROW(registry.declare(stream_named("x"), "fertility", "a new process"), std::logic_error);
}

TEST(Registries, FlowsAndColumnsBelongToTheirOwners) {
    const Scenario scenario = testing::synthetic_baseline_with(testing::small_run());
    Sources sources(scenario);
    Model model(scenario, 1, sources.observers());
    std::vector<std::string> flows;
    for (const FlowInfo& info : model.state().truth.flow_info)
        flows.push_back(info.name);
    std::sort(flows.begin(), flows.end());
    EXPECT_EQ(flows, (std::vector<std::string>{"births", "deaths", "emigration", "immigration", "internal_in",
                                               "internal_out", "returns"}));
    const ColumnLayout& layout = model.state().layout;
    std::vector<std::string> register_columns;
    for (const ColumnInfo& info : layout.columns())
        if (info.owner == "register")
            register_columns.push_back(info.name);
    EXPECT_EQ(register_columns,
              (std::vector<std::string>{"register.registered_from", "register.deregistered_from"}));
    // Hot bytes per person: the columns kept for persons present (the pool's spell columns and the
    // register's record of a departure are not).
    std::size_t present_bytes = 0;
    for (const ColumnInfo& info : layout.columns())
        present_bytes += info.scope == ColumnScope::everywhere ? info.size : 0;
    // id 8, birth month 2, sex, origin and generation 1 each, first and latest arrival 2 each, the
    // register's registration month 2; spells: citizenship and migrant type 1 each, planned end 2;
    // the migration definitions: the index of the border-crossing history 4; the labour market:
    // background and activity status 1 each; the residence permit 1. At most 32 bytes.
    EXPECT_EQ(present_bytes, 8u + 2u + 1u + 1u + 1u + 2u + 2u + 2u + 1u + 1u + 2u + 4u + 1u + 1u + 1u);
    EXPECT_LE(present_bytes, 32u);
}

TEST(Runner, AVariantThatSharesTheBasePopulationGivesTheSameRunAsAFreshOne) {
    const Scenario scenario = testing::synthetic_baseline_with(testing::small_run());
    const Runner runner(scenario);
    // A multiplier changes the simulated period, not the base population.
    const Scenario variant = testing::synthetic_baseline_with(
        testing::joined(testing::small_run(), {"emigration.multiplier=1.3"}));
    ASSERT_TRUE(runner.shares_base_population(variant));
    const PipelineResults reused = runner.run(variant, 2);
    const PipelineResults fresh = run_pipeline(variant, 1);
    EXPECT_EQ(reused.run.truth.population.values, fresh.run.truth.population.values);
    EXPECT_EQ(reused.run.truth.flow("emigration").values, fresh.run.truth.flow("emigration").values);
    EXPECT_EQ(reused.sources.population_register.population.values,
              fresh.sources.population_register.population.values);
    // The runner's own scenario twice: identical, the base population untouched by a run.
    EXPECT_EQ(runner.run(scenario, 1).run.truth.population.values,
              runner.run(scenario, 2).run.truth.population.values);
    // Another seed or another size needs another base population.
    EXPECT_FALSE(runner.shares_base_population(
        testing::synthetic_baseline_with(testing::joined(testing::small_run(), {"run.seed=5"}))));
    EXPECT_FALSE(runner.shares_base_population(testing::synthetic_baseline_with(
        testing::joined(testing::small_run(), {"immigration.arrivals_per_year=1000"}))));
    // The pattern of fertility by age links the base population's children to their mothers; its
    // level does not.
    EXPECT_TRUE(runner.shares_base_population(testing::synthetic_baseline_with(
        testing::joined(testing::small_run(), {"fertility.total_fertility=1.9"}))));
    Scenario later_mothers = scenario;
    later_mothers.settings<FertilitySettings>().schedule[35] *= 2.0;
    EXPECT_FALSE(runner.shares_base_population(later_mothers));
}

} // namespace
} // namespace migsim
