// links: migsim_settings
// Scenarios that change over time ([changes.NAME], docs/scenarios.md): each shape resolved into the
// value of every month, written from the documented definitions; one number for every group; the
// mistakes a change can hold, each with file, line and key, all at once; hints that stay in their
// own section; --set on a change; the resolved text that repeats the run.
#include <gtest/gtest.h>

#include <cmath>

#include "processes/fertility_settings.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/mortality_settings.hpp"
#include "scenario/parameters.hpp"
#include "scenario/timeline_load.hpp"
#include "sources/register_settings.hpp"
#include "support/scenario_checks.hpp"

namespace migsim {
namespace {

using namespace migsim::testing;

// tests/fixtures/scenarios/valid.toml: 24 months from 2013-01; groups eu_efta, rest_of_europe,
// rest_of_world; arrivals 32000, 11000, 27000; mortality.multiplier 2.0; register lags by origin
// 1, 2, 3, 2; arrival compliance 0.98, 0.90, 0.85, 0.92.
const Month start = month_of(2013, 1);

/// valid.toml with `changes` appended (and `replace` lines swapped first), loaded from the fixture
/// folder so that its tables are found.
ScenarioLoad with_changes(const std::string& changes, const std::vector<std::string>& overrides = {},
                          const std::vector<std::pair<std::string, std::string>>& replace = {}) {
    std::string text = read_text(fixtures / "valid.toml");
    for (const auto& [from, to] : replace) {
        const auto at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        if (at != std::string::npos)
            text.replace(at, from.size(), to);
    }
    return load_scenario_text(text + changes, fixture("valid.toml"), overrides);
}

/// The 1-based line of the first line of valid.toml + `changes` that contains `needle`.
int line_of(const std::string& changes, const std::string& needle) {
    const std::string text = read_text(fixtures / "valid.toml") + changes;
    const auto at = text.find(needle);
    EXPECT_NE(at, std::string::npos) << needle;
    return 1 +
           static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

/// The scheduled values of `key`, by month.
std::vector<std::pair<Month, ParameterValue>> scheduled(const Scenario& s, const std::string& key) {
    std::vector<std::pair<Month, ParameterValue>> found;
    for (const ScheduledValue& change : s.timeline.changes)
        if (change.key == key)
            found.emplace_back(change.month, change.value);
    return found;
}

const ParameterPath* path_of(const Scenario& s, const std::string& element) {
    for (const ParameterPath& path : s.timeline.paths)
        if (path.element == element)
            return &path;
    return nullptr;
}

const Scenario& loaded(const ScenarioLoad& load) {
    EXPECT_TRUE(load.ok()) << all_problems(load);
    if (!load.ok())
        throw std::runtime_error("the scenario did not load");
    return *load.scenario;
}

TEST(TimelineResolution, AStepHoldsItsValueFromItsFirstMonthToTheEnd) {
    const auto load = with_changes(R"(
[changes.worse]
key = "mortality.multiplier"
shape = "step"
from = "2013-07"
value = 3.0
)");
    const Scenario& s = loaded(load);
    EXPECT_EQ(s.settings<MortalitySettings>().multiplier, 2.0); // the start's value
    const auto steps = scheduled(s, "mortality.multiplier");
    ASSERT_EQ(steps.size(), 1u);
    EXPECT_EQ(steps[0].first, month_of(2013, 7));
    EXPECT_EQ(steps[0].second.real, 3.0);
    ASSERT_EQ(s.timeline.changes.size(), 1u);
    // The assign stores the value as loading would.
    Scenario changed = s;
    s.timeline.changes[0].assign(changed, s.timeline.changes[0].value);
    EXPECT_EQ(changed.settings<MortalitySettings>().multiplier, 3.0);
    const ParameterPath* path = path_of(s, "mortality.multiplier");
    ASSERT_NE(path, nullptr);
    ASSERT_EQ(path->value.size(), 24u);
    for (int m = 0; m < 24; ++m)
        EXPECT_EQ(path->value[static_cast<std::size_t>(m)], m < 6 ? 2.0 : 3.0) << m;
}

TEST(TimelineResolution, ARampMovesLinearlyInMonthsAndReachesItsTargetInUntil) {
    // From 2.0 to 2 x 2.0 over March..June: n = 4 months, month k of the ramp has (k + 1) / 4 of
    // the way (docs/parameters.md, [changes.NAME]).
    const auto load = with_changes(R"(
[changes.worse]
key = "mortality.multiplier"
shape = "ramp"
from = "2013-03"
until = "2013-06"
factor = 2.0
)");
    const Scenario& s = loaded(load);
    const auto ramp = scheduled(s, "mortality.multiplier");
    ASSERT_EQ(ramp.size(), 4u);
    for (int k = 0; k < 4; ++k) {
        EXPECT_EQ(ramp[static_cast<std::size_t>(k)].first, month_of(2013, 3 + k));
        EXPECT_DOUBLE_EQ(ramp[static_cast<std::size_t>(k)].second.real, 2.0 + 2.0 * (k + 1) / 4.0) << k;
    }
    EXPECT_EQ(ramp.back().second.real, 4.0); // exactly the target
    const ParameterPath* path = path_of(s, "mortality.multiplier");
    ASSERT_NE(path, nullptr);
    EXPECT_EQ(path->value[1], 2.0);
    EXPECT_EQ(path->value[23], 4.0);
}

TEST(TimelineResolution, APulseOfOneGroupReturnsToThePreviousValueTheMonthAfterItsLast) {
    const auto load = with_changes(R"(
[changes.surge]
key = "immigration.arrivals_per_year.rest_of_world"
shape = "pulse"
from = "2013-07"
until = "2014-06"
factor = 4
)");
    const Scenario& s = loaded(load);
    const auto pulse = scheduled(s, "immigration.arrivals_per_year");
    ASSERT_EQ(pulse.size(), 2u);
    EXPECT_EQ(pulse[0].first, month_of(2013, 7));
    EXPECT_EQ(pulse[0].second.by_group, (std::vector<double>{32000, 11000, 4 * 27000}));
    EXPECT_EQ(pulse[1].first, month_of(2014, 7));
    EXPECT_EQ(pulse[1].second.by_group, (std::vector<double>{32000, 11000, 27000}));
    // Only the changed element is recorded.
    ASSERT_EQ(s.timeline.paths.size(), 1u);
    EXPECT_EQ(s.timeline.paths[0].element, "immigration.arrivals_per_year.rest_of_world");
    EXPECT_EQ(s.timeline.paths[0].value[6], 108000.0);
    EXPECT_EQ(s.timeline.paths[0].value[17], 108000.0);
    EXPECT_EQ(s.timeline.paths[0].value[18], 27000.0);
}

TEST(TimelineResolution, ValuesByYearApplyFromEachJanuaryAndFactorsByYearOnTheValueBefore) {
    const auto values = with_changes(R"(
[changes.fertility]
key = "fertility.total_fertility"
shape = "by_year"
value_by_year = { 2013 = 1.5, 2014 = 1.9 }
)");
    const Scenario& s = loaded(values);
    // 2013 is the start's value, the schedule rescaled to it.
    const auto& fertility = s.settings<FertilitySettings>();
    EXPECT_EQ(fertility.total_fertility, 1.5);
    double sum = 0.0;
    for (const double rate : fertility.rate)
        sum += rate;
    EXPECT_NEAR(sum, 1.5, 1e-12);
    const auto by_year = scheduled(s, "fertility.total_fertility");
    ASSERT_EQ(by_year.size(), 1u);
    EXPECT_EQ(by_year[0].first, month_of(2014, 1));
    EXPECT_EQ(by_year[0].second.real, 1.9);

    const auto factors = with_changes(R"(
[changes.fertility]
key = "fertility.total_fertility"
shape = "by_year"
factor_by_year = { 2014 = 1.25 }
)");
    const auto scaled = scheduled(loaded(factors), "fertility.total_fertility");
    ASSERT_EQ(scaled.size(), 1u);
    EXPECT_EQ(scaled[0].first, month_of(2014, 1));
    EXPECT_EQ(scaled[0].second.real, 1.73 * 1.25);
}

TEST(TimelineResolution, MonthsBeforeTheStartFoldIntoTheStartingValue) {
    // A ramp of November 2012 .. February 2013 from 2.0 to 4.0: 2.5, 3.0, then 3.5 in January (the
    // start's value) and 4.0 in February.
    const auto load = with_changes(R"(
[changes.earlier]
key = "mortality.multiplier"
shape = "ramp"
from = "2012-11"
until = "2013-02"
value = 4.0
[changes.long_ago]
key = "immigration.multiplier"
shape = "step"
from = "2001-01"
value = 0.5
)");
    const Scenario& s = loaded(load);
    EXPECT_EQ(s.settings<MortalitySettings>().multiplier, 3.5);
    EXPECT_EQ(s.settings<ImmigrationSettings>().multiplier, 0.5);
    const auto ramp = scheduled(s, "mortality.multiplier");
    ASSERT_EQ(ramp.size(), 1u);
    EXPECT_EQ(ramp[0].first, month_of(2013, 2));
    EXPECT_EQ(ramp[0].second.real, 4.0);
    EXPECT_TRUE(scheduled(s, "immigration.multiplier").empty());
    // The resolved scenario keeps the given values and the changes, so that it runs the same.
    EXPECT_NE(s.resolved_text.find("\nmultiplier = 2.0\n"), std::string::npos) << s.resolved_text;
    EXPECT_NE(s.resolved_text.find("[changes.earlier]"), std::string::npos);
}

TEST(TimelineResolution, IntegerParametersAreRoundedToTheNearestIntegerHalvesAwayFromZero) {
    // The lag of eu_efta (element 1 of a per-origin parameter) from 2 to 5 over March..June:
    // 2 + 3 (k + 1) / 4 = 2.75, 3.5, 4.25, 5 -> 3, 4, 4, 5; May equals April, so it is no change.
    const auto ramp = with_changes(R"(
[changes.slower]
key = "register.arrival_lag_months.eu_efta"
shape = "ramp"
from = "2013-03"
until = "2013-06"
value = 5
)");
    const auto lags = scheduled(loaded(ramp), "register.arrival_lag_months");
    ASSERT_EQ(lags.size(), 3u);
    EXPECT_EQ(lags[0].first, month_of(2013, 3));
    EXPECT_EQ(lags[0].second.by_group, (std::vector<double>{1, 3, 3, 2}));
    EXPECT_EQ(lags[1].first, month_of(2013, 4));
    EXPECT_EQ(lags[1].second.by_group, (std::vector<double>{1, 4, 3, 2}));
    EXPECT_EQ(lags[2].first, month_of(2013, 6));
    EXPECT_EQ(lags[2].second.by_group, (std::vector<double>{1, 5, 3, 2}));
    // A factor on an integer: 3 x 1.5 = 4.5 -> 5.
    const auto step = with_changes(R"(
[changes.slower]
key = "register.death_lag_months"
shape = "step"
from = "2014-01"
factor = 1.5
)",
                                   {"register.death_lag_months=3"});
    const auto death = scheduled(loaded(step), "register.death_lag_months");
    ASSERT_EQ(death.size(), 1u);
    EXPECT_EQ(death[0].second.integer, 5);
    Scenario changed = *step.scenario;
    step.scenario->timeline.changes[0].assign(changed, death[0].second);
    EXPECT_EQ(changed.settings<RegisterSettings>().death_lag_months, 5);
}

TEST(TimelineResolution, APerGroupParameterNamedAloneChangesEveryGroup) {
    const auto load = with_changes(R"(
[changes.more]
key = "immigration.arrivals_per_year"
shape = "step"
from = "2014-01"
factor = 2
[changes.stricter]
key = "register.arrival_compliance"
shape = "step"
from = "2014-01"
value = 0.5
)");
    const Scenario& s = loaded(load);
    const auto arrivals = scheduled(s, "immigration.arrivals_per_year");
    ASSERT_EQ(arrivals.size(), 1u);
    EXPECT_EQ(arrivals[0].second.by_group, (std::vector<double>{64000, 22000, 54000}));
    const auto compliance = scheduled(s, "register.arrival_compliance");
    ASSERT_EQ(compliance.size(), 1u);
    EXPECT_EQ(compliance[0].second.by_group, (std::vector<double>(4, 0.5)));
    EXPECT_NE(path_of(s, "register.arrival_compliance.native_born"), nullptr);
    EXPECT_EQ(s.timeline.paths.size(), 3u + 4u);
}

TEST(TimelineResolution, ChangesOfOneElementFollowEachOtherFromTheValueBefore) {
    // A pulse x2 in 2013-03..2013-05 (back in June), then a step x3 from August: 3 x the value
    // before August, which is the original 2.0.
    const auto load = with_changes(R"(
[changes.a_pulse]
key = "mortality.multiplier"
shape = "pulse"
from = "2013-03"
until = "2013-05"
factor = 2
[changes.b_step]
key = "mortality.multiplier"
shape = "step"
from = "2013-08"
factor = 3
)");
    const auto steps = scheduled(loaded(load), "mortality.multiplier");
    ASSERT_EQ(steps.size(), 3u);
    EXPECT_EQ(steps[0].second.real, 4.0);
    EXPECT_EQ(steps[1].first, month_of(2013, 6));
    EXPECT_EQ(steps[1].second.real, 2.0);
    EXPECT_EQ(steps[2].first, month_of(2013, 8));
    EXPECT_EQ(steps[2].second.real, 6.0);
}

TEST(TimelineResolution, SetOverridesAChangesKeysAndTheResolvedTextRepeatsIt) {
    const std::string changes = R"(
[changes.surge]
key = "immigration.arrivals_per_year.rest_of_world"
shape = "pulse"
from = "2013-07"
until = "2014-06"
factor = 4.0
)";
    const auto load = with_changes(changes, {"changes.surge.factor=3", "changes.surge.from=2013-09"});
    const Scenario& s = loaded(load);
    const auto pulse = scheduled(s, "immigration.arrivals_per_year");
    ASSERT_EQ(pulse.size(), 2u);
    EXPECT_EQ(pulse[0].first, month_of(2013, 9));
    EXPECT_EQ(pulse[0].second.by_group[2], 3 * 27000.0);
    // A change made on the command line alone.
    const auto made = with_changes("", {"changes.less.key=mortality.multiplier", "changes.less.shape=step",
                                        "changes.less.from=2014-01", "changes.less.value=1"});
    EXPECT_EQ(scheduled(loaded(made), "mortality.multiplier").size(), 1u);

    // Saved and loaded again, the resolved text gives the same scenario, timeline included.
    const fs::path saved = test_folder() / "resolved.toml";
    write_text(saved, s.resolved_text);
    const auto again = load_scenario(saved.string(), {}, {.allow_outside_tables = true});
    ASSERT_TRUE(again.ok()) << all_problems(again) << s.resolved_text;
    EXPECT_EQ(again.scenario->timeline, s.timeline);
    EXPECT_NE(
        s.resolved_text.find("[changes.surge]\nkey = \"immigration.arrivals_per_year.rest_of_world\"\n"
                             "shape = \"pulse\"\nfrom = \"2013-09\"\nuntil = \"2014-06\"\nfactor = 3.0\n"),
        std::string::npos)
        << s.resolved_text;
}

TEST(TimelineResolution, AnInactiveChangeIsCheckedButDoesNothing) {
    const std::string changes = R"(
[changes.surge]
key = "immigration.arrivals_per_year.rest_of_world"
shape = "pulse"
from = "2013-07"
until = "2014-06"
factor = 4.0
[changes.less]
key = "mortality.multiplier"
shape = "step"
from = "2014-01"
value = 1.0
)";
    // Switched off on the command line (as a base scenario's change would be): only the other acts.
    const auto off = with_changes(changes, {"changes.surge.active=false"});
    const Scenario& s = loaded(off);
    EXPECT_TRUE(scheduled(s, "immigration.arrivals_per_year").empty());
    EXPECT_EQ(scheduled(s, "mortality.multiplier").size(), 1u);
    ASSERT_EQ(s.timeline.paths.size(), 1u);
    EXPECT_EQ(s.timeline.paths[0].element, "mortality.multiplier");
    // The resolved text leaves it out, so that it runs again the same.
    EXPECT_EQ(s.resolved_text.find("[changes.surge]"), std::string::npos) << s.resolved_text;
    // active = true is the default; anything but true or false is a mistake at its line.
    EXPECT_EQ(scheduled(loaded(with_changes(changes, {"changes.surge.active=true"})),
                        "immigration.arrivals_per_year")
                  .size(),
              2u);
    const std::string wrong = changes + "active = \"no\"\n";
    const auto bad = with_changes(wrong);
    expect_problem(bad, fixture("valid.toml"), line_of(wrong, "active ="), "changes.less.active",
                   "expected true or false");
    // An inactive change is still checked: its mistakes are reported.
    const auto misspelt = with_changes(changes + "activ = false\n");
    EXPECT_FALSE(misspelt.ok());
}

TEST(TimelineValidation, EveryMistakeIsReportedWithFileLineAndKeyAllAtOnce) {
    const std::string changes = R"(
[changes.a]
key = "mortality.multiplier"
shape = "pulse"
from = "2013-03"
untill = "2013-05"
[changes.b]
key = "mortality.multiplyer"
shape = "step"
from = "2013-03"
factor = 2
[changes.c]
key = "run.months"
shape = "step"
from = "2013-03"
value = 12
[changes.d]
key = "returns.max_years_abroad"
shape = "step"
from = "2013-03"
value = 5
[changes.e]
key = "mortality.rates"
shape = "step"
from = "2013-03"
value = 5
[changes.f]
key = "register.arrival_compliance.africa"
shape = "step"
from = "2013-03"
value = 0.5
[changes.g]
key = "fertility.total_fertility"
shape = "wave"
from = "March"
factor = "x"
[changes.h]
key = "fertility.total_fertility"
shape = "step"
from = "2013-03"
until = "2013-06"
factor = 2
value = 2
[changes.i]
key = "internal_migration.multiplier"
shape = "ramp"
from = "2013-09"
until = "2013-06"
factor = 2000
[changes.j]
key = "register.birth_lag_months"
shape = "by_year"
from = "2013-01"
value_by_year = { 2014 = 2.5 }
[changes.k]
key = "emigration.multiplier"
shape = "step"
from = "2015-01"
value = 2
[changes.l]
key = "returns.multiplier"
shape = "pulse"
from = "2012-01"
until = "2012-12"
value = 2
[changes.m]
shape = "step"
)";
    const auto load = with_changes(changes);
    const std::string file = fixture("valid.toml");
    const auto at = [&](const std::string& needle) { return line_of(changes, needle); };
    expect_problem(load, file, at("untill"), "changes.a.untill", "unknown key (did you mean 'until'?)");
    expect_problem(load, file, at("[changes.a]"), "changes.a.until", "missing required key");
    expect_problem(load, file, at("[changes.a]"), "changes.a.factor", "needs factor");
    expect_problem(load, file, at("mortality.multiplyer"), "changes.b.key",
                   "'mortality.multiplyer' is not a parameter (did you mean 'mortality.multiplier'?)");
    expect_problem(load, file, at("run.months"), "changes.c.key", "cannot change during a run");
    expect_problem(load, file, at("returns.max_years_abroad"), "changes.d.key", "is fixed during a run");
    expect_problem(load, file, at("mortality.rates"), "changes.e.key", "only integer and number parameters");
    expect_problem(load, file, at("africa"), "changes.f.key", "unknown group 'africa'");
    expect_problem(load, file, at("\"wave\""), "changes.g.shape", "expected one of \"step\"");
    expect_problem(load, file, at("\"March\""), "changes.g.from", "expected a month \"YYYY-MM\"");
    expect_problem(load, file, at("\"x\""), "changes.g.factor",
                   "expected a factor (a number), found a string");
    expect_problem(load, file, at("until = \"2013-06\"\nfactor = 2\nvalue"), "changes.h.until",
                   "a step has no until");
    expect_problem(load, file, at("value = 2\n[changes.i]"), "changes.h.value",
                   "either factor or value, not both");
    expect_problem(load, file, at("until = \"2013-06\"\nfactor = 2000"), "changes.i.until",
                   "'2013-06' is before from = '2013-09'");
    expect_problem(load, file, at("factor = 2000"), "changes.i.factor", "2000 is out of range");
    expect_problem(load, file, at("from = \"2013-01\""), "changes.j.from", "has no from");
    expect_problem(load, file, at("2014 = 2.5"), "changes.j.value_by_year.2014", "expected an integer");
    expect_problem(load, file, at("[changes.k]"), "changes.k", "never acts: it starts in 2015-01");
    expect_problem(load, file, at("[changes.l]"), "changes.l", "never acts: the pulse 2012-01..2012-12 ends");
    expect_problem(load, file, at("[changes.m]"), "changes.m.key", "missing required key");
    expect_problem(load, file, at("[changes.m]"), "changes.m.from", "a step needs the month it starts");
    expect_problem(load, file, at("[changes.m]"), "changes.m.factor", "a step needs factor");
    EXPECT_EQ(load.problems.size(), 22u) << all_problems(load);
}

TEST(TimelineValidation, AValueOutOfRangeInSomeMonthIsReportedAtItsFirstMonth) {
    // Compliance of eu_efta 0.9 -> 1.35 over March..December 2013: 0.9 + 0.045 (k + 1) passes 1
    // at k = 2, May.
    const std::string changes = R"(
[changes.over]
key = "register.arrival_compliance.eu_efta"
shape = "ramp"
from = "2013-03"
until = "2013-12"
factor = 1.5
[changes.shares]
key = "emigration.destination_shares.eu_efta"
shape = "pulse"
from = "2014-02"
until = "2014-03"
value = 0.65
[changes.years]
key = "register.deregistration_probability.rest_of_world"
shape = "by_year"
factor_by_year = { 2013 = 1.0, 2014 = 2.0 }
)";
    const auto load = with_changes(changes);
    const std::string file = fixture("valid.toml");
    expect_problem(load, file, line_of(changes, "factor = 1.5"), "changes.over.factor",
                   "in 2013-05, register.arrival_compliance.eu_efta would be 1.035: out of range, expected "
                   "a number in [0, 1]");
    expect_problem(load, file, line_of(changes, "[changes.shares]"), "changes.shares.value",
                   "in 2014-02 the shares of emigration.destination_shares would sum to 1.1, not 1");
    expect_problem(load, file, line_of(changes, "factor_by_year"), "changes.years.factor_by_year.2014",
                   "in 2014-01, register.deregistration_probability.rest_of_world would be 1.2");
    EXPECT_EQ(load.problems.size(), 3u) << all_problems(load);
    // Within the range in every month, it loads.
    EXPECT_TRUE(with_changes(changes, {"changes.over.factor=1.1", "changes.shares.value=0.55",
                                       "changes.years.factor_by_year.2014=1.5"})
                    .ok());
}

TEST(TimelineValidation, ChangesOfOneElementMayNotOverlap) {
    const std::string changes = R"(
[changes.first]
key = "immigration.arrivals_per_year.eu_efta"
shape = "pulse"
from = "2013-03"
until = "2013-08"
factor = 2
[changes.second]
key = "immigration.arrivals_per_year"
shape = "step"
from = "2013-09"
factor = 2
[changes.third]
key = "immigration.arrivals_per_year.rest_of_world"
shape = "step"
from = "2013-05"
value = 1000
)";
    // `second` changes eu_efta the month the pulse returns (September): refused. `third` and
    // `second` change rest_of_world one after the other: fine.
    const auto load = with_changes(changes);
    expect_problem(
        load, fixture("valid.toml"), line_of(changes, "from = \"2013-09\""), "changes.second.from",
        "starts in 2013-09, while changes.first still changes immigration.arrivals_per_year.eu_efta "
        "(until 2013-09)");
    EXPECT_EQ(load.problems.size(), 1u) << all_problems(load);
    EXPECT_TRUE(with_changes(changes, {"changes.second.from=2013-10"}).ok());
    // Two changes from the same month are refused whatever their shapes.
    const auto same = with_changes(changes, {"changes.second.from=2013-10", "changes.third.from=2013-10"});
    expect_problem(same, "--set", 0, "changes.third.from", "while changes.second still changes");
}

TEST(TimelineValidation, MisspeltKeysAreSuggestedOnlyKeysOfTheirOwnSection) {
    const auto load = with_changes("", {"immigration.multiplyer=1.5", "emigration.multiplyer=1.5",
                                        "imigration.multiplier=1.5", "changes.x.factr=3"});
    expect_problem(load, "--set", 0, "immigration.multiplyer",
                   "unknown key (did you mean 'immigration.multiplier'?)");
    expect_problem(load, "--set", 0, "emigration.multiplyer",
                   "unknown key (did you mean 'emigration.multiplier'?)");
    expect_problem(load, "--set", 0, "imigration.multiplier", "no section 'imigration'");
    expect_problem(load, "--set", 0, "changes.x.factr", "unknown key (did you mean 'factor'?)");
    for (const ScenarioProblem& problem : load.problems) {
        if (problem.key.rfind("immigration.", 0) == 0) {
            EXPECT_EQ(problem.message.find("'emigration."), std::string::npos) << problem.to_string();
        }
    }
    // immigration.multiplier is a parameter: no problem of its own.
    const auto known = with_changes("", {"immigration.multiplier=1.5"});
    EXPECT_EQ(loaded(known).settings<ImmigrationSettings>().multiplier, 1.5);
    // A change's key is hinted the same way.
    const std::string misspelt =
        "\n[changes.x]\nkey = \"immigration.multiplyer\"\nshape = \"step\"\nfrom = \"2014-01\"\nvalue = 2\n";
    expect_problem(with_changes(misspelt), fixture("valid.toml"), line_of(misspelt, "immigration.multiplyer"),
                   "changes.x.key", "did you mean 'immigration.multiplier'?");
}

TEST(TimelineValidation, EveryChangeSettingIsInTheReference) {
    const std::string reference = parameter_reference_markdown();
    EXPECT_NE(reference.find("## [changes.NAME]"), std::string::npos);
    for (const ChangeSetting& setting : change_settings())
        EXPECT_NE(reference.find(std::string("| `") + setting.name + "` |"), std::string::npos)
            << setting.name;
    EXPECT_NE(
        reference.find("Pruning rule of the abroad pool: a person abroad this long is no longer followed. "
                       "*Fixed during a run.*"),
        std::string::npos);
}

} // namespace
} // namespace migsim
