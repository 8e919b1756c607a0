#pragma once
// Calendar months and ages. migsim counts time in whole months since January 1800, so that birth
// months of the oldest living persons and arrival months far into a projection fit in 16 bits.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace migsim {

/// Months since January 1800 (month 0 = 1800-01).
using Month = std::int32_t;
/// The same, stored in person columns.
using StoredMonth = std::int16_t;

inline constexpr int calendar_epoch_year = 1800;
/// A month that never comes: used for "never registered", "never deregistered".
inline constexpr StoredMonth never = INT16_MAX;

constexpr Month month_of(int year, int month_1_to_12) {
    return (year - calendar_epoch_year) * 12 + (month_1_to_12 - 1);
}
constexpr int year_of(Month m) {
    return calendar_epoch_year + m / 12;
}
constexpr int month_in_year(Month m) {
    return m % 12 + 1;
}
constexpr bool is_january(Month m) {
    return m % 12 == 0;
}

/// "2013-01" for month_of(2013, 1).
std::string format_month(Month m);
/// Parses "YYYY-MM"; nothing when the text is not a valid month in 1900..2399.
std::optional<Month> parse_month(std::string_view text);

// Exact ages and durations in whole months: the one convention of migsim (docs/model.md, "Time
// and age").
//  - An event of month e (a birth, an arrival, a departure) happens during that month, and a
//    person who joins the country by it is present from the start of month e + 1.
//  - At the start of month m > e, the time since the event is m - e - 1/2 months on average; its
//    completed whole months are m - e - 1 and its completed years (m - e - 1) / 12.
//  - Every age and duration that a process, a stock or a flow uses is the one completed at the
//    start of the month: stocks on 1 January, hazards of month m, and events of month m (an event
//    is classified by the age completed at the start of its month).
// So a person born in month b is aged 0 in completed years at the start of months b + 1 .. b + 12
// (twelve months at age 0) and reaches age 1 at the start of month b + 13; a child born in any
// month of a year is aged 0 on the next 1 January. Persons keep a birth month, never an age, so no
// monthly pass is spent on ageing.
inline constexpr int oldest_age = 100; ///< outputs: 100 means "100 and over"
inline constexpr int n_ages = oldest_age + 1;
inline constexpr int n_sexes = 2; ///< 0 = male, 1 = female

/// Whole months completed at the start of month `now` since an event of month `event` (0 at the
/// start of the next month; -1 during the event's own month).
constexpr int completed_months(Month now, Month event) {
    return now - event - 1;
}

/// Whole years completed at the start of month `now` since an event of month `event` (0 in the
/// event's own month and the twelve that follow it).
constexpr int completed_years(Month now, Month event) {
    const int months = completed_months(now, event);
    return months > 0 ? months / 12 : 0;
}

/// Age in completed years at the start of month `now` of a person born in month `birth`, capped at
/// oldest_age (100 = 100 and over).
constexpr int age_in_years(Month now, Month birth) {
    const int a = completed_years(now, birth);
    return a < oldest_age ? a : oldest_age;
}

/// The birth month of a person aged `age_months` completed months at the start of month `now`.
constexpr Month birth_month_for_age(Month now, int age_months) {
    return now - 1 - age_months;
}

} // namespace migsim
