#include "model/accounts.hpp"

namespace migsim {

TruthAccounts::TruthAccounts(const ReportingYears& calendar, int areas)
    : population(calendar.population_years, areas), at_risk_months(calendar.flow_years, areas),
      flow_years_(calendar.flow_years), areas_(areas) {}

FlowId TruthAccounts::add_flow(std::string name, FlowEffect effect) {
    if (has_flow(name))
        throw std::logic_error("flow registered twice: " + name);
    flow_info.push_back({std::move(name), effect});
    flows.emplace_back(flow_years_, areas_);
    return FlowId{flows.size() - 1};
}

bool TruthAccounts::has_flow(const std::string& name) const {
    for (const FlowInfo& info : flow_info)
        if (info.name == name)
            return true;
    return false;
}

const AreaSexAgeCounts& TruthAccounts::flow(const std::string& name) const {
    for (std::size_t f = 0; f < flow_info.size(); ++f)
        if (flow_info[f].name == name)
            return flows[f];
    throw std::out_of_range("no flow named " + name);
}

std::vector<double> TruthAccounts::person_years_lived() const {
    std::vector<double> lived(at_risk_months.values.size());
    for (int year = 0; year < at_risk_months.years; ++year)
        for (int area = 0; area < at_risk_months.areas; ++area)
            for (int sex = 0; sex < n_sexes; ++sex) {
                std::int64_t newborns = 0;
                for (std::size_t f = 0; f < flows.size(); ++f)
                    if (flow_info[f].effect == FlowEffect::newborns)
                        for (int mother_age = 0; mother_age < n_ages; ++mother_age)
                            newborns += flows[f].at(year, area, sex, mother_age);
                for (int age = 0; age < n_ages; ++age) {
                    const std::size_t i = at_risk_months.index(year, area, sex, age);
                    std::int64_t half_months = 2 * at_risk_months.values[i] + (age == 0 ? newborns : 0);
                    for (std::size_t f = 0; f < flows.size(); ++f) {
                        if (flow_info[f].effect == FlowEffect::joins)
                            half_months += flows[f].values[i];
                        else if (flow_info[f].effect == FlowEffect::leaves)
                            half_months -= flows[f].values[i];
                    }
                    lived[i] = static_cast<double>(half_months) / 24.0;
                }
            }
    return lived;
}

} // namespace migsim
