#pragma once
// Years of residence as the residence permits and naturalisation count them: completed years since
// the latest arrival (Statistics Denmark's duration of residence), and the history of a rule that
// starts to apply after a number of months of residence, for the base population at the start.
#include <algorithm>
#include <cmath>

#include "core/calendar.hpp"

namespace migsim {

/// Labels of the `residence_years` dimension: 0 .. 20, the last meaning 20 and more.
inline constexpr int residence_year_labels = 21;

/// Completed years since the latest arrival in month `arrival`, at the start of month `now`, capped
/// at the last label.
inline int residence_years(Month now, StoredMonth arrival) {
    return std::min(completed_years(now, arrival), residence_year_labels - 1);
}

/// The months before `start` in which a person who arrived in month `arrival` had completed at
/// least `from` months of residence: the months t < start with completed_months(t, arrival) >= from.
inline int months_reached_before(Month start, StoredMonth arrival, int from) {
    return std::max(0, start - (arrival + 1 + from));
}

/// The chance that an event of monthly probability `p` happened in `months` months.
inline double chance_within(double p, int months) {
    return 1.0 - std::pow(1.0 - p, months);
}

} // namespace migsim
