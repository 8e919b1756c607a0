// Scenarios that change over time, through the engine: a pulse of one group's arrivals multiplies
// that group's arrivals by exactly its factor in exactly its months and leaves the other groups'
// arrivals as they were (common random numbers); a ramp of mortality.multiplier gives the deaths the
// competing-risks probabilities of each month's multiplier give the persons at risk that month.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <map>
#include <tuple>

#include "calibration/base_population.hpp"
#include "model/model.hpp"
#include "model/run_state.hpp"
#include "processes/immigration.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/mortality_settings.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

/// First arrivals by (group, month), and who arrived, told by the event stream.
class ArrivalCounter final : public Observer {
public:
    void observe(const PersonEvent& event) override {
        if (event.kind != EventKind::immigration)
            return;
        ++by_group_month[{event.partner, event.month}];
        const PersonTable& persons = *event.persons;
        arrivals[event.partner].push_back(
            {event.person(), persons.at(core.sex, event.row), persons.at(core.birth, event.row)});
    }
    std::map<std::pair<int, Month>, std::int64_t> by_group_month;
    /// By group: each arrival's id, sex and birth month, in the order they arrived.
    std::map<int, std::vector<std::tuple<PersonId, std::uint8_t, StoredMonth>>> arrivals;
};

/// Persons present at the start of each month, by sex and age, after the month's parameters have
/// changed and before its pass: the persons at risk of the month's deaths.
struct AtRisk {
    std::map<Month, std::array<std::array<double, n_ages>, n_sexes>> by_month;
};
AtRisk at_risk;

class AtRiskCounter final : public Process {
public:
    explicit AtRiskCounter(RunState& state) : state_(state) {}
    void month_begin(Month now) override {
        auto& cells = at_risk.by_month[now];
        for (const PersonTable& persons : state_.population.persons)
            for (std::size_t row = 0; row < persons.size(); ++row)
                cells[persons.at(core.sex, row)]
                     [static_cast<std::size_t>(age_in_years(now, persons.at(core.birth, row)))] += 1.0;
    }

private:
    RunState& state_;
};

std::unique_ptr<Process> make_at_risk_counter(RunState& state) {
    at_risk = {};
    return std::make_unique<AtRiskCounter>(state);
}

TEST(TimelineRuns, APulseOfOneGroupsArrivalsMultipliesThemByItsFactorInItsMonthsOnly) {
    // The fixture scenario with arrivals aged 15 and over only (every arrival scheduled).
    // rest_of_world: 27,000 a year at 1 % = 22.5 a month; x4 = 90 a month from July 2013 to
    // December 2014 (18 months). Whole arrivals with the remainder carried (docs/model.md): every
    // year's total is exact, here 6 x 22.5 + 6 x 90 = 675 in 2013, 12 x 90 = 1,080 in 2014 and
    // 12 x 22.5 = 270 in 2015, against 270 a year without the pulse.
    const std::vector<std::string> run = {"population.scale=0.01", "run.months=36", "population.areas=20"};
    const Scenario steady = testing::fixture_with(run, true);
    const Scenario pulse = testing::fixture_with(
        testing::joined(run, {"changes.surge.key=immigration.arrivals_per_year.rest_of_world",
                              "changes.surge.shape=pulse", "changes.surge.from=2013-07",
                              "changes.surge.until=2014-12", "changes.surge.factor=4"}),
        true);
    ASSERT_EQ(pulse.timeline.changes.size(), 2u);
    ArrivalCounter with, without;
    Model(pulse, 2, {&with}).run();
    Model(steady, 2, {&without}).run();

    const int surge = 2; // rest_of_world
    const double per_month = 27000.0 * 0.01 / 12.0;
    std::array<double, 3> expected{};
    for (int m = 0; m < 36; ++m) {
        const Month month = steady.run.start + m;
        const bool in_pulse = month >= month_of(2013, 7) && month <= month_of(2014, 12);
        expected[static_cast<std::size_t>(m / 12)] += per_month * (in_pulse ? 4.0 : 1.0);
    }
    EXPECT_EQ(expected, (std::array<double, 3>{675, 1080, 270}));
    for (int year = 0; year < 3; ++year) {
        std::int64_t surged = 0, steady_arrivals = 0;
        for (int m = 0; m < 12; ++m) {
            const Month month = steady.run.start + 12 * year + m;
            surged += with.by_group_month[{surge, month}];
            steady_arrivals += without.by_group_month[{surge, month}];
        }
        EXPECT_EQ(static_cast<double>(surged), expected[static_cast<std::size_t>(year)]) << 2013 + year;
        EXPECT_EQ(steady_arrivals, 270) << 2013 + year;
    }
    // Month by month: 4 x as many in the pulse, as many outside it (within the carried remainder).
    std::int64_t in_pulse = 0, in_pulse_steady = 0;
    for (Month m = month_of(2013, 7); m <= month_of(2014, 12); ++m) {
        in_pulse += with.by_group_month[{surge, m}];
        in_pulse_steady += without.by_group_month[{surge, m}];
    }
    EXPECT_EQ(in_pulse, 4 * in_pulse_steady);
    EXPECT_EQ(in_pulse_steady, 405);
    // The other groups: the same persons, month by month, with the same sex and age.
    for (int group = 0; group < 2; ++group) {
        EXPECT_GT(with.arrivals[group].size(), 0u);
        EXPECT_TRUE(with.arrivals[group] == without.arrivals[group]) << group;
    }
    // The first months of the pulse group itself too: the same persons before the pulse.
    for (std::size_t k = 0; k < 135; ++k)
        ASSERT_EQ(with.arrivals[surge][k], without.arrivals[surge][k]) << k;
}

TEST(TimelineRuns, TheImmigrationMultiplierScalesEveryGroupsArrivalsButNotTheBasePopulation) {
    // 1 % of 32,000, 11,000 and 27,000 a year: 320, 110 and 270, exact in every year; x 1.5.
    const std::vector<std::string> run = {"population.scale=0.01", "run.months=24", "population.areas=20"};
    const Scenario steady = testing::fixture_with(run, true);
    const Scenario more = testing::fixture_with(testing::joined(run, {"immigration.multiplier=1.5"}), true);
    ArrivalCounter counted;
    Model(more, 2, {&counted}).run();
    const std::array<std::int64_t, 3> per_year = {480, 165, 405};
    for (int group = 0; group < 3; ++group)
        for (int year = 0; year < 2; ++year) {
            std::int64_t arrivals = 0;
            for (int m = 0; m < 12; ++m)
                arrivals += counted.by_group_month[{group, more.run.start + 12 * year + m}];
            EXPECT_EQ(arrivals, per_year[static_cast<std::size_t>(group)]) << group << " " << year;
        }
    // The arrivals the output reports are those simulated.
    const auto inputs = immigration_inputs(more.settings<ImmigrationSettings>(), more.population.scale);
    EXPECT_EQ(std::get<std::vector<double>>(inputs[1].values), (std::vector<double>{480, 165, 405}));
    // The base population's arrival history uses the arrivals as given: the same base population.
    EXPECT_TRUE(BasePopulationInputs(more) == BasePopulationInputs(steady));
    EXPECT_FALSE(BasePopulationInputs(testing::fixture_with(
                     testing::joined(run, {"immigration.arrivals_per_year.eu_efta=48000"}), true)) ==
                 BasePopulationInputs(steady));
}

TEST(TimelineRuns, ARampOfTheDeathMultiplierGivesTheDeathsOfEachMonthsMultiplier) {
    // A closed population (no migration of any kind): death is the only competing event, so a
    // person present at the start of month m dies in it with p = 1 - exp(-k_m h(sex, age) / 12)
    // (docs/model.md), k_m the month's multiplier: a ramp from 1 to 3 over 2014 gives
    // k = 1 + 2 (j + 1) / 12 in its month j (docs/parameters.md, [changes.NAME]), then 3 in 2015.
    // Deaths are independent Bernoulli trials given the persons at risk: expectation and variance
    // sum over months and cells. A ramp one month late is 2/12 / 2.08 = 8 % of 2014's ~11,000
    // deaths, about 8 SE (7.3 SE when broken on purpose); 4 SE is the tolerance.
    const Scenario scenario = testing::synthetic_baseline_with(testing::joined(
        testing::closed_population(),
        {"population.scale=0.1", "run.months=36", "population.areas=12",
         "changes.older.key=mortality.multiplier", "changes.older.shape=ramp", "changes.older.from=2014-01",
         "changes.older.until=2014-12", "changes.older.value=3"}));
    std::vector<ProcessFactory> added(added_processes().begin(), added_processes().end());
    added.push_back(&make_at_risk_counter);
    const RunResults results = Model(scenario, 2, {}, added).run();
    const auto& deaths = results.truth.flow("deaths");
    for (int year = 0; year < 3; ++year) {
        // The year's rates: the scenario's mortality improves from year to year, and the ramp
        // multiplies the year's rates, not the base year's.
        const SexAgeTable hazard = hazard_in_year(scenario.settings<MortalitySettings>(), 2013 + year);
        double expected = 0.0, variance = 0.0;
        for (int j = 0; j < 12; ++j) {
            const Month m = scenario.run.start + 12 * year + j;
            const double k = year == 0 ? 1.0 : year == 1 ? 1.0 + 2.0 * (j + 1) / 12.0 : 3.0;
            for (int sex = 0; sex < n_sexes; ++sex)
                for (int age = 0; age < n_ages; ++age) {
                    const double p = -std::expm1(
                        -k * hazard[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)] / 12.0);
                    const double n =
                        at_risk.by_month.at(m)[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)];
                    expected += n * p;
                    variance += n * p * (1.0 - p);
                }
        }
        EXPECT_NEAR(static_cast<double>(deaths.total(year)), expected, 4.0 * std::sqrt(variance))
            << 2013 + year << ": expected " << expected << " (SE " << std::sqrt(variance) << ")";
    }
}

} // namespace
} // namespace migsim
