// Planned stays (processes/spells.*) against their documented hazards (docs/model.md, "Migration
// spells"). With every other event off (no deaths, no unplanned departures or returns, no moves
// between areas) and plans of fixed length, a worker who arrived in month a is in month a + j:
//   before the plan for j <= m - 1 (hazard early), at it for j = m .. m + 2 (planned), 3..11 months
//   past it for j = m + 3 .. m + 11 (overstay), 12..23 months past for j = m + 12 .. m + 23 (half the
//   overstay hazard), and settles at j = m + 24;
// each month a Bernoulli trial with p = 1 - exp(-h / 12). The length of stay L = departure month -
// arrival month has P(L = j) = S(j - 1) p_j. A leaver plans another stay with probability c, g
// months later, and comes again by the same rule with the re-entry hazards (abroad from the month
// after the departure; the plan lapses 24 months overdue). The mean stay of a year's arrivals and
// the share who come again are compared with these expectations, 4 SE from the sample's spread.
// A phase boundary one month off moves the mean stay by about 0.8 months: 7 SE here.
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "model/model.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

struct Stay {
    Month arrival = 0;
    Month departure = never;
    Month back = never;
    std::uint8_t origin = 0;
    std::uint8_t partner = 255;
};

/// Records the first arrival, first departure and first return of every immigrant aged 15+.
class StayLog final : public Observer {
public:
    void observe(const PersonEvent& event) override {
        const PersonTable& persons = *event.persons;
        if (event.kind == EventKind::immigration) {
            if (age_in_years(event.month, persons.at(core.birth, event.row)) >= 15)
                stays[event.person()] = {event.month, never, never, persons.at(core.origin, event.row), 255};
            return;
        }
        const auto found = stays.find(event.person());
        if (found == stays.end())
            return;
        Stay& stay = found->second;
        if (event.kind == EventKind::emigration && stay.departure == never) {
            stay.departure = event.month;
            stay.partner = event.partner;
        } else if (event.kind == EventKind::return_home && stay.departure != never && stay.back == never) {
            stay.back = event.month;
        }
    }
    std::map<PersonId, Stay> stays;
};

constexpr double early = 0.3, planned = 6.0, overstay = 1.0;
constexpr double reentry_early = 0.2, reentry_planned = 6.0, reentry_overdue = 1.0;
constexpr int stay_months = 24, gap_months = 12, settle_after = 24;
constexpr double come_again = 0.5;

double monthly(double hazard) {
    return -std::expm1(-hazard / 12.0);
}

/// The monthly probability of a planned move j months after the start of the stay, for a plan of
/// m months (docs/model.md).
double by_month(int j, int m, double before, double at, double past) {
    if (j <= m - 1)
        return monthly(before);
    if (j <= m + 2)
        return monthly(at);
    if (j <= m + 11)
        return monthly(past);
    if (j <= m + settle_after - 1)
        return monthly(past / 2.0);
    return 0.0;
}

TEST(Spells, LengthsOfStayAndNextStaysFollowThePlannedHazards) {
    const Scenario scenario =
        testing::synthetic_baseline_with({"population.scale=0.1",
                                          "run.months=100",
                                          "population.areas=12",
                                          "mortality.multiplier=0",
                                          "emigration.multiplier=0",
                                          "internal_migration.multiplier=0",
                                          "returns.multiplier=0",
                                          "returns.start_in_equilibrium=false",
                                          "fertility.total_fertility=0",
                                          "spells.worker_share=1",
                                          "spells.circular_share=0",
                                          "spells.student_share=0",
                                          "spells.humanitarian_share=0",
                                          "spells.family_share=0",
                                          "spells.worker.stay_months=" + std::to_string(stay_months),
                                          "spells.worker.stay_spread=0",
                                          "spells.worker.early_hazard=0.3",
                                          "spells.worker.planned_hazard=6",
                                          "spells.worker.overstay_hazard=1",
                                          "spells.worker.come_again=0.5",
                                          "spells.worker.gap_months=" + std::to_string(gap_months),
                                          "spells.worker.gap_spread=0",
                                          "spells.reentry_early_hazard=0.2",
                                          "spells.reentry_planned_hazard=6",
                                          "spells.reentry_overdue_hazard=1",
                                          "spells.settle_after_months=" + std::to_string(settle_after)});
    StayLog log;
    Model model(scenario, 2, {&log});
    model.run();

    // The expectation: the distribution of L, and the probability of coming again.
    std::vector<double> p_stay(80, 0.0);
    double survive = 1.0, leave = 0.0, mean_if_leave = 0.0;
    for (int j = 1; j < 80; ++j) {
        const double p = by_month(j, stay_months, early, planned, overstay);
        p_stay[static_cast<std::size_t>(j)] = survive * p;
        leave += survive * p;
        mean_if_leave += j * survive * p;
        survive *= 1.0 - p;
    }
    mean_if_leave /= leave;
    double abroad = 1.0;
    for (int i = 1; i < 80; ++i)
        abroad *= 1.0 - by_month(i, gap_months, reentry_early, reentry_planned, reentry_overdue);
    const double comes_again = come_again * (1.0 - abroad);

    // The arrivals of the first year, all resolved within the run (they leave by month a + 47 and
    // come again, if at all, within 35 months of leaving).
    const Month start = scenario.run.start;
    double n = 0, left = 0, sum = 0, sum2 = 0, back = 0;
    for (const auto& [id, stay] : log.stays) {
        if (stay.arrival >= start + 12)
            continue;
        ++n;
        if (stay.departure == never)
            continue;
        const double length = stay.departure - stay.arrival;
        ++left;
        sum += length;
        sum2 += length * length;
        back += stay.back != never ? 1 : 0;
        // A planned departure goes back to the partner the person came from.
        EXPECT_EQ(stay.partner, stay.origin - 1);
    }
    ASSERT_GT(n, 2000);
    const double share = left / n;
    EXPECT_NEAR(share, leave, 4.0 * std::sqrt(leave * (1 - leave) / n)) << "share leaving";
    const double mean = sum / left;
    const double se_mean = std::sqrt((sum2 / left - mean * mean) / left);
    EXPECT_NEAR(mean, mean_if_leave, 4.0 * se_mean)
        << "mean stay, expected " << mean_if_leave << " (SE " << se_mean << ")";
    const double returned = back / left;
    EXPECT_NEAR(returned, comes_again, 4.0 * std::sqrt(comes_again * (1 - comes_again) / left))
        << "share coming again, expected " << comes_again;
}

} // namespace
} // namespace migsim
