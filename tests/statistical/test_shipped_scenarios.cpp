// The scenarios shipped beside the default one (scenarios/surge.toml, circular.toml,
// return_wave.toml): each is the default scenario and its changes, nothing else; the surge raises
// the arrivals it targets by its factor in its months and leaves every other group's arrivals the
// same persons (common random numbers); a circular share of 0 gives no circular migrant; a wave of
// one partner's departures raises that partner's emigration only.
#include <algorithm>
#include <map>
#include <tuple>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "model/run_state.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/spells_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

Scenario shipped(const std::string& name, const std::vector<std::string>& overrides) {
    return testing::scenario_with_overrides(std::string(MIGSIM_SOURCE_DIR) + "/scenarios/" + name, overrides);
}

TEST(ShippedScenarios, EachIsTheDefaultScenarioAndItsChanges) {
    const Scenario baseline = testing::scenario_with_overrides(testing::baseline_path(), {});
    for (const auto& [file, changes] : std::vector<std::pair<std::string, std::size_t>>{
             {"surge.toml", 1}, {"circular.toml", 7}, {"return_wave.toml", 2}}) {
        SCOPED_TRACE(file);
        const Scenario scenario = shipped(file, {});
        EXPECT_FALSE(scenario.timeline.changes.empty());
        // Its resolved text is the default scenario's (after the line naming the file), the
        // default scenario's changes (the published paths) and its own.
        const auto body = [](const std::string& text) { return text.substr(text.find('\n')); };
        const auto settings = [](const std::string& text) {
            return text.substr(0, text.find("\n[changes."));
        };
        const auto changes_in = [](const std::string& text) {
            std::vector<std::string> blocks;
            for (std::size_t at = text.find("\n[changes."); at != std::string::npos;) {
                const std::size_t next = text.find("\n[changes.", at + 1);
                blocks.push_back(text.substr(at, next == std::string::npos ? std::string::npos : next - at));
                at = next;
            }
            return blocks;
        };
        const std::string text = body(scenario.resolved_text);
        ASSERT_NE(text.find("\n[changes."), std::string::npos);
        EXPECT_EQ(settings(text), settings(body(baseline.resolved_text)));
        const auto own = changes_in(text);
        const auto inherited = changes_in(body(baseline.resolved_text));
        ASSERT_EQ(inherited.size(), 2u) << "the published paths of fertility and immigration";
        EXPECT_EQ(own.size(), changes + inherited.size());
        for (const std::string& block : inherited)
            EXPECT_NE(std::find(own.begin(), own.end(), block), own.end()) << block;
    }
}

/// First arrivals aged 15 and over (the scheduled ones) by (group, month), and who they are.
class Arrivals final : public Observer {
public:
    void observe(const PersonEvent& event) override {
        if (event.kind != EventKind::immigration)
            return;
        const PersonTable& persons = *event.persons;
        if (age_in_years(event.month, persons.at(core.birth, event.row)) < family_child_age_limit)
            return;
        ++by_group_month[{event.partner, event.month}];
        who[event.partner].push_back(
            {event.person(), persons.at(core.sex, event.row), persons.at(core.birth, event.row)});
    }
    std::map<std::pair<int, Month>, std::int64_t> by_group_month;
    std::map<int, std::vector<std::tuple<PersonId, std::uint8_t, StoredMonth>>> who;
};

TEST(ShippedScenarios, TheSurgeMultipliesSyriasArrivalsInItsMonthsAndLeavesEveryOtherGroupAlone) {
    // 2 % of Denmark, 2013-2017: Syria's scheduled arrivals are 1,628 x 0.02 x (its share aged 15+)
    // a year, x4 from July 2015 to December 2016. Whole arrivals carry their remainder, so a span of
    // months is exact within one arrival.
    const std::vector<std::string> run = {"population.scale=0.02", "population.areas=20", "run.months=60",
                                          "returns.start_in_equilibrium=false"};
    const Scenario surge = shipped("surge.toml", run);
    const Scenario steady = testing::synthetic_baseline_with(run);
    Arrivals with, without;
    Model(surge, 2, {&with}).run();
    Model(steady, 2, {&without}).run();
    const auto& names = steady.groups.names;
    const int syria = static_cast<int>(std::find(names.begin(), names.end(), "syria") - names.begin());
    ASSERT_LT(syria, static_cast<int>(names.size()));
    const auto between = [&](const Arrivals& counted, Month first, Month last) {
        std::int64_t n = 0;
        for (Month m = first; m <= last; ++m) {
            const auto found = counted.by_group_month.find({syria, m});
            n += found == counted.by_group_month.end() ? 0 : found->second;
        }
        return n;
    };
    const std::int64_t pulse = between(with, month_of(2015, 7), month_of(2016, 12));
    const std::int64_t steady_pulse = between(without, month_of(2015, 7), month_of(2016, 12));
    ASSERT_GT(steady_pulse, 30);
    EXPECT_NEAR(static_cast<double>(pulse), 4.0 * static_cast<double>(steady_pulse), 4.0 + 1.0);
    EXPECT_NEAR(static_cast<double>(between(with, month_of(2015, 1), month_of(2015, 6))),
                static_cast<double>(between(without, month_of(2015, 1), month_of(2015, 6))), 1.0);
    EXPECT_NEAR(static_cast<double>(between(with, month_of(2017, 1), month_of(2017, 12))),
                static_cast<double>(between(without, month_of(2017, 1), month_of(2017, 12))), 1.0);
    // Every other group: the same persons, with the same sex and birth month, in the same order.
    for (int group = 0; group < static_cast<int>(names.size()); ++group)
        if (group != syria) {
            EXPECT_FALSE(with.who[group].empty()) << names[static_cast<std::size_t>(group)];
            EXPECT_TRUE(with.who[group] == without.who[group]) << names[static_cast<std::size_t>(group)];
        }
}

/// Persons of the circular type, present or abroad, at the end of any month of the run.
std::int64_t circular_seen = 0;

class CircularCounter final : public Process {
public:
    explicit CircularCounter(RunState& state)
        : state_(state), type_(state.layout.find<std::uint8_t>("spell.type")) {}
    void month_end(Month) override {
        const auto circular = static_cast<std::uint8_t>(MigrantType::circular);
        for (const PersonTable& persons : state_.population.persons)
            for (std::size_t i = 0; i < persons.size(); ++i)
                circular_seen += persons.at(type_, i) == circular;
        const PersonTable& abroad = state_.abroad.persons;
        for (std::size_t i = 0; i < abroad.size(); ++i)
            circular_seen += abroad.at(type_, i) == circular;
    }

private:
    RunState& state_;
    Column<std::uint8_t> type_;
};

std::unique_ptr<Process> make_circular_counter(RunState& state) {
    return std::make_unique<CircularCounter>(state);
}

TEST(ShippedScenarios, ACircularShareOf0GivesNoCircularMigrant) {
    const std::vector<std::string> run = {"population.scale=0.02", "population.areas=20", "run.months=24"};
    std::vector<ProcessFactory> added(added_processes().begin(), added_processes().end());
    added.push_back(&make_circular_counter);
    circular_seen = 0;
    Model(testing::synthetic_baseline_with(run), 2, {}, added).run();
    EXPECT_GT(circular_seen, 1000) << "the default shares give circular migrants";
    circular_seen = 0;
    Model(testing::synthetic_baseline_with(testing::joined(run, {"spells.circular_share=0"})), 2, {}, added)
        .run();
    EXPECT_EQ(circular_seen, 0);
}

} // namespace
} // namespace migsim
