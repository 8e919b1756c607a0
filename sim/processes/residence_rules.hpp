#pragma once
// The rules of the official definitions of international migration, read from a person's
// border-crossing history (processes/crossing_history.hpp) in whole months, with the convention of
// docs/model.md ("Time and age"): an event of month e happens mid-month, a person who arrives in
// month a is present at the starts of months a + 1 .. d of a stay that ends with a departure in
// month d, and that stay lasts d - a months. docs/model.md, "Migration under each official
// definition", states each rule with worked examples.
//
// Sources: United Nations, Recommendations on Statistics of International Migration, Revision 1
// (1998): the long-term migrant (12 months or more), the short-term migrant (3 to 11 months) and
// the country of usual residence; UNECE, Defining and Measuring Circular Migration (2016): the
// circular migrant (at least 3 crossings in 10 years, each followed by a stay of at least 12 months)
// and the short-term circular migrant (stays of at least 3 months).
#include <cstdint>
#include <span>

#include "core/calendar.hpp"
#include "processes/crossing_history.hpp"

namespace migsim {

/// Stays shorter than this are not migration (UN 1998): 3 months.
inline constexpr int short_term_months = 3;
/// Stays of at least this length make a long-term migrant (UN 1998): 12 months.
inline constexpr int long_term_months = 12;
/// The window of the circular migrant (UNECE 2016): crossings in the 120 months before the date.
inline constexpr int circular_window_months = 120;
/// Crossings a circular migrant makes in the window, at least.
inline constexpr int circular_crossings = 3;

/// The class of a crossing by the length of the stay it starts (in the country or abroad).
enum class StayDuration : std::uint8_t { under_3_months, short_term, long_term, ongoing };

/// The class of a stay of `months` whole months that has ended: under 3, 3 to 11, or 12 and more.
constexpr StayDuration stay_duration(int months) {
    return months < short_term_months  ? StayDuration::under_3_months
           : months < long_term_months ? StayDuration::short_term
                                       : StayDuration::long_term;
}

/// Whether the person is in the country at the start of month `m`: not before the month after
/// birth; then as the latest crossing before `m` left them (in: present, out: abroad), or, when
/// every crossing held is later, the opposite of the first one (crossings alternate). A history
/// without crossings is a person who never left.
bool present_at(std::span<const Crossing> crossings, StoredMonth birth, Month m);

/// Presence at the starts of months from .. from + count - 1 (count <= 64) as bits, bit k for
/// month from + k.
std::uint64_t presence_bits(std::span<const Crossing> crossings, StoredMonth birth, Month from, int count);

/// The rule of "most of the last 12 months" (UN 1998: more than 6 months, "6 months and one day"),
/// at the start of month `t`. With events mid-month, the time lived in month m is
/// (P(m) + P(m + 1)) / 2 months, P(m) the presence at its start, so the time lived in months
/// t - 12 .. t - 1 is H / 2 with H = P(t - 12) + P(t) + 2 (P(t - 11) + ... + P(t - 1)) half-months,
/// and "more than 6 months" is H >= 13 (6 1/2 months: the first length above 6 months that half
/// months can measure). A person born in month b less than 13 months before t has been alive
/// t - b - 1/2 months of the window; "most of it" is then H >= t - b.
bool resident_6m(std::span<const Crossing> crossings, StoredMonth birth, Month t);
/// The same from presence bits: bit k is the presence at the start of month t - 12 + k (k = 0..12).
bool resident_6m_from_bits(std::uint64_t bits_from_t_minus_12, int months_since_birth);

/// Whether the person is a circular migrant at the start of month `date` (a 1 January), by the
/// stays in the country or abroad that follow the crossings: yes, no, or not known yet because the
/// person's current stay (in the country, since the latest crossing) is still shorter than the
/// threshold and the answer depends on its length.
enum class CircularStatus : std::uint8_t { no, yes, pending };

/// UNECE 2016 for a person present at `date`: at least 3 crossings in months date - 120 .. date - 1,
/// each followed by a stay of at least `min_stay` months (12: circular migrant; 3: short-term
/// circular migrant). A stay that follows a crossing lasts until the next crossing; the stay of the
/// latest crossing is still going on at `date` and has lasted date - c months so far.
CircularStatus circular_at(std::span<const Crossing> crossings, Month date, int min_stay);

/// A stay still going on when the run ends, shorter than `threshold` months so far, is classified
/// by its intended end (`planned_end`, StoredMonth, `never` = no plan to end it): long enough iff
/// there is no plan or the plan makes it last at least `threshold` months.
constexpr bool long_enough_by_intention(Month stay_start, StoredMonth planned_end, int threshold) {
    return planned_end == never || planned_end - stay_start >= threshold;
}

} // namespace migsim
