// The seams the capabilities after the module engine need, each used by a test module
// (seam_modules.*) exactly as the next capability will use it: a hazard that reads another
// module's column through an extension of the risk cells; an added process that ends a stay (a
// death, a departure) from the month's pass; an event of the abroad pass that reads the partner a
// person went to and brings the person back; the other hooks of a process; and parameters that
// change during the run.
#include <cmath>
#include <numeric>
#include <span>

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include "calibration/base_population.hpp"
#include "model/model.hpp"
#include "modules/modules.hpp"
#include "pipeline/pipeline.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/mortality_settings.hpp"
#include "scenario/parameters.hpp"
#include "seams/seam_modules.hpp"
#include "stats/markov_chain.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

/// A closed population that nothing changes but the test modules: no deaths, births or moves.
Scenario still_population(int months, double scale = 0.01) {
    return testing::synthetic_baseline_with(
        testing::joined(testing::closed_population(),
                        {"population.scale=" + std::to_string(scale), "run.months=" + std::to_string(months),
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

/// Activity's matrix of a cell as an Eigen matrix.
Eigen::Matrix3d activity_matrix(int sex, int cohort) {
    const auto m = seams::activity_matrix(sex, cohort);
    Eigen::Matrix3d p;
    for (int from = 0; from < 3; ++from)
        for (int to = 0; to < 3; ++to)
            p(from, to) = m[static_cast<std::size_t>(from)][static_cast<std::size_t>(to)];
    return p;
}

Eigen::Matrix3d power(const Eigen::Matrix3d& p, int months) {
    Eigen::Matrix3d result = Eigen::Matrix3d::Identity();
    for (int m = 0; m < months; ++m)
        result = result * p;
    return result;
}

/// Runs Activity (with the cohorts its matrix reads) on a still population for `months` months.
seams::ActivityRecord run_activity(int months, int threads) {
    const ProcessFactory added[] = {&seams::make_cohorts, &seams::make_activity};
    Model model(still_population(months, 0.1), threads, {}, added);
    model.run();
    return seams::Activity::record;
}

TEST(Seams, AGatedDrawLooksUpOnlyTheCellsPastItsGateWithTheSameResultAndFollowsItsProbability) {
    const int months = 24;
    const Scenario scenario = still_population(months);
    const Population base = base_population(scenario);
    std::array<std::array<double, n_sexes>, 3> persons{};
    for (const PersonTable& table : base.persons)
        for (std::size_t row = 0; row < table.size(); ++row)
            persons[table.at(core.id, row) % 3][table.at(core.sex, row)] += 1.0;
    const auto events = [&](std::span<const ProcessFactory> added) {
        Model model(scenario, base, {}, 2, added);
        const RunResults results = model.run();
        std::vector<std::int64_t> all;
        for (int cohort = 0; cohort < 3; ++cohort) {
            const auto& flow = results.truth.flow("blessing_" + std::to_string(cohort));
            for (int sex = 0; sex < n_sexes; ++sex) {
                std::int64_t sum = 0;
                for (int year = 0; year < flow.years; ++year)
                    for (int area = 0; area < flow.areas; ++area)
                        for (int age = 0; age < n_ages; ++age)
                            sum += flow.at(year, area, sex, age);
                all.push_back(sum);
            }
        }
        return all;
    };
    const ProcessFactory gated[] = {&seams::make_cohorts, &seams::make_blessing};
    const ProcessFactory open[] = {&seams::make_cohorts, &seams::make_blessing_without_gate};
    const std::vector<std::int64_t> with_gate = events(gated);
    EXPECT_EQ(with_gate, events(open)); // the same cells and the same keyed draws
    for (int cohort = 0; cohort < 3; ++cohort)
        for (int sex = 0; sex < n_sexes; ++sex) {
            // Each person-month a Bernoulli trial (the population does not change).
            const double p =
                seams::blessing_probability[static_cast<std::size_t>(cohort)] * (sex == 1 ? 2.0 : 1.0);
            const double n =
                persons[static_cast<std::size_t>(cohort)][static_cast<std::size_t>(sex)] * months;
            const double observed =
                static_cast<double>(with_gate[static_cast<std::size_t>(cohort * n_sexes + sex)]);
            if (p == 0.0)
                EXPECT_EQ(observed, 0.0);
            else
                EXPECT_NEAR(observed, n * p, 4 * std::sqrt(n * p * (1 - p))) << cohort << " " << sex;
        }
    // A gate whose closed category has a probability is refused when the pass is built.
    const ProcessFactory wrong[] = {&seams::make_cohorts, &seams::make_blessing_with_wrong_gate};
    EXPECT_THROW(Model(scenario, base, {}, 2, wrong), std::logic_error);
}

TEST(Seams, AStateMovesMonthByMonthByTheMatrixOfItsRiskCell) {
    // Everyone aged 16 and over starts employed; nobody dies, is born or moves. After m months
    // each person's state is distributed as row 0 of P^m, independently of the others, so the
    // count in each state is binomial: n (P^m)_0k with variance n p (1 - p).
    const int months = 7;
    const seams::ActivityRecord record = run_activity(months, 2);
    double weakest_power = 1e9;
    for (int cohort = 0; cohort < 3; ++cohort)
        for (int sex = 0; sex < n_sexes; ++sex) {
            const Eigen::Matrix3d p = activity_matrix(sex, cohort);
            const auto& start = record.start[static_cast<std::size_t>(cohort)][static_cast<std::size_t>(sex)];
            const auto& end = record.end[static_cast<std::size_t>(cohort)][static_cast<std::size_t>(sex)];
            const auto& moved =
                record.transitions[static_cast<std::size_t>(cohort)][static_cast<std::size_t>(sex)];
            const double n = static_cast<double>(start[0]);
            ASSERT_GT(n, 1000.0);
            EXPECT_EQ(end[0] + end[1] + end[2], start[0]) << "nobody enters or leaves the chain";
            const Eigen::RowVector3d after = Eigen::RowVector3d(1, 0, 0) * power(p, months);
            const Eigen::RowVector3d month_short = Eigen::RowVector3d(1, 0, 0) * power(p, months - 1);
            for (int k = 0; k < 3; ++k) {
                const double se = std::sqrt(n * after(k) * (1.0 - after(k)));
                EXPECT_NEAR(static_cast<double>(end[static_cast<std::size_t>(k)]), n * after(k), 4.0 * se)
                    << "cohort " << cohort << " sex " << sex << " state " << k;
                // The transitions the process was told of account for every change of the column.
                std::int64_t in = 0, out = 0;
                for (int j = 0; j < 3; ++j)
                    if (j != k) {
                        in += moved[static_cast<std::size_t>(j)][static_cast<std::size_t>(k)];
                        out += moved[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)];
                    }
                EXPECT_EQ(end[static_cast<std::size_t>(k)], start[static_cast<std::size_t>(k)] + in - out)
                    << "cohort " << cohort << " sex " << sex << " state " << k;
                if (k == 0)
                    weakest_power = std::min(weakest_power, std::abs(n * (after(k) - month_short(k))) / se);
            }
        }
    // Power: a pass that applied one month fewer moves the employed of every cell at least 6 SE.
    EXPECT_GT(weakest_power, 6.0);
    EXPECT_GT(record.outside_chain, 0);
}

TEST(Seams, AfterTwentyYearsTheStatesFollowTheChainsStationaryDistribution) {
    const int months = 240;
    const seams::ActivityRecord record = run_activity(months, 2);
    for (int cohort = 0; cohort < 3; ++cohort)
        for (int sex = 0; sex < n_sexes; ++sex) {
            const Eigen::Matrix3d p = activity_matrix(sex, cohort);
            const stats::StationaryDistribution pi = stats::stationary_distribution(p);
            ASSERT_EQ(pi.status, stats::StationaryStatus::unique);
            const auto& end = record.end[static_cast<std::size_t>(cohort)][static_cast<std::size_t>(sex)];
            const double n = static_cast<double>(end[0] + end[1] + end[2]);
            const Eigen::RowVector3d after = Eigen::RowVector3d(1, 0, 0) * power(p, months);
            for (int k = 0; k < 3; ++k) {
                const double se = std::sqrt(n * pi.probabilities(k) * (1.0 - pi.probabilities(k)));
                // Twenty years are enough for the start to be forgotten: the exact distribution is
                // within a tenth of an SE of the stationary one.
                ASSERT_LT(n * std::abs(after(k) - pi.probabilities(k)), 0.1 * se);
                EXPECT_NEAR(static_cast<double>(end[static_cast<std::size_t>(k)]), n * pi.probabilities(k),
                            4.0 * se)
                    << "cohort " << cohort << " sex " << sex << " state " << k;
            }
        }
}

TEST(Seams, AStateTransitionDrawsFromItsOwnStreamAndIsTheSameAtAnyThreadCount) {
    const int months = 12;
    const Scenario scenario = still_population(months);
    const auto lingering = [&](std::span<const ProcessFactory> added, int threads) {
        Model model(scenario, threads, {}, added);
        const RunResults results = model.run();
        std::vector<std::int32_t> flows;
        for (int cohort = 0; cohort < 3; ++cohort) {
            const auto& values = results.truth.flow("lingering_" + std::to_string(cohort)).values;
            flows.insert(flows.end(), values.begin(), values.end());
        }
        return flows;
    };
    const ProcessFactory without[] = {&seams::make_cohorts, &seams::make_lingering};
    const ProcessFactory with[] = {&seams::make_cohorts, &seams::make_lingering, &seams::make_activity};
    const std::vector<std::int32_t> alone = lingering(without, 2);
    const std::vector<std::int32_t> beside = lingering(with, 1);
    const seams::ActivityRecord one_thread = seams::Activity::record;
    EXPECT_EQ(lingering(with, 2), beside);
    const seams::ActivityRecord two_threads = seams::Activity::record;
    // Every lingering event is the same with the transition beside it: it draws from its own stream.
    EXPECT_EQ(beside, alone);
    EXPECT_GT(std::accumulate(alone.begin(), alone.end(), std::int64_t{0}), std::int64_t{0});
    EXPECT_EQ(one_thread.transitions, two_threads.transitions);
    EXPECT_EQ(one_thread.end, two_threads.end);
}

/// Mean and variance of the number of moves out (home to abroad, probability `out` a month) and
/// back (probability `back` a month) of one person at home at the start, over `months` months: one
/// chance a month in the state the person is in at its start (exact, by dynamic programming).
struct MovesOfOnePerson {
    double mean_out = 0, var_out = 0, mean_back = 0, var_back = 0;
};
MovesOfOnePerson moves_of_one_person(double out, double back, int months) {
    // p[state][outs][backs]
    const int n = months + 1;
    std::vector<double> p(static_cast<std::size_t>(2 * n * n), 0.0);
    const auto at = [&](int state, int outs, int backs) -> double& {
        return p[static_cast<std::size_t>((state * n + outs) * n + backs)];
    };
    at(0, 0, 0) = 1.0;
    for (int t = 0; t < months; ++t) {
        std::vector<double> next(p.size(), 0.0);
        const auto next_at = [&](int state, int outs, int backs) -> double& {
            return next[static_cast<std::size_t>((state * n + outs) * n + backs)];
        };
        for (int outs = 0; outs < n; ++outs)
            for (int backs = 0; backs < n; ++backs) {
                const double home = at(0, outs, backs);
                const double abroad = at(1, outs, backs);
                if (home > 0) {
                    next_at(0, outs, backs) += home * (1 - out);
                    next_at(1, outs + 1, backs) += home * out;
                }
                if (abroad > 0) {
                    next_at(1, outs, backs) += abroad * (1 - back);
                    next_at(0, outs, backs + 1) += abroad * back;
                }
            }
        p = std::move(next);
    }
    MovesOfOnePerson m;
    double out2 = 0, back2 = 0;
    for (int state = 0; state < 2; ++state)
        for (int outs = 0; outs < n; ++outs)
            for (int backs = 0; backs < n; ++backs) {
                const double q = at(state, outs, backs);
                m.mean_out += q * outs;
                out2 += q * outs * outs;
                m.mean_back += q * backs;
                back2 += q * backs * backs;
            }
    m.var_out = out2 - m.mean_out * m.mean_out;
    m.var_back = back2 - m.mean_back * m.mean_back;
    return m;
}

TEST(Seams, AddedProcessesEndStaysThroughThePassesAndBringPersonsBack) {
    const int months = 24;
    Scenario scenario = testing::synthetic_baseline_with(testing::joined(
        testing::joined(testing::closed_population(), testing::perfect_register()),
        {"population.scale=0.01", "run.months=" + std::to_string(months), "population.areas=12",
         "mortality.multiplier=0", "fertility.total_fertility=0", "returns.start_in_equilibrium=false"}));
    std::array<double, 3> persons{};
    for (const PersonTable& table : base_population(scenario).persons)
        for (std::size_t row = 0; row < table.size(); ++row)
            persons[table.at(core.id, row) % 3] += 1.0;

    const ProcessFactory added[] = {&seams::make_cohorts, &seams::make_postings, &seams::make_accidents,
                                    &seams::make_homecoming};
    const PipelineResults results = run_pipeline(scenario, 2, {}, AddedModules{added, {}});
    const TruthAccounts& truth = results.run.truth;

    // Every posting is an emigration, every accident a death, every homecoming a return: nothing
    // else moves or dies in this population.
    const std::int64_t postings = truth.flow("postings").total();
    const std::int64_t accidents = truth.flow("accidents").total();
    const std::int64_t returns = truth.flow("returns").total();
    EXPECT_EQ(truth.flow("emigration").total(), postings);
    EXPECT_EQ(truth.flow("deaths").total(), accidents);
    EXPECT_EQ(static_cast<std::int64_t>(results.run.abroad_end), postings - returns);
    // The sources saw them: a perfect register equals the truth on every 1 January.
    EXPECT_EQ(results.sources.population_register.population.values, truth.population.values);
    EXPECT_LT(truth.population.total(truth.population.years - 1), truth.population.total(0));

    // Postings and homecomings of cohort 1: a two-state chain by month; accidents of cohort 2:
    // each person at most once, with probability 1 - (1 - p)^months.
    const double out = -std::expm1(-seams::posting_hazard / 12.0);
    const double back = -std::expm1(-seams::homecoming_hazard / 12.0);
    const MovesOfOnePerson one = moves_of_one_person(out, back, months);
    const double n1 = persons[1];
    EXPECT_NEAR(static_cast<double>(postings), n1 * one.mean_out, 4.0 * std::sqrt(n1 * one.var_out));
    EXPECT_NEAR(static_cast<double>(returns), n1 * one.mean_back, 4.0 * std::sqrt(n1 * one.var_back));
    const double dies = 1.0 - std::pow(std::exp(-seams::accident_hazard / 12.0), months);
    EXPECT_NEAR(static_cast<double>(accidents), persons[2] * dies,
                4.0 * std::sqrt(persons[2] * dies * (1 - dies)));
    EXPECT_GT(returns, 0);
}

TEST(Seams, AProcessSeesTheReferenceDatesThePersonsWhoJoinTheEndAndWritesItsOwnOutput) {
    // No warm-up of the abroad pool: it would run the ledger too.
    const Scenario scenario = testing::synthetic_baseline_with(
        testing::joined(testing::small_run(), {"returns.start_in_equilibrium=false"}));
    const ProcessFactory added[] = {&seams::make_ledger};
    Model model(scenario, 2, {}, added);
    const RunResults results = model.run();
    const seams::LedgerRecord& record = seams::Ledger::record;
    const Month start = scenario.run.start;
    EXPECT_EQ(record.reference_dates, (std::vector<Month>{start, start + 12, start + 24}));
    EXPECT_EQ(record.joined[static_cast<std::size_t>(JoinKind::birth)], results.truth.flow("births").total());
    EXPECT_EQ(record.joined[static_cast<std::size_t>(JoinKind::immigration)],
              results.truth.flow("immigration").total());
    EXPECT_EQ(record.joined[static_cast<std::size_t>(JoinKind::return_home)],
              results.truth.flow("returns").total());
    EXPECT_GT(record.joined[static_cast<std::size_t>(JoinKind::return_home)], 0);
    EXPECT_EQ(record.end, start + 24);
    EXPECT_EQ(record.outputs, 1);
    ASSERT_EQ(results.groups.size(), 1u);
    EXPECT_EQ(results.groups[0].path, "/seams/ledger");
    EXPECT_GE(results.peak_side_bytes, std::size_t{1} << 20);
}

/// The value of `key` from month `month` on, as the scenario loader makes it.
ScheduledValue scheduled(const std::string& key, Month month, ParameterValue value) {
    for (const Parameter& parameter : parameters_of(default_schema()))
        if (parameter.key == key)
            return {month, key, std::move(value), parameter.assign};
    throw std::logic_error("no parameter " + key);
}

TEST(Seams, AParameterThatChangesDuringTheRunActsFromItsMonthOnly) {
    // Deaths triple from the second year on; nothing else moves across the border or between areas.
    const int months = 24;
    const Scenario steady = testing::synthetic_baseline_with(testing::joined(
        testing::closed_population(),
        {"population.scale=0.1", "run.months=" + std::to_string(months), "population.areas=12"}));
    Scenario changing = steady;
    ParameterValue tripled;
    tripled.real = 3.0;
    changing.timeline.changes.push_back(scheduled("mortality.multiplier", steady.run.start + 12, tripled));
    const RunResults with = Model(changing, 2).run();
    const RunResults without = Model(steady, 2).run();

    // The first year is the same, bit for bit (the same draws, the same thresholds).
    const auto& deaths = with.truth.flow("deaths");
    const auto& steady_deaths = without.truth.flow("deaths");
    for (int area = 0; area < deaths.areas; ++area)
        for (int cell = 0; cell < n_sexes * n_ages; ++cell)
            ASSERT_EQ(deaths.slice(0, area)[cell], steady_deaths.slice(0, area)[cell]);
    // The second year: each person-month at risk a Bernoulli trial with p = 1 - exp(-3h/12), death
    // being the only competing event with a hazard, h the rates of the second year (2014: the
    // scenario's mortality improves from year to year).
    const SexAgeTable hazard = hazard_in_year(steady.settings<MortalitySettings>(), 2014);
    double expected = 0.0, variance = 0.0;
    for (int area = 0; area < deaths.areas; ++area)
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age < n_ages; ++age) {
                const auto trials = static_cast<double>(with.truth.at_risk_months.at(1, area, sex, age));
                const double p = -std::expm1(
                    -3.0 * hazard[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)] / 12.0);
                expected += trials * p;
                variance += trials * p * (1.0 - p);
            }
    // A change one month late would lose 1/36 of the year's extra deaths: about 7 SE here.
    EXPECT_NEAR(static_cast<double>(deaths.total(1)), expected, 4.0 * std::sqrt(variance))
        << "expected " << expected << " (SE " << std::sqrt(variance) << ")";
}

TEST(Seams, ArrivalsThatChangeMidYearKeepTheYearsTotalsExact) {
    // The arrivals of 2013 in both years but for the change made here: the published path is off.
    const Scenario steady = testing::synthetic_baseline_with(testing::joined(
        {"population.scale=0.1", "run.months=24", "population.areas=12"}, testing::constant_rates()));
    const auto& per_year = steady.settings<ImmigrationSettings>().arrivals_per_year;
    Scenario changing = steady;
    std::vector<double> doubled = per_year;
    for (double& value : doubled)
        value *= 2.0;
    ParameterValue twice;
    twice.by_group = doubled;
    changing.timeline.changes.push_back(
        scheduled("immigration.arrivals_per_year", steady.run.start + 18, twice));
    const RunResults with = Model(changing, 2).run();
    // The scheduled arrivals are the profile's persons aged 15 and over (children under 15 come with
    // their mothers, a Poisson number): each group's share of them in its profile.
    const auto& profiles = steady.settings<ImmigrationSettings>().age_profile;
    double first_year = 0.0, second_year = 0.0;
    for (std::size_t g = 0; g < per_year.size(); ++g) {
        double aged_15_and_over = 0.0;
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = family_child_age_limit; age < n_ages; ++age)
                aged_15_and_over += profiles[g][static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)];
        first_year += per_year[g] * 0.1 * aged_15_and_over;
        second_year += per_year[g] * 0.1 * aged_15_and_over * (6.0 + 2.0 * 6.0) / 12.0;
    }
    const auto& immigration = with.truth.flow("immigration");
    const auto aged_15_and_over_in = [&](int year) {
        std::int64_t n = 0;
        for (int area = 0; area < immigration.areas; ++area)
            for (int sex = 0; sex < n_sexes; ++sex)
                for (int age = family_child_age_limit; age < n_ages; ++age)
                    n += immigration.at(year, area, sex, age);
        return static_cast<double>(n);
    };
    // Whole arrivals by group: each group's yearly total is exact within its rounding.
    EXPECT_NEAR(aged_15_and_over_in(0), first_year, 1.0 * static_cast<double>(per_year.size()));
    EXPECT_NEAR(aged_15_and_over_in(1), second_year, 1.0 * static_cast<double>(per_year.size()));
    EXPECT_GT(static_cast<double>(immigration.total(1)), aged_15_and_over_in(1)) << "children came too";
}

} // namespace
} // namespace migsim
