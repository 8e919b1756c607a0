#pragma once
// The loaders of the scenario's input tables, one per table parameter. Each reads its CSV file
// (csv_table.hpp), checks what the numbers mean and stores them in the scenario, applying the
// scenario's multipliers; the formats are described with the parameters (parameters.cpp).
#include "scenario/parameters.hpp"

namespace migsim {

void load_national_population(const TableContext& context, Scenario& scenario);
void load_migrant_status(const TableContext& context, Scenario& scenario);
void load_mortality_rates(const TableContext& context, Scenario& scenario);
void load_fertility_schedule(const TableContext& context, Scenario& scenario);
void load_immigration_age_profile(const TableContext& context, Scenario& scenario);
void load_emigration_hazards(const TableContext& context, Scenario& scenario);
void load_return_hazards(const TableContext& context, Scenario& scenario);
void load_internal_migration_hazards(const TableContext& context, Scenario& scenario);

} // namespace migsim
