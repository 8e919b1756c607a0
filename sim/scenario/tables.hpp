#pragma once
// The loaders of the core input tables (the national population and the migrant status of the base
// population), and the pieces every module's table loaders share. Each loader reads its CSV file
// (csv_table.hpp), checks what the numbers mean and stores them in the scenario; the formats are
// described with the parameters.
#include <span>
#include <string>
#include <vector>

#include "scenario/csv_table.hpp"
#include "scenario/parameters.hpp"

namespace migsim {

void load_national_population(const TableContext& context, Scenario& scenario);
void load_migrant_status(const TableContext& context, Scenario& scenario);

/// Hazards above this many events per person-year are taken for a mistake in the table's unit.
inline constexpr double max_hazard = 5.0;

std::vector<std::string> names_of(std::span<const char* const> names);
/// The key column `sex`: male, female.
CategoryColumn sex_column();
/// Ages 0..100, every one.
IndexColumn all_ages();
/// Ages 0..L, L <= 100, the last row open-ended ("L and over").
IndexColumn ages_to_open_end();
/// A hazard table by sex and age 0..100 (columns `sex,age,hazard`), as given.
void load_sex_age_hazard(const TableContext& context, SexAgeTable& hazard);

} // namespace migsim
