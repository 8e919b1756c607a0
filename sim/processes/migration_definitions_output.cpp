// What the truth under each official definition contributes to the output
// (output_schemas/migration_definitions.toml): the stocks on 1 January, the flows and crossings by
// calendar year, and each definition's population balance.
#include "io/output_coordinates.hpp"
#include "processes/migration_definitions.hpp"

namespace migsim {

namespace {

std::vector<std::string> origin_labels(const Scenario& scenario) {
    std::vector<std::string> out{"native_born"};
    out.insert(out.end(), scenario.groups.names.begin(), scenario.groups.names.end());
    return out;
}

} // namespace

void MigrationDefinitions::add_output(std::vector<OutputGroup>& groups) const {
    const ReportingYears& calendar = state_.calendar;
    const Scenario& scenario = state_.scenario;
    const MigrationAccounts& a = accounts_;
    const Coordinate definition{"definition", labels(definition_names)};
    const Coordinate area = area_coordinate(state_.population.areas);

    OutputGroup stocks{"/truth/migration",
                       {{"year", sequence(calendar.first_year, calendar.population_years)},
                        definition,
                        {"country_of_birth", origin_labels(scenario)},
                        area,
                        sex_coordinate(),
                        age_coordinate(),
                        {"kind", labels(circular_kind_names)}},
                       {}};
    stocks.arrays.push_back(
        {"population", {"year", "definition", "country_of_birth", "area", "sex", "age"}, a.population});
    stocks.arrays.push_back(
        {"circular", {"year", "kind", "country_of_birth", "area", "sex", "age"}, a.circular});
    stocks.arrays.push_back({"provisional", {"year", "definition"}, a.population_provisional});
    stocks.arrays.push_back({"circular_provisional", {"year", "kind"}, a.circular_provisional});
    groups.push_back(std::move(stocks));

    OutputGroup flows{"/truth/migration/flows",
                      {flow_year_coordinate(calendar, calendar.flow_years),
                       definition,
                       {"partner", scenario.groups.names},
                       area,
                       sex_coordinate(),
                       age_coordinate(),
                       {"direction", labels(direction_names)},
                       {"duration", labels(duration_names)}},
                      {}};
    const std::vector<std::string> flow_dims{"year", "definition", "partner", "area", "sex", "age"};
    flows.arrays.push_back({"immigration", flow_dims, a.immigration});
    flows.arrays.push_back({"emigration", flow_dims, a.emigration});
    flows.arrays.push_back(
        {"crossings", {"year", "direction", "duration", "partner", "sex", "age"}, a.crossings});
    flows.arrays.push_back({"provisional", {"year", "definition"}, a.flows_provisional});
    groups.push_back(std::move(flows));

    // The balance of each calendar year whose two 1 Januaries the run has.
    const int years = calendar.population_years - 1;
    std::vector<std::int32_t> balance;
    balance.reserve(static_cast<std::size_t>(years) * n_definitions * balance_component_names.size());
    for (int year = 0; year < years; ++year)
        for (int d = 0; d < n_definitions; ++d) {
            const auto definition_d = static_cast<Definition>(d);
            const std::int64_t terms[] = {
                a.population_total(year, definition_d),
                a.births[a.by_definition(year, definition_d)],
                a.deaths[a.by_definition(year, definition_d)],
                a.flow_total(a.immigration, year, definition_d),
                a.flow_total(a.emigration, year, definition_d),
                a.population_total(year + 1, definition_d),
            };
            for (const std::int64_t term : terms)
                balance.push_back(static_cast<std::int32_t>(term));
        }
    OutputGroup balance_group{
        "/truth/migration/balance",
        {flow_year_coordinate(calendar, years), definition, {"component", labels(balance_component_names)}},
        {}};
    balance_group.arrays.push_back({"persons", {"year", "definition", "component"}, std::move(balance)});
    groups.push_back(std::move(balance_group));
}

} // namespace migsim
