#include "core/counts.hpp"

#include <algorithm>

namespace migsim {

ReportingYears::ReportingYears(Month start_month, int run_months)
    : start(start_month), months(run_months), first_year(year_of(start_month)) {
    const Month end = start_month + run_months; // the first month not simulated
    population_years = year_of(end) - first_year + 1;
    flow_years = year_of(end - 1) - first_year + 1;
}

int ReportingYears::simulated_months(int year) const {
    const Month end = start + months; // the first month not simulated
    const Month first = std::max(start, month_of(year, 1));
    const Month last = std::min(end, month_of(year + 1, 1)); // exclusive
    return std::max(0, last - first);
}

} // namespace migsim
