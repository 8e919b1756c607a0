// links: migsim_truth
// The rules of the official definitions read from hand-built crossing histories, at every edge
// (docs/model.md, "Migration under each official definition"): the length classes of a stay, the
// presence a history implies, the 6-month rule with its newborns, and the circular migrant's three
// crossings, stays and ten-year window. Each expectation is worked out by hand in the comment above
// it from the definition, in whole months.
#include <vector>

#include <gtest/gtest.h>

#include "processes/residence_rules.hpp"

namespace migsim {
namespace {

constexpr Month jan2020 = month_of(2020, 1);
constexpr StoredMonth born_long_ago = static_cast<StoredMonth>(month_of(1980, 1));

Crossing in(Month m, std::uint8_t partner = 0) {
    return {static_cast<StoredMonth>(m), partner, CrossingDirection::in};
}
Crossing out(Month m, std::uint8_t partner = 0) {
    return {static_cast<StoredMonth>(m), partner, CrossingDirection::out};
}

TEST(ResidenceRules, StaysAreClassedInWholeMonthsAt3And12) {
    EXPECT_EQ(stay_duration(0), StayDuration::under_3_months);
    EXPECT_EQ(stay_duration(2), StayDuration::under_3_months);
    EXPECT_EQ(stay_duration(3), StayDuration::short_term);
    EXPECT_EQ(stay_duration(11), StayDuration::short_term);
    EXPECT_EQ(stay_duration(12), StayDuration::long_term);
    EXPECT_EQ(stay_duration(240), StayDuration::long_term);
}

TEST(ResidenceRules, PresenceStartsTheMonthAfterAnArrivalAndEndsTheMonthAfterADeparture) {
    const Month a = jan2020 + 3;
    const Month d = a + 5;
    const std::vector<Crossing> stay{in(a), out(d)};
    EXPECT_FALSE(present_at(stay, born_long_ago, a));      // arrives during month a
    EXPECT_TRUE(present_at(stay, born_long_ago, a + 1));   // present at the start of a + 1
    EXPECT_TRUE(present_at(stay, born_long_ago, d));       // leaves during month d
    EXPECT_FALSE(present_at(stay, born_long_ago, d + 1));  // stay of d - a = 5 month starts
    EXPECT_FALSE(present_at(stay, born_long_ago, a - 40)); // before the first arrival: abroad
    // A departure first: present before it.
    EXPECT_TRUE(present_at(std::vector<Crossing>{out(d)}, born_long_ago, a));
    // Nobody is present before the month after birth; a history without crossings never left.
    const auto b = static_cast<StoredMonth>(jan2020);
    EXPECT_FALSE(present_at({}, b, jan2020));
    EXPECT_TRUE(present_at({}, b, jan2020 + 1));
    // A newborn who leaves with its mother in its month of birth is never present.
    EXPECT_FALSE(present_at(std::vector<Crossing>{out(jan2020)}, b, jan2020 + 1));
    // The bits say the same, month by month.
    const std::uint64_t bits = presence_bits(stay, born_long_ago, a - 2, 12);
    for (int k = 0; k < 12; ++k)
        EXPECT_EQ((bits >> k) & 1u, present_at(stay, born_long_ago, a - 2 + k) ? 1u : 0u) << k;
}

TEST(ResidenceRules, SixMonthRuleCountsHalfMonthsAndNeedsMoreThanSix) {
    const Month a = jan2020;
    // Arrival in month a, staying: present at a + 1 .. t. At the start of a + 6 the months a .. a + 5
    // hold 1/2 + 5 = 5 1/2 months lived, at a + 7: 6 1/2 months, more than 6.
    const std::vector<Crossing> arrived{in(a)};
    EXPECT_FALSE(resident_6m(arrived, born_long_ago, a + 6));
    EXPECT_TRUE(resident_6m(arrived, born_long_ago, a + 7));
    // A stay of exactly 6 months (a .. a + 6): at most 6 months lived in any 12, never more.
    const std::vector<Crossing> six{in(a), out(a + 6)};
    for (Month t = a; t <= a + 20; ++t)
        EXPECT_FALSE(resident_6m(six, born_long_ago, t)) << t - a;
    // A stay of 7 months (a .. a + 7): resident from a + 7, H = 0 + 1 + 2 x 6 = 13; at a + 13,
    // H = P(a + 1) + P(a + 13) + 2 (P(a + 2) + ... + P(a + 12)) = 1 + 0 + 2 x 6 = 13; at a + 14,
    // 1 + 0 + 2 x 5 = 11.
    const std::vector<Crossing> seven{in(a), out(a + 7)};
    EXPECT_FALSE(resident_6m(seven, born_long_ago, a + 6));
    EXPECT_TRUE(resident_6m(seven, born_long_ago, a + 7));
    EXPECT_TRUE(resident_6m(seven, born_long_ago, a + 13));
    EXPECT_FALSE(resident_6m(seven, born_long_ago, a + 14));
    // A long resident who leaves in month d: 6 1/2 months lived at d + 6, 5 1/2 at d + 7.
    const Month d = a + 40;
    const std::vector<Crossing> left{out(d)};
    EXPECT_TRUE(resident_6m(left, born_long_ago, d + 6));
    EXPECT_FALSE(resident_6m(left, born_long_ago, d + 7));
}

TEST(ResidenceRules, SixMonthRuleTakesMostOfTheLifeOfAChildUnderOne) {
    const auto b = static_cast<StoredMonth>(jan2020);
    // Born in month b and present from b + 1: most of its life in the country at every month start.
    for (Month t = b + 1; t <= b + 14; ++t)
        EXPECT_TRUE(resident_6m({}, b, t)) << t - b;
    EXPECT_FALSE(resident_6m({}, b, b)); // not yet born at the start of its month of birth
    // Leaving with its mother in month b: never in the country.
    EXPECT_FALSE(resident_6m(std::vector<Crossing>{out(b)}, b, b + 1));
    // Leaving in month b + 4: 1/2 + 3 + 1/2 = 4 months lived (H = 8 half-months). At b + 8 it has
    // been alive 7 1/2 months, most of them in the country (H >= t - b = 8); at b + 9, 8 1/2: not.
    const std::vector<Crossing> left{out(b + 4)};
    EXPECT_TRUE(resident_6m(left, b, b + 6));
    EXPECT_TRUE(resident_6m(left, b, b + 8));
    EXPECT_FALSE(resident_6m(left, b, b + 9));
}

TEST(ResidenceRules, CircularNeedsThreeCrossingsInTenYearsEachFollowedByALongEnoughStay) {
    const Month date = jan2020;
    // Out, in, out, in: stays of 12, 12 and 12 months, the last one going on for 13 at the date.
    const Month c1 = date - 49;
    const std::vector<Crossing> long_stays{out(c1), in(c1 + 12), out(c1 + 24), in(c1 + 36)};
    EXPECT_EQ(circular_at(long_stays, date, long_term_months), CircularStatus::yes);
    EXPECT_EQ(circular_at(long_stays, date, short_term_months), CircularStatus::yes);
    // One stay of 11 months: not circular, still short-term circular.
    const std::vector<Crossing> one_short{out(c1), in(c1 + 11), out(c1 + 24), in(c1 + 36)};
    EXPECT_EQ(circular_at(one_short, date, long_term_months), CircularStatus::no);
    EXPECT_EQ(circular_at(one_short, date, short_term_months), CircularStatus::yes);
    // Stays of 2 months: neither; of 3: short-term circular.
    const std::vector<Crossing> two{in(date - 30), out(date - 28), in(date - 26)};
    EXPECT_EQ(circular_at(two, date, short_term_months), CircularStatus::no);
    const std::vector<Crossing> three{in(date - 30), out(date - 27), in(date - 24)};
    EXPECT_EQ(circular_at(three, date, short_term_months), CircularStatus::yes);
    // Two crossings are not enough, however long the stays.
    EXPECT_EQ(circular_at(std::vector<Crossing>{out(date - 40), in(date - 20)}, date, long_term_months),
              CircularStatus::no);
    // The current stay shorter than the threshold so far: known only when it ends or reaches it.
    const std::vector<Crossing> back_recently{out(date - 40), in(date - 28), out(date - 16), in(date - 4)};
    EXPECT_EQ(circular_at(back_recently, date, long_term_months), CircularStatus::pending);
    EXPECT_EQ(circular_at(back_recently, date, short_term_months), CircularStatus::yes);
    const std::vector<Crossing> back_2_months{out(date - 40), in(date - 28), out(date - 14), in(date - 2)};
    EXPECT_EQ(circular_at(back_2_months, date, short_term_months), CircularStatus::pending);
}

TEST(ResidenceRules, TheCircularWindowHoldsTheCrossingsOfThe120MonthsBeforeTheDate) {
    const Month date = jan2020;
    // The first crossing in month date - 120 is within the ten years (119 1/2 months before the
    // date), in month date - 121 it is not (120 1/2 months).
    const auto history = [&](Month first) {
        return std::vector<Crossing>{out(first), in(first + 40), out(first + 80), in(first + 100)};
    };
    // Three crossings in the window either way (the second, third and fourth), all followed by long
    // stays: circular whether the first is in or out...
    EXPECT_EQ(circular_at(history(date - 120), date, long_term_months), CircularStatus::yes);
    EXPECT_EQ(circular_at(history(date - 121), date, long_term_months), CircularStatus::yes);
    // A short stay after the first crossing keeps the person out while that crossing is in the
    // window, and no longer once it has left it.
    const auto short_first = [&](Month first) {
        return std::vector<Crossing>{out(first), in(first + 2), out(first + 80), in(first + 100)};
    };
    EXPECT_EQ(circular_at(short_first(date - 120), date, long_term_months), CircularStatus::no);
    EXPECT_EQ(circular_at(short_first(date - 121), date, long_term_months), CircularStatus::yes);
    // Counting: with the first crossing out of the window only two remain.
    const auto three_only = [&](Month first) {
        return std::vector<Crossing>{in(first), out(first + 50), in(first + 100)};
    };
    EXPECT_EQ(circular_at(three_only(date - 120), date, long_term_months), CircularStatus::yes);
    EXPECT_EQ(circular_at(three_only(date - 121), date, long_term_months), CircularStatus::no);
}

TEST(ResidenceRules, AStayGoingOnAtTheEndIsClassifiedByItsIntendedEnd) {
    const Month start = jan2020;
    EXPECT_TRUE(long_enough_by_intention(start, never, long_term_months)); // no plan to end it
    EXPECT_TRUE(long_enough_by_intention(start, static_cast<StoredMonth>(start + 12), long_term_months));
    EXPECT_FALSE(long_enough_by_intention(start, static_cast<StoredMonth>(start + 11), long_term_months));
    EXPECT_TRUE(long_enough_by_intention(start, static_cast<StoredMonth>(start + 3), short_term_months));
    EXPECT_FALSE(long_enough_by_intention(start, static_cast<StoredMonth>(start + 2), short_term_months));
}

} // namespace
} // namespace migsim
