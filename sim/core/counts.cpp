#include "core/counts.hpp"

namespace migsim {

ReportingYears::ReportingYears(Month start_month, int run_months)
    : start(start_month), months(run_months), first_year(year_of(start_month)) {
    const Month end = start_month + run_months; // the first month not simulated
    population_years = year_of(end) - first_year + 1;
    flow_years = year_of(end - 1) - first_year + 1;
}

} // namespace migsim
