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

// Ages. Persons keep a birth month, never an age: the age in completed years at month m is
// (m - birth) / 12, so no monthly pass is spent on ageing.
inline constexpr int oldest_age = 100; ///< outputs: 100 means "100 and over"
inline constexpr int n_ages = oldest_age + 1;
inline constexpr int n_sexes = 2; ///< 0 = male, 1 = female

constexpr int age_in_years(Month now, Month birth) {
    const int a = (now - birth) / 12;
    return a < oldest_age ? a : oldest_age;
}

} // namespace migsim
