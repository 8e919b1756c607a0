#include "model/truth_output.hpp"

#include "io/output_coordinates.hpp"

namespace migsim {

std::vector<OutputGroup> truth_groups(const RunResults& run) {
    const ReportingYears& calendar = run.calendar;
    const TruthAccounts& truth = run.truth;
    OutputGroup stocks{
        "/truth", year_area_sex_age(calendar.first_year, calendar.population_years, run.areas), {}};
    stocks.arrays.push_back(cell_counts("population", truth.population));

    OutputGroup flows{"/truth/flows", flow_year_area_sex_age(calendar, run.areas), {}};
    for (std::size_t f = 0; f < truth.flows.size(); ++f)
        flows.arrays.push_back(cell_counts(truth.flow_info[f].name, truth.flows[f]));
    std::vector<double> at_risk_years;
    at_risk_years.reserve(truth.at_risk_months.values.size());
    for (std::int64_t months : truth.at_risk_months.values)
        at_risk_years.push_back(static_cast<double>(months) / 12.0);
    flows.arrays.push_back(
        {"person_years_at_risk", {"year", "area", "sex", "age"}, std::move(at_risk_years)});
    flows.arrays.push_back(
        {"person_years_lived", {"year", "area", "sex", "age"}, truth.person_years_lived()});

    std::vector<OutputGroup> groups;
    groups.push_back(std::move(stocks));
    groups.push_back(std::move(flows));
    return groups;
}

std::vector<OutputArray> area_inputs(const RunResults& run) {
    std::vector<double> urbanity, x, y;
    for (const SmallArea& area : run.areas) {
        urbanity.push_back(area.urbanity);
        x.push_back(area.x_km);
        y.push_back(area.y_km);
    }
    return {{"area_urbanity", {"area"}, urbanity},
            {"area_x", {"area"}, x},
            {"area_y", {"area"}, y},
            {"area_base_population", {"area"}, as_doubles(run.area_base_population)}};
}

} // namespace migsim
