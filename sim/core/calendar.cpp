#include "core/calendar.hpp"

#include <charconv>
#include <cstdio>

namespace migsim {

std::string format_month(Month m) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", year_of(m), month_in_year(m));
    return text;
}

std::optional<Month> parse_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-')
        return std::nullopt;
    int year = 0;
    int month = 0;
    const auto y = std::from_chars(text.data(), text.data() + 4, year);
    const auto m = std::from_chars(text.data() + 5, text.data() + 7, month);
    if (y.ec != std::errc{} || y.ptr != text.data() + 4 || m.ec != std::errc{} || m.ptr != text.data() + 7)
        return std::nullopt;
    if (year < 1900 || year > 2399 || month < 1 || month > 12)
        return std::nullopt;
    return month_of(year, month);
}

} // namespace migsim
