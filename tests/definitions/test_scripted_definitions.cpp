// The truth under each definition for persons moved on a fixed calendar (definitions/scripted_moves),
// in a population where nothing else happens: every expected figure below is worked out by hand
// from the definitions of docs/model.md, in whole months (S = the start, 2013-01; the Januaries of
// the run are S, S + 12, ...). Each run is also compared, cell by cell, with the reference.
#include <numeric>

#include <gtest/gtest.h>

#include "definitions/definitions_support.hpp"
#include "definitions/scripted_moves.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

using namespace migsim::testing;
using scripted::Act;
using scripted::leave_to;
using scripted::Step;

/// Nobody is born, dies, moves or crosses the border but as the script says.
Scenario still_population(int months) {
    return synthetic_baseline_with(
        joined(closed_population(), {"population.scale=0.001", "population.areas=4",
                                     "run.months=" + std::to_string(months), "mortality.multiplier=0",
                                     "fertility.total_fertility=0", "returns.start_in_equilibrium=false"}));
}

/// Native-born persons of the base population aged 30 to 50 who never left: the first `n`.
std::vector<PersonId> natives(const Scenario& scenario, std::size_t n) {
    const Population base = base_population(scenario);
    std::vector<PersonId> chosen;
    for (const PersonTable& table : base.persons)
        for (std::size_t row = 0; row < table.size() && chosen.size() < n; ++row) {
            const int age = age_in_years(scenario.run.start, table.at(core.birth, row));
            if (table.at(core.origin, row) == native_born && table.at(core.latest_arrival, row) == never &&
                age >= 30 && age <= 50)
                chosen.push_back(table.at(core.id, row));
        }
    if (chosen.size() < n)
        throw std::logic_error("not enough persons to script");
    return chosen;
}

/// The totals of a run's figures, by year and definition (or direction and duration, or kind).
struct Figures {
    const RunResults& results;

    std::int64_t sum(const std::string& path, const std::string& name, std::size_t first,
                     std::size_t size) const {
        const auto& values = output_values(results, path, name);
        return std::accumulate(values.begin() + static_cast<std::ptrdiff_t>(first),
                               values.begin() + static_cast<std::ptrdiff_t>(first + size), std::int64_t{0});
    }
    std::size_t cells() const { return results.areas.size() * n_sexes * n_ages; }
    /// The partners (the scenario's groups), from the size of the flows by partner.
    std::size_t partners() const {
        const auto& values = output_values(results, "/truth/migration/flows", "immigration");
        return values.size() /
               (static_cast<std::size_t>(results.calendar.flow_years) * n_definitions * cells());
    }
    /// Per (year, definition) block of population: origins x cells.
    std::vector<std::int64_t> population(Definition d) const {
        std::vector<std::int64_t> out;
        const std::size_t block = (partners() + 1) * cells();
        for (int y = 0; y < results.calendar.population_years; ++y)
            out.push_back(sum(
                "/truth/migration", "population",
                (static_cast<std::size_t>(y) * n_definitions + static_cast<std::size_t>(d)) * block, block));
        return out;
    }
    std::vector<std::int64_t> flow(const std::string& name, Definition d) const {
        std::vector<std::int64_t> out;
        const std::size_t block = partners() * cells();
        for (int y = 0; y < results.calendar.flow_years; ++y)
            out.push_back(sum(
                "/truth/migration/flows", name,
                (static_cast<std::size_t>(y) * n_definitions + static_cast<std::size_t>(d)) * block, block));
        return out;
    }
    /// Crossings of each year in `direction` (0 in, 1 out) by duration.
    std::vector<std::int64_t> crossings(int year, int direction) const {
        std::vector<std::int64_t> out;
        const std::size_t block = partners() * n_sexes * n_ages;
        for (std::size_t duration = 0; duration < 4; ++duration)
            out.push_back(sum(
                "/truth/migration/flows", "crossings",
                ((static_cast<std::size_t>(year) * 2 + static_cast<std::size_t>(direction)) * 4 + duration) *
                    block,
                block));
        return out;
    }
    std::vector<std::int64_t> circular(CircularKind kind) const {
        std::vector<std::int64_t> out;
        const std::size_t block = (partners() + 1) * cells();
        for (int y = 0; y < results.calendar.population_years; ++y)
            out.push_back(sum("/truth/migration", "circular",
                              (static_cast<std::size_t>(y) * 2 + static_cast<std::size_t>(kind)) * block,
                              block));
        return out;
    }
    /// Births (component 1) or deaths (2) of each balance year.
    std::vector<std::int64_t> balance(Definition d, std::size_t component) const {
        const auto& values = output_values(results, "/truth/migration/balance", "persons");
        std::vector<std::int64_t> out;
        for (std::size_t y = 0; y < values.size() / (n_definitions * 6); ++y)
            out.push_back(values[(y * n_definitions + static_cast<std::size_t>(d)) * 6 + component]);
        return out;
    }
    std::vector<std::int32_t> provisional(const std::string& path) const {
        return output_values(results, path, "provisional");
    }
};

using V = std::vector<std::int64_t>;
constexpr auto present = Definition::present;
constexpr auto twelve = Definition::usual_residence_12m;
constexpr auto six = Definition::usual_residence_6m;
// Crossings by duration: under 3 months, short-term, long-term, ongoing.
const V none_crossing{0, 0, 0, 0};

DefinitionsRun run_script(const Scenario& scenario, scripted::Script script) {
    const bool with_plans = !script.plans.empty();
    scripted::script() = std::move(script);
    const ProcessFactory plain[] = {&scripted::make_scripted_moves, &make_migration_definitions};
    const ProcessFactory planned[] = {&scripted::make_scripted_moves_with_plans, &make_migration_definitions};
    DefinitionsRun run =
        with_plans ? run_with_reference(scenario, 2, planned) : run_with_reference(scenario, 2, plain);
    expect_reference(run);
    return run;
}

TEST(ScriptedDefinitions, AnAbsenceOf11MonthsChangesNoUsualResidenceAnd12Months) {
    const Scenario scenario = still_population(36);
    const Month s = scenario.run.start;
    const auto people = natives(scenario, 2);
    // A leaves in S + 5 and is back in S + 16: 11 months abroad; B is back in S + 17: 12 months.
    scripted::Script script;
    script.steps[people[0]] = {{s + 5, leave_to(1)}, {s + 16, Act::come_back}};
    script.steps[people[1]] = {{s + 5, leave_to(1)}, {s + 17, Act::come_back}};
    const DefinitionsRun run = run_script(scenario, script);
    const Figures f{run.results};
    const std::int64_t n = run.base_persons;
    // Present: both abroad on 1 January 2014 (S + 12).
    EXPECT_EQ(f.population(present), (V{n, n - 2, n, n}));
    EXPECT_EQ(f.flow("emigration", present), (V{2, 0, 0}));
    EXPECT_EQ(f.flow("immigration", present), (V{0, 2, 0}));
    // 12-month rule: A never stopped being a usual resident; B emigrated in S + 5 (2013) and
    // immigrated in S + 17 (2014), the stay after it going on 19 months at the end.
    EXPECT_EQ(f.population(twelve), (V{n, n - 1, n, n}));
    EXPECT_EQ(f.flow("emigration", twelve), (V{1, 0, 0}));
    EXPECT_EQ(f.flow("immigration", twelve), (V{0, 1, 0}));
    // 6-month rule: both residents until S + 11 (6 1/2 months lived in the 12 before it), not at
    // S + 12: emigration in month S + 11 (2013). Back in S + 16 (A) and S + 17 (B): residents again
    // at S + 23 and S + 24, 6 1/2 months lived since, so immigration in S + 22 and S + 23 (2014).
    EXPECT_EQ(f.population(six), (V{n, n - 2, n, n}));
    EXPECT_EQ(f.flow("emigration", six), (V{2, 0, 0}));
    EXPECT_EQ(f.flow("immigration", six), (V{0, 2, 0}));
    // The departures by the stays they start: A's 11 months short-term, B's 12 long-term; the
    // returns start stays going on for 20 and 19 months at the end: long-term.
    EXPECT_EQ(f.crossings(0, 1), (V{0, 1, 1, 0}));
    EXPECT_EQ(f.crossings(1, 0), (V{0, 0, 2, 0}));
    EXPECT_EQ(f.crossings(1, 1), none_crossing);
}

TEST(ScriptedDefinitions, StaysOf2And3MonthsAreUnder3MonthsAndShortTerm) {
    const Scenario scenario = still_population(24);
    const Month s = scenario.run.start;
    const auto people = natives(scenario, 2);
    scripted::Script script;
    script.steps[people[0]] = {{s + 5, leave_to(0)}, {s + 7, Act::come_back}};
    script.steps[people[1]] = {{s + 5, leave_to(0)}, {s + 8, Act::come_back}};
    const DefinitionsRun run = run_script(scenario, script);
    const Figures f{run.results};
    const std::int64_t n = run.base_persons;
    EXPECT_EQ(f.crossings(0, 1), (V{1, 1, 0, 0}));
    // The returns in S + 7 and S + 8 start stays of 17 and 16 months until the end: long-term.
    EXPECT_EQ(f.crossings(0, 0), (V{0, 0, 2, 0}));
    // Short absences change neither rule of usual residence (6 months away at most).
    for (const Definition d : {twelve, six}) {
        EXPECT_EQ(f.population(d), (V{n, n, n}));
        EXPECT_EQ(f.flow("emigration", d), (V{0, 0}));
        EXPECT_EQ(f.flow("immigration", d), (V{0, 0}));
    }
}

TEST(ScriptedDefinitions, AUsualResidentWhoDiesDuringAShortAbsenceIsADeathOfThatPopulation) {
    const Scenario scenario = still_population(36);
    const Month s = scenario.run.start;
    const auto people = natives(scenario, 3);
    scripted::Script script;
    // A dies abroad 4 months after leaving; B 14 months after; C dies at home.
    script.steps[people[0]] = {{s + 5, leave_to(2)}, {s + 9, Act::die_abroad}};
    script.steps[people[1]] = {{s + 5, leave_to(2)}, {s + 19, Act::die_abroad}};
    script.steps[people[2]] = {{s + 20, Act::die}};
    const DefinitionsRun run = run_script(scenario, script);
    const Figures f{run.results};
    const std::int64_t n = run.base_persons;
    // Present: A and B emigrated (2013), C died (2014).
    EXPECT_EQ(f.population(present), (V{n, n - 2, n - 3, n - 3}));
    EXPECT_EQ(f.balance(present, 2), (V{0, 1, 0}));
    EXPECT_EQ(f.flow("emigration", present), (V{2, 0, 0}));
    // 12-month rule: A's absence ended by death after 4 months, a usual resident's death (2013);
    // B's reached 12 months in S + 17: an emigrant in S + 5, whose death is not the country's.
    EXPECT_EQ(f.population(twelve), (V{n, n - 2, n - 3, n - 3}));
    EXPECT_EQ(f.balance(twelve, 2), (V{1, 1, 0}));
    EXPECT_EQ(f.flow("emigration", twelve), (V{1, 0, 0}));
    // 6-month rule: A is still a resident at S + 9 (leaving in S + 5: resident until S + 11), so his
    // death counts; B stopped being one in S + 11.
    EXPECT_EQ(f.population(six), (V{n, n - 2, n - 3, n - 3}));
    EXPECT_EQ(f.balance(six, 2), (V{1, 1, 0}));
    EXPECT_EQ(f.flow("emigration", six), (V{1, 0, 0}));
    // A's absence of 4 months: short-term; B's of 14: long-term.
    EXPECT_EQ(f.crossings(0, 1), (V{0, 1, 1, 0}));
}

TEST(ScriptedDefinitions, ANonResidentBecomesOneOnlyByAStayOf12MonthsAndAStayPastTheEndIsProvisional) {
    const Scenario scenario = still_population(36);
    const Month s = scenario.run.start;
    const auto people = natives(scenario, 2);
    scripted::Script script;
    // Both leave in S + 1 and come back in S + 14 (13 months abroad: emigrants); C leaves again
    // after 11 months (S + 25), D after 12 (S + 26), both still abroad at the end (S + 36).
    script.steps[people[0]] = {{s + 1, leave_to(0)}, {s + 14, Act::come_back}, {s + 25, leave_to(0)}};
    script.steps[people[1]] = {{s + 1, leave_to(0)}, {s + 14, Act::come_back}, {s + 26, leave_to(0)}};
    const DefinitionsRun run = run_script(scenario, script);
    const Figures f{run.results};
    const std::int64_t n = run.base_persons;
    // 12-month rule: C's stay of 11 months leaves him a non-resident; D's 12 make her a resident
    // from S + 14 (on 1 January S + 24), and her departure in S + 26 starts an absence going on for
    // 10 months at the end: without a plan to come back, a long one, provisionally.
    EXPECT_EQ(f.population(twelve), (V{n, n - 2, n - 1, n - 2}));
    EXPECT_EQ(f.flow("emigration", twelve), (V{2, 0, 1}));
    EXPECT_EQ(f.flow("immigration", twelve), (V{0, 1, 0}));
    EXPECT_EQ(f.provisional("/truth/migration/flows"),
              (std::vector<std::int32_t>{0, 0, 0, 0, 0, 0, 0, 1, 0}));
    EXPECT_EQ(f.provisional("/truth/migration"),
              (std::vector<std::int32_t>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}));
    // The crossings: out long-term (13 months), in short-term (C, 11) and long-term (D, 12), and
    // the last departures ongoing.
    EXPECT_EQ(f.crossings(0, 1), (V{0, 0, 2, 0}));
    EXPECT_EQ(f.crossings(1, 0), (V{0, 1, 1, 0}));
    EXPECT_EQ(f.crossings(2, 1), (V{0, 0, 0, 2}));
}

TEST(ScriptedDefinitions, AStayGoingOnAtTheEndIsClassifiedByItsPlannedEnd) {
    const Scenario scenario = still_population(36);
    const Month s = scenario.run.start;
    const auto people = natives(scenario, 2);
    scripted::Script script;
    // Both leave in S + 26, still abroad at the end (S + 36); E plans to come back in S + 37 (an
    // absence of 11 months), F in S + 38 (12 months).
    script.steps[people[0]] = {{s + 26, leave_to(1)}};
    script.steps[people[1]] = {{s + 26, leave_to(1)}};
    script.plans[people[0]] = {{s + 26, static_cast<StoredMonth>(s + 37)}};
    script.plans[people[1]] = {{s + 26, static_cast<StoredMonth>(s + 38)}};
    const DefinitionsRun run = run_script(scenario, script);
    const Figures f{run.results};
    const std::int64_t n = run.base_persons;
    // E stays a usual resident (abroad on 1 January S + 36, counted in the area he left); F is an
    // emigrant of 2015.
    EXPECT_EQ(f.population(twelve), (V{n, n, n, n - 1}));
    EXPECT_EQ(f.flow("emigration", twelve), (V{0, 0, 1}));
    EXPECT_EQ(f.provisional("/truth/migration/flows")[2 * n_definitions + 1], 1);
    EXPECT_EQ(f.provisional("/truth/migration")[3 * n_definitions + 1], 1);
    // The 6-month rule needs no future: both left 10 months before the end, so neither is a
    // resident at S + 36, and nothing is provisional.
    EXPECT_EQ(f.population(six), (V{n, n, n, n - 2}));
    EXPECT_EQ(f.provisional("/truth/migration/flows")[2 * n_definitions + 2], 0);
}

TEST(ScriptedDefinitions, CircularWorkersOnAFixedCalendarAreCountedExactly) {
    const Scenario scenario = still_population(72);
    const Month s = scenario.run.start;
    constexpr std::size_t k = 20; // workers of each pattern
    const auto people = natives(scenario, 4 * k);
    scripted::Script script;
    for (std::size_t i = 0; i < k; ++i) {
        // W12: 12 months abroad, 12 at home, ...: out S + 1, in S + 13, out S + 25, ...
        auto& w12 = script.steps[people[i]];
        for (Month m = s + 1; m < s + 72; m += 24)
            w12.insert(w12.end(), {{m, leave_to(0)}, {m + 12, Act::come_back}});
        // W11: 11 months abroad, 13 at home: out S + 1, in S + 12, out S + 25, in S + 36, ...
        auto& w11 = script.steps[people[k + i]];
        for (Month m = s + 1; m < s + 72; m += 24)
            w11.insert(w11.end(), {{m, leave_to(1)}, {m + 11, Act::come_back}});
        // W3: 3 months abroad, 12 at home: out S + 1, in S + 4, out S + 16, in S + 19, ...
        auto& w3 = script.steps[people[2 * k + i]];
        for (Month m = s + 1; m < s + 72; m += 15)
            w3.insert(w3.end(), {{m, leave_to(2)}, {m + 3, Act::come_back}});
        // W2: 2 months abroad, 10 at home.
        auto& w2 = script.steps[people[3 * k + i]];
        for (Month m = s + 1; m < s + 72; m += 12)
            w2.insert(w2.end(), {{m, leave_to(2)}, {m + 2, Act::come_back}});
    }
    const DefinitionsRun run = run_script(scenario, script);
    const Figures f{run.results};
    const auto n = static_cast<std::int64_t>(k);
    // Circular (stays of 12 months or more, 3 crossings in 10 years), on 1 January S, S + 12, ...,
    // S + 72. W12 is present on S + 24 (2 crossings), S + 48 (4: S + 1, 13, 25, 37; the stay from
    // S + 37 reaches 12 months in S + 49) and S + 72 (6; the stay from S + 61 has lasted 11 months
    // at the end, and without a plan counts as long: provisionally); abroad on S + 36 and S + 60.
    // W11's stays abroad are 11 months: never circular.
    EXPECT_EQ(f.circular(CircularKind::circular), (V{0, 0, 0, 0, n, 0, n}));
    EXPECT_EQ(output_values(run.results, "/truth/migration", "circular_provisional"),
              (std::vector<std::int32_t>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}));
    // Short-term circular (stays of 3 months or more): W3 from its fourth crossing (S + 19) when
    // present (S + 24, S + 36, S + 60, S + 72; abroad on S + 48); W12 and W11 from their fourth
    // when present (W12: S + 48, S + 72; W11: S + 48, S + 72, back only in S + 36 and S + 60). W2
    // never: its stays abroad are 2 months.
    EXPECT_EQ(f.circular(CircularKind::short_term_circular), (V{0, 0, n, n, 2 * n, n, 3 * n}));
}

} // namespace
} // namespace migsim
