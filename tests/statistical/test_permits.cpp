// Residence permits against their definition (docs/model.md, "Residence permits"), on half the
// default scenario over two years (overstayers settling after 12 months):
//  - citizens of the EU and the EEA (third_country_share 0) never hold a permit, and nobody holds a
//    permanent one before permits.permanent_after_years of residence (every 1 January);
//  - the rules without chance are exact: every temporary permit of a worker, circular migrant or
//    student whose planned end has passed expires that month, and every overstayer who settled has
//    the permit renewed, as many as an observer counts at the start of each month;
//  - grants of permanent permits are the monthly probability 1 - exp(-h / 12) times the eligible
//    holders of temporary permits at the start of each month, within 4 binomial standard errors;
//  - one result at 1 and 2 threads; mistakes in [permits] reported with their keys.
// Power: the smallest error to catch is a hazard 10 % off, about 600 of some 6,000 grants against an
// SE of about 75 (8 SE); a month's shift of the eligibility or of the expiry breaks an exact count.
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "population/events.hpp"
#include "processes/permits.hpp"
#include "processes/spells_settings.hpp"
#include "scenario/load.hpp"
#include "support/run_outputs.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

constexpr auto temporary = static_cast<std::uint8_t>(Permit::temporary);
constexpr auto permanent = static_cast<std::uint8_t>(Permit::permanent);
constexpr auto refused_or_expired = static_cast<std::uint8_t>(Permit::refused_or_expired);

bool stay_type(std::uint8_t type) {
    const auto t = static_cast<MigrantType>(type);
    return t == MigrantType::worker || t == MigrantType::circular || t == MigrantType::student;
}
bool settling_type(std::uint8_t type) {
    const auto t = static_cast<MigrantType>(type);
    return t == MigrantType::settler || t == MigrantType::family || t == MigrantType::protected_person;
}

/// At the start of each month: the holders of temporary permits eligible for a permanent one, those
/// whose stay's planned end has passed, and the overstayers who settled.
class Holders final : public Observer {
public:
    explicit Holders(const Scenario& scenario) : scenario_(scenario) {}
    void start(Month start, Population& present) override {
        first_ = start;
        present_ = &present;
        // The base population: a third-country national of a settling type eligible for m months
        // before the start holds a permanent permit with probability 1 - (1 - p)^m.
        const ColumnLayout& layout = present.persons.front().layout();
        const auto permit = layout.find<std::uint8_t>("permit");
        const auto type = layout.find<std::uint8_t>("spell.type");
        const auto& settings = scenario_.settings<PermitSettings>();
        const double p = 1 - std::exp(-settings.permanent_hazard / 12);
        const int from = static_cast<int>(std::lround(12 * settings.permanent_after_years));
        for (const PersonTable& table : present.persons)
            for (std::size_t i = 0; i < table.size(); ++i) {
                const std::uint8_t held = table.at(permit, i);
                // Naturalised persons keep the permit they held, so every foreign-born person counts.
                if (table.at(core.origin, i) == native_born || held == 0 || !settling_type(table.at(type, i)))
                    continue;
                const int months = std::max(0, start - (table.at(core.latest_arrival, i) + 1 + from));
                const double chance = 1 - std::pow(1 - p, months);
                start_expected += chance;
                start_variance += chance * (1 - chance);
                start_permanent += held == permanent;
                start_never_eligible_permanent += months == 0 && held == permanent;
            }
        count(start);
    }
    void month_done(Month now) override {
        if (now + 1 < first_ + scenario_.run.months)
            count(now + 1);
    }
    void count(Month now) {
        const ColumnLayout& layout = present_->persons.front().layout();
        const auto permit = layout.find<std::uint8_t>("permit");
        const auto type = layout.find<std::uint8_t>("spell.type");
        const auto planned_end = layout.find<StoredMonth>("spell.planned_end");
        const int from =
            static_cast<int>(std::lround(12 * scenario_.settings<PermitSettings>().permanent_after_years));
        // Who held a temporary permit at the start of the month before, with how many months of
        // residence: one who holds a permanent one now was granted it in that month.
        std::unordered_map<PersonId, int> temporary_now;
        for (const PersonTable& table : present_->persons)
            for (std::size_t i = 0; i < table.size(); ++i) {
                const std::uint8_t held = table.at(permit, i), t = table.at(type, i);
                const int residence = completed_months(now, table.at(core.latest_arrival, i));
                if (held == temporary)
                    temporary_now.emplace(table.at(core.id, i), residence);
                if (held == permanent) {
                    const auto before = temporary_before_.find(table.at(core.id, i));
                    if (before != temporary_before_.end())
                        ++(before->second < from ? granted_early : granted_seen);
                }
                if (held == temporary && stay_type(t) && table.at(planned_end, i) != never &&
                    completed_months(now, table.at(planned_end, i)) >= 0)
                    ++expiring;
                else if (held == temporary && settling_type(t) &&
                         completed_months(now, table.at(core.latest_arrival, i)) >= from)
                    ++eligible;
                else if (held == refused_or_expired && settling_type(t))
                    ++settled;
            }
        temporary_before_ = std::move(temporary_now);
    }
    double eligible = 0, expiring = 0, settled = 0;
    double start_expected = 0, start_variance = 0, start_permanent = 0, start_never_eligible_permanent = 0;
    /// Grants seen from one month's start to the next, to persons with fewer months of residence
    /// than the minimum at the start of the month of the grant, and to the others.
    int granted_early = 0, granted_seen = 0;

private:
    std::unordered_map<PersonId, int> temporary_before_;
    const Scenario& scenario_;
    Month first_ = 0;
    Population* present_ = nullptr;
};

struct PermitRun {
    Scenario scenario;
    std::unique_ptr<Holders> holders;
    RunResults results;
};

PermitRun run_with(int threads) {
    PermitRun run{testing::synthetic_baseline_with(
                      {"population.scale=0.5", "population.areas=20", "run.months=24",
                       // Overstayers settle after 12 months instead of 24, so that two years have renewals.
                       "spells.settle_after_months=12"}),
                  nullptr,
                  {}};
    run.holders = std::make_unique<Holders>(run.scenario);
    Model model(run.scenario, threads, {run.holders.get()});
    run.results = model.run();
    return run;
}

const PermitRun& two_threads() {
    static const PermitRun run = run_with(2);
    return run;
}

/// Changes from one permit to another over the run, all citizenships.
double changes(const PermitRun& run, std::uint8_t from, std::uint8_t to) {
    const auto& counts = testing::output_values(run.results, "/truth/permits/changes", "changes");
    const std::size_t citizenships = static_cast<std::size_t>(run.scenario.groups.count()) + 1;
    const std::size_t per_year = std::size_t{n_permits} * n_permits * citizenships;
    double sum = 0;
    for (std::size_t year = 0; year * per_year < counts.size(); ++year)
        for (std::size_t c = 0; c < citizenships; ++c)
            sum += counts[year * per_year + (std::size_t{from} * n_permits + to) * citizenships + c];
    return sum;
}

TEST(Permits, TheFreeMoversHoldNoneAndNobodyIsPermanentBeforeTheLegalMinimum) {
    const PermitRun& run = two_threads();
    const auto& stock = testing::output_values(run.results, "/truth/permits", "foreign_citizens");
    const auto& shares = run.scenario.settings<PermitSettings>().third_country_share;
    const int groups = run.scenario.groups.count();
    const int years = static_cast<int>(
        stock.size() / (static_cast<std::size_t>(groups) * n_permits * residence_year_labels * n_sexes));
    ASSERT_EQ(years, 3);
    const auto at = [&](int year, int g, int permit, int residence, int sex) {
        return stock[static_cast<std::size_t>(
            (((year * groups + g) * n_permits + permit) * residence_year_labels + residence) * n_sexes +
            sex)];
    };
    const int minimum = static_cast<int>(run.scenario.settings<PermitSettings>().permanent_after_years);
    double permanent_holders = 0;
    for (int year = 0; year < years; ++year)
        for (int g = 0; g < groups; ++g)
            for (int r = 0; r < residence_year_labels; ++r)
                for (int sex = 0; sex < n_sexes; ++sex) {
                    if (shares[static_cast<std::size_t>(g)] == 0) {
                        for (int p = 1; p < n_permits; ++p)
                            EXPECT_EQ(at(year, g, p, r, sex), 0) << run.scenario.groups.names[g];
                    }
                    if (r < minimum) {
                        EXPECT_EQ(at(year, g, permanent, r, sex), 0)
                            << run.scenario.groups.names[g] << ", " << r << " years of residence";
                    }
                    permanent_holders += at(year, g, permanent, r, sex);
                }
    EXPECT_GT(permanent_holders, 10000);
}

TEST(Permits, ExpiriesAndRenewalsAreExactAndGrantsFollowTheHazard) {
    const PermitRun& run = two_threads();
    const Holders& h = *run.holders;
    EXPECT_EQ(changes(run, temporary, refused_or_expired), h.expiring);
    EXPECT_EQ(changes(run, refused_or_expired, temporary), h.settled);
    EXPECT_GT(h.expiring, 1000);
    EXPECT_GT(h.settled, 100);
    const double p = 1 - std::exp(-run.scenario.settings<PermitSettings>().permanent_hazard / 12);
    const double expected = h.eligible * p, se = std::sqrt(h.eligible * p * (1 - p));
    const double grants = changes(run, temporary, permanent);
    std::printf("permanent permits granted in two years %.0f, expected %.1f (SE %.1f); %.0f expiries, %.0f "
                "renewals\n",
                grants, expected, se, h.expiring, h.settled);
    EXPECT_NEAR(grants, expected, 4 * se);
    // Followed person by person: nobody is granted one in a month that began short of the minimum.
    EXPECT_EQ(h.granted_early, 0);
    EXPECT_GT(h.granted_seen, 3000);
    EXPECT_GT(expected, 3000);
    // No other change happens.
    for (std::uint8_t from = 0; from < n_permits; ++from)
        for (std::uint8_t to = 0; to < n_permits; ++to)
            if (from != to && !(from == temporary && to != 0) &&
                !(from == refused_or_expired && to == temporary)) {
                EXPECT_EQ(changes(run, from, to), 0) << int{from} << " to " << int{to};
            }
}

TEST(Permits, AtTheStartPermanentPermitsFollowTheHazardsHistory) {
    const Holders& h = *two_threads().holders;
    EXPECT_EQ(h.start_never_eligible_permanent, 0);
    EXPECT_NEAR(h.start_permanent, h.start_expected, 4 * std::sqrt(h.start_variance));
    std::printf("permanent permits at the start %.0f, expected %.1f (SE %.1f)\n", h.start_permanent,
                h.start_expected, std::sqrt(h.start_variance));
    EXPECT_GT(h.start_variance, 1000);
}

TEST(Permits, TheSameAtOneAndTwoThreads) {
    const PermitRun one = run_with(1);
    const PermitRun& two = two_threads();
    for (const auto& [path, name] :
         {std::pair{"/truth/permits", "foreign_citizens"}, std::pair{"/truth/permits/changes", "changes"}})
        EXPECT_EQ(testing::output_values(one.results, path, name),
                  testing::output_values(two.results, path, name))
            << path;
}

TEST(Permits, MistakesAreReportedWithTheirKeys) {
    const ScenarioLoad load =
        load_scenario(testing::synthetic_baseline_path(),
                      {"permits.permanent_hazard=-1", "permits.permanent_after_years=31",
                       "permits.third_country_share={ atlantis = 0.5 }"});
    std::string all;
    for (const auto& problem : load.problems)
        all += problem.to_string() + "\n";
    for (const char* what :
         {"permits.permanent_hazard: -1 is out of range", "permits.permanent_after_years: 31 is out of range",
          "permits.third_country_share.atlantis: unknown group 'atlantis'"})
        EXPECT_NE(all.find(what), std::string::npos) << what << " in\n" << all;
}

} // namespace
} // namespace migsim
