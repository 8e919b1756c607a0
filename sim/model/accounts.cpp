#include "model/accounts.hpp"

#include <numeric>

namespace migsim {

std::int64_t AreaSexAgeCounts::total(int year, int area) const {
    const auto* first = slice(year, area);
    return std::accumulate(first, first + n_sexes * n_ages, std::int64_t{0});
}

std::int64_t AreaSexAgeCounts::total(int year) const {
    std::int64_t sum = 0;
    for (int area = 0; area < areas; ++area)
        sum += total(year, area);
    return sum;
}

std::int64_t AreaSexAgeCounts::total() const {
    return std::accumulate(values.begin(), values.end(), std::int64_t{0});
}

ReportingYears::ReportingYears(Month start_month, int run_months)
    : start(start_month), months(run_months), first_year(year_of(start_month)) {
    const Month end = start_month + run_months; // the first month not simulated
    population_years = year_of(end) - first_year + 1;
    flow_years = year_of(end - 1) - first_year + 1;
}

TruthAccounts::TruthAccounts(const ReportingYears& calendar, int areas)
    : population(calendar.population_years, areas), exposure_months(calendar.flow_years, areas) {
    flows.assign(n_flows, AreaSexAgeCounts(calendar.flow_years, areas));
}

} // namespace migsim
