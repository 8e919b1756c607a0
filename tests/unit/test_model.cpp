// The engine as a whole, on small scenarios: accounting identities, switched-off processes,
// reproducibility across thread counts, and the register when it records perfectly.
#include <algorithm>

#include <gtest/gtest.h>

#include "pipeline/pipeline.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

using testing::joined;
using testing::synthetic_baseline_with;

/// A small version of the baseline: 1% of Denmark, three years.
std::vector<std::string> small(int months = 36) {
    return {"population.scale=0.01", "run.months=" + std::to_string(months), "population.areas=40"};
}

RunResults run(const Scenario& scenario, int threads = 1) {
    Model model(scenario, threads);
    return model.run();
}

TEST(Model, PopulationBalanceHoldsExactlyInEveryAreaAndYear) {
    const Scenario scenario = synthetic_baseline_with(small());
    const RunResults results = run(scenario, 2);
    const auto& truth = results.truth;
    ASSERT_EQ(results.calendar.flow_years, 3);
    ASSERT_EQ(results.calendar.population_years, 4);
    std::int64_t checked_events = 0;
    for (int year = 0; year < results.calendar.flow_years; ++year) {
        for (int area = 0; area < truth.population.areas; ++area) {
            const auto flow = [&](const char* name) { return truth.flow(name).total(year, area); };
            const std::int64_t expected = truth.population.total(year, area) + flow("births") -
                                          flow("deaths") + flow("immigration") + flow("returns") -
                                          flow("emigration") + flow("internal_in") - flow("internal_out");
            ASSERT_EQ(truth.population.total(year + 1, area), expected)
                << "year " << year << " area " << area;
            checked_events += flow("deaths") + flow("emigration") + flow("internal_in");
        }
    }
    // Every kind of event happened, so the identity was tested on real traffic.
    ASSERT_EQ(truth.flows.size(), 7u);
    for (std::size_t f = 0; f < truth.flows.size(); ++f)
        EXPECT_GT(truth.flows[f].total(), 0) << truth.flow_info[f].name;
    EXPECT_GT(checked_events, 1000);
}

struct SwitchedOff {
    const char* name;
    std::vector<std::string> overrides;
    std::vector<std::string> zero_flows;

    friend void PrintTo(const SwitchedOff& value, std::ostream* out) { *out << value.name; }
};

class ZeroRates : public ::testing::TestWithParam<SwitchedOff> {};

TEST_P(ZeroRates, GiveZeroEvents) {
    const SwitchedOff& off = GetParam();
    const RunResults results = run(synthetic_baseline_with(joined(small(24), off.overrides)));
    for (const std::string& f : off.zero_flows)
        EXPECT_EQ(results.truth.flow(f).total(), 0) << f;
    // ...while the other processes still run.
    EXPECT_GT(results.truth.flow("internal_out").total() + results.truth.flow("deaths").total(), 0);
}

// A planned stay ([spells]) ends in a departure and may end abroad in a next stay, whatever the
// emigration and return hazards: switching off emigration or returns switches off planned stays too.
INSTANTIATE_TEST_SUITE_P(
    Model, ZeroRates,
    ::testing::Values(
        SwitchedOff{"mortality", {"mortality.multiplier=0"}, {"deaths"}},
        SwitchedOff{"fertility", {"fertility.total_fertility=0"}, {"births"}},
        SwitchedOff{"emigration",
                    joined({"emigration.multiplier=0"}, testing::no_planned_stays()),
                    {"emigration", "returns"}},
        SwitchedOff{"internal", {"internal_migration.multiplier=0"}, {"internal_in", "internal_out"}},
        SwitchedOff{"returns", joined({"returns.multiplier=0"}, testing::no_planned_stays()), {"returns"}},
        SwitchedOff{"immigration", testing::no_immigration(), {"immigration"}}),
    [](const auto& test) { return std::string(test.param.name); });

void expect_same_results(const PipelineResults& a, const PipelineResults& b) {
    EXPECT_EQ(a.run.truth.population.values, b.run.truth.population.values);
    ASSERT_EQ(a.run.truth.flows.size(), b.run.truth.flows.size());
    for (std::size_t f = 0; f < a.run.truth.flows.size(); ++f)
        EXPECT_EQ(a.run.truth.flows[f].values, b.run.truth.flows[f].values) << a.run.truth.flow_info[f].name;
    EXPECT_EQ(a.run.truth.at_risk_months.values, b.run.truth.at_risk_months.values);
    EXPECT_EQ(a.sources.population_register.population.values,
              b.sources.population_register.population.values);
    EXPECT_EQ(a.run.abroad_end, b.run.abroad_end);
}

TEST(Model, SameSeedGivesIdenticalResultsAtOneTwoAndThreeThreads) {
    const Scenario scenario = synthetic_baseline_with(small());
    const PipelineResults one = run_pipeline(scenario, 1);
    const PipelineResults two = run_pipeline(scenario, 2);
    const PipelineResults three = run_pipeline(scenario, 3);
    EXPECT_EQ(one.run.threads, 1);
    EXPECT_EQ(two.run.threads, 2);
    EXPECT_EQ(three.run.threads, 3);
    expect_same_results(one, two);
    expect_same_results(one, three);
}

TEST(Model, RegisterEqualsTruthWhenComplianceIsOneAndLagsAreZero) {
    const Scenario scenario = synthetic_baseline_with(joined(small(), testing::perfect_register()));
    const PipelineResults results = run_pipeline(scenario, 2);
    EXPECT_EQ(results.sources.population_register.population.values, results.run.truth.population.values);
    EXPECT_GT(results.run.truth.flow("emigration").total(), 100);
    EXPECT_GT(results.run.truth.flow("returns").total(), 10);
}

TEST(Model, IdsAreUniqueAndSayHowEachPersonCameToBe) {
    const Scenario scenario = synthetic_baseline_with(small(36));
    Model model(scenario, 2);
    const RunResults results = model.run();
    std::vector<PersonId> ids;
    std::array<std::size_t, 3> by_source{};
    const auto check = [&](const PersonTable& persons) {
        for (std::size_t i = 0; i < persons.size(); ++i) {
            const PersonId id = persons.at(core.id, i);
            ids.push_back(id);
            const PersonSource source = person_source(id);
            ++by_source[static_cast<std::size_t>(source)];
            if (source == PersonSource::base_population) {
                ASSERT_EQ(person_creation_month(id), scenario.run.start);
            }
            if (source == PersonSource::immigrant) {
                ASSERT_EQ(person_creation_month(id), persons.at(core.first_arrival, i));
                ASSERT_EQ(static_cast<int>(persons.at(core.origin, i)),
                          1 + static_cast<int>((id >> 32) & 0xffff));
            }
            if (source == PersonSource::newborn) {
                ASSERT_EQ(person_creation_month(id), persons.at(core.birth, i));
                ASSERT_EQ(persons.at(core.origin, i), native_born);
            }
        }
    };
    for (const auto& block : model.population().persons)
        check(block);
    check(model.abroad().persons);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "two persons share an id";
    for (std::size_t count : by_source)
        EXPECT_GT(count, 1000u);
    EXPECT_EQ(results.newborn_id_collisions, 0u);
}

TEST(Model, HotStateStaysWithinSixtyFourBytesPerPerson) {
    const RunResults results = run(synthetic_baseline_with(small(12)));
    ASSERT_GT(results.peak_hot_persons, 0u);
    EXPECT_LE(static_cast<double>(results.peak_hot_bytes) / static_cast<double>(results.peak_hot_persons),
              64.0);
}

} // namespace
} // namespace migsim
