// Naturalisation against its definition (docs/model.md, "Naturalisation"), on a small run of the
// default scenario with a high hazard (0.6 a year) so that two years give thousands of grants:
//  - a settler, family migrant or person granted protection may naturalise from 12 x E completed
//    months since the latest arrival, E the eligibility of the citizenship's group (or the
//    refugees' when fewer), a third-country national only with a permanent permit; workers,
//    students, circular migrants and refused asylum seekers may not. Every year of residence where nobody was
//    eligible has no grant at all, and where some were, the grants are the monthly probability 1 - exp(-h /
//    12) times the persons eligible at the start of each month (counted by an observer of the run), within 4
//    binomial standard errors (those who die or emigrate in the month do not naturalise: about 0.2 % of the
//    expectation, far inside the tolerance);
//  - at the start, a foreign-born person eligible for m months before it holds the reporting
//    country's citizenship with probability 1 - (1 - p)^m, by years of residence within 4 SE, and
//    nobody who was never eligible does;
//  - one result at 1 and 2 threads; mistakes in [naturalisation] reported with their keys.
// Power: the smallest error these must catch is a hazard 10 % off (about 0.3 % of a month's
// probability x the ~55,000 eligible person-months: ~ 270 grants against an SE of ~ 40) and an
// eligibility a month early (grants in a year of residence nobody reaches yet).
#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "population/events.hpp"
#include "processes/naturalisation.hpp"
#include "processes/permits.hpp"
#include "processes/spells_settings.hpp"
#include "scenario/load.hpp"
#include "support/run_outputs.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

constexpr int residence_buckets = residence_year_labels;

/// The completed months from which a person may naturalise under the documented rule, -1 never: a
/// third-country national needs a permanent permit.
int eligible_from(const Scenario& scenario, int group, std::uint8_t type, std::uint8_t permit) {
    if (permit == static_cast<std::uint8_t>(Permit::temporary) ||
        permit == static_cast<std::uint8_t>(Permit::refused_or_expired))
        return -1;
    switch (static_cast<MigrantType>(type)) {
    case MigrantType::worker:
    case MigrantType::circular:
    case MigrantType::student:
    case MigrantType::refused:
        return -1;
    default:
        break;
    }
    const auto& settings = scenario.settings<NaturalisationSettings>();
    double years = settings.eligibility_years[static_cast<std::size_t>(group) - 1];
    if (static_cast<MigrantType>(type) == MigrantType::protected_person)
        years = std::min(years, settings.refugee_eligibility_years);
    return static_cast<int>(std::lround(12 * years));
}

int bucket(Month now, StoredMonth arrival) {
    return std::min(completed_years(now, arrival), residence_buckets - 1);
}

/// Persons eligible at the start of each month of the run by group and years of residence; and at
/// the start, the foreign-born by years of residence with the sum and variance of their chance of
/// already being citizens, the number who are, and the number never eligible who are.
class Eligible final : public Observer {
public:
    explicit Eligible(const Scenario& scenario)
        : hazard_(scenario.settings<NaturalisationSettings>().annual_hazard), scenario_(scenario) {
        const int groups = scenario.groups.count();
        exposure.assign(static_cast<std::size_t>(groups + 1) * residence_buckets, 0.0);
    }
    void start(Month start, Population& present) override {
        first_ = start;
        present_ = &present;
        const auto citizenship = present.persons.front().layout().find<std::uint8_t>("citizenship");
        const auto type = present.persons.front().layout().find<std::uint8_t>("spell.type");
        const auto permit = present.persons.front().layout().find<std::uint8_t>("permit");
        const double p = 1 - std::exp(-hazard_ / 12);
        for (const PersonTable& table : present.persons)
            for (std::size_t i = 0; i < table.size(); ++i) {
                const int origin = table.at(core.origin, i);
                if (origin == native_born)
                    continue;
                const bool national = table.at(citizenship, i) == 0;
                const int from = eligible_from(scenario_, origin, table.at(type, i), table.at(permit, i));
                // Months t < start with completed_months(t, arrival) >= from.
                const int months =
                    from < 0 ? 0 : std::max(0, start - (table.at(core.latest_arrival, i) + 1 + from));
                if (months == 0) {
                    never_eligible_nationals += national;
                    continue;
                }
                const double chance = 1 - std::pow(1 - p, months);
                const auto b = static_cast<std::size_t>(bucket(start, table.at(core.latest_arrival, i)));
                expected_start[b] += chance;
                variance_start[b] += chance * (1 - chance);
                nationals_start[b] += national;
            }
        count(start);
    }
    void month_done(Month now) override {
        if (now + 1 < first_ + scenario_.run.months)
            count(now + 1);
    }
    /// The persons eligible at the start of month `now`.
    void count(Month now) {
        const auto citizenship = present_->persons.front().layout().find<std::uint8_t>("citizenship");
        const auto type = present_->persons.front().layout().find<std::uint8_t>("spell.type");
        const auto permit = present_->persons.front().layout().find<std::uint8_t>("permit");
        for (const PersonTable& table : present_->persons)
            for (std::size_t i = 0; i < table.size(); ++i) {
                const int group = table.at(citizenship, i);
                if (group == 0)
                    continue;
                const int from = eligible_from(scenario_, group, table.at(type, i), table.at(permit, i));
                const StoredMonth arrival = table.at(core.latest_arrival, i);
                if (from >= 0 && completed_months(now, arrival) >= from)
                    exposure[static_cast<std::size_t>(group * residence_buckets + bucket(now, arrival))] += 1;
            }
    }

    std::vector<double> exposure; ///< by group (1..G), years of residence
    std::array<double, residence_buckets> expected_start{}, variance_start{}, nationals_start{};
    std::int64_t never_eligible_nationals = 0;

private:
    double hazard_;
    const Scenario& scenario_;
    Month first_ = 0;
    Population* present_ = nullptr;
};

struct NaturalisationRun {
    Scenario scenario;
    std::unique_ptr<Eligible> eligible;
    RunResults results;
};

NaturalisationRun run_with(int threads, double hazard, int months) {
    NaturalisationRun run{
        testing::synthetic_baseline_with({"population.scale=0.5", "population.areas=20",
                                          "run.months=" + std::to_string(months),
                                          "naturalisation.annual_hazard=" + std::to_string(hazard)}),
        nullptr,
        {}};
    run.eligible = std::make_unique<Eligible>(run.scenario);
    Model model(run.scenario, threads, {run.eligible.get()});
    run.results = model.run();
    return run;
}

/// Two years with a high hazard: many grants.
constexpr double high_hazard = 0.6;
const NaturalisationRun& two_threads() {
    static const NaturalisationRun run = run_with(2, high_hazard, 24);
    return run;
}

TEST(Naturalisation, NobodyBeforeEligibilityAndTheGrantsFollowTheHazard) {
    const NaturalisationRun& run = two_threads();
    const auto& acquisitions =
        testing::output_values(run.results, "/truth/citizenship/acquisitions", "acquisitions");
    const int groups = run.scenario.groups.count();
    const int years = static_cast<int>(acquisitions.size() /
                                       (static_cast<std::size_t>(groups) * residence_buckets * n_sexes));
    ASSERT_EQ(years, 2);
    const double p = 1 - std::exp(-high_hazard / 12);
    double all_observed = 0, all_expected = 0, all_variance = 0;
    double small_observed = 0, small_expected = 0, small_variance = 0;
    int empty_cells = 0;
    for (int g = 1; g <= groups; ++g)
        for (int r = 0; r < residence_buckets; ++r) {
            double observed = 0;
            for (int year = 0; year < years; ++year)
                for (int sex = 0; sex < n_sexes; ++sex)
                    observed += acquisitions[static_cast<std::size_t>(
                        ((year * groups + g - 1) * residence_buckets + r) * n_sexes + sex)];
            const double n = run.eligible->exposure[static_cast<std::size_t>(g * residence_buckets + r)];
            if (n == 0) {
                ++empty_cells;
                EXPECT_EQ(observed, 0)
                    << "grants where nobody was eligible: " << run.scenario.groups.names[g - 1] << ", " << r
                    << " years of residence";
                continue;
            }
            const double expected = n * p, se = std::sqrt(n * p * (1 - p));
            if (expected >= 10) // where the normal approximation holds; the rest are pooled below
                EXPECT_NEAR(observed, expected, 4 * se)
                    << run.scenario.groups.names[g - 1] << ", " << r << " years of residence";
            else {
                small_observed += observed;
                small_expected += expected;
                small_variance += n * p * (1 - p);
            }
            all_observed += observed;
            all_expected += expected;
            all_variance += n * p * (1 - p);
        }
    std::printf("grants in two years %.0f, expected %.1f (SE %.1f); %d cells nobody was eligible in\n",
                all_observed, all_expected, std::sqrt(all_variance), empty_cells);
    EXPECT_NEAR(all_observed, all_expected, 4 * std::sqrt(all_variance));
    EXPECT_NEAR(small_observed, small_expected, 4 * std::sqrt(small_variance))
        << "the cells expecting under 10";
    EXPECT_GT(all_expected, 2000);
    EXPECT_GT(empty_cells, groups * 5); // the years before 8 for every group but the Nordic
}

TEST(Naturalisation, AtTheStartTheShareNaturalisedByYearsOfResidenceFollowsTheHazard) {
    // A low hazard, so that the chance of being a citizen stays well below 1 for decades.
    const NaturalisationRun run = run_with(2, 0.05, 1);
    const Eligible& e = *run.eligible;
    EXPECT_EQ(e.never_eligible_nationals, 0);
    double expected = 0;
    for (int r = 0; r < residence_buckets; ++r) {
        const auto b = static_cast<std::size_t>(r);
        if (e.variance_start[b] == 0) {
            EXPECT_EQ(e.nationals_start[b], e.expected_start[b]) << r << " years of residence";
            continue;
        }
        EXPECT_NEAR(e.nationals_start[b], e.expected_start[b], 4 * std::sqrt(e.variance_start[b]))
            << r << " years of residence";
        expected += e.expected_start[b];
    }
    EXPECT_GT(expected, 1000);
    // The stock the output reports on the first 1 January is the same.
    const auto& stock = testing::output_values(run.results, "/truth/citizenship", "foreign_born");
    const int groups = run.scenario.groups.count();
    for (int r = 0; r < residence_buckets; ++r) {
        double nationals = 0;
        for (int g = 0; g < groups; ++g)
            for (int sex = 0; sex < n_sexes; ++sex)
                nationals +=
                    stock[static_cast<std::size_t>(((g * 2 + 1) * residence_buckets + r) * n_sexes + sex)];
        EXPECT_EQ(nationals, e.nationals_start[static_cast<std::size_t>(r)]) << r << " years of residence";
    }
}

TEST(Naturalisation, TheSameAtOneAndTwoThreads) {
    const NaturalisationRun one = run_with(1, high_hazard, 24);
    const NaturalisationRun& two = two_threads();
    for (const auto& [path, name] : {std::pair{"/truth/citizenship", "foreign_born"},
                                     std::pair{"/truth/citizenship/acquisitions", "acquisitions"}})
        EXPECT_EQ(testing::output_values(one.results, path, name),
                  testing::output_values(two.results, path, name))
            << path;
}

TEST(Naturalisation, MistakesAreReportedWithTheirKeys) {
    const ScenarioLoad load =
        load_scenario(testing::synthetic_baseline_path(),
                      {"naturalisation.annual_hazard=-0.1", "naturalisation.refugee_eligibility_years=40",
                       "naturalisation.eligibility_years={ atlantis = 3.0 }"});
    std::string all;
    for (const auto& problem : load.problems)
        all += problem.to_string() + "\n";
    for (const char* what : {"naturalisation.annual_hazard: -0.1 is out of range",
                             "naturalisation.refugee_eligibility_years: 40 is out",
                             "naturalisation.eligibility_years.atlantis: unknown group 'atlantis'"})
        EXPECT_NE(all.find(what), std::string::npos) << what << " in\n" << all;
}

} // namespace
} // namespace migsim
