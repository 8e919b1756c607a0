#include "model/accounts.hpp"

namespace migsim {

ReportingYears::ReportingYears(Month start_month, int run_months)
    : start(start_month), months(run_months), first_year(year_of(start_month)) {
    const Month end = start_month + run_months; // the first month not simulated
    population_years = year_of(end) - first_year + 1;
    flow_years = year_of(end - 1) - first_year + 1;
}

TruthAccounts::TruthAccounts(const ReportingYears& calendar, int areas)
    : population(calendar.population_years, areas), at_risk_months(calendar.flow_years, areas) {
    flows.assign(n_flows, AreaSexAgeCounts(calendar.flow_years, areas));
}

std::vector<double> TruthAccounts::person_years_lived() const {
    std::vector<double> lived(at_risk_months.values.size());
    const auto value = [&](Flow f, std::size_t i) { return static_cast<std::int64_t>(flow(f).values[i]); };
    for (int year = 0; year < at_risk_months.years; ++year)
        for (int area = 0; area < at_risk_months.areas; ++area)
            for (int sex = 0; sex < n_sexes; ++sex) {
                std::int64_t newborns = 0;
                for (int mother_age = 0; mother_age < n_ages; ++mother_age)
                    newborns += flow(Flow::births).at(year, area, sex, mother_age);
                for (int age = 0; age < n_ages; ++age) {
                    const std::size_t i = at_risk_months.index(year, area, sex, age);
                    const std::int64_t half_months =
                        2 * at_risk_months.values[i] - value(Flow::deaths, i) - value(Flow::emigration, i) -
                        value(Flow::internal_out, i) + value(Flow::internal_in, i) +
                        value(Flow::immigration, i) + value(Flow::returns, i) + (age == 0 ? newborns : 0);
                    lived[i] = static_cast<double>(half_months) / 24.0;
                }
            }
    return lived;
}

} // namespace migsim
