#pragma once
// Register-based population estimate: the population on 1 January by area, sex and age is the
// register's count, as most register-based statistical offices publish it. It inherits every
// register error (overcoverage from unreported emigration, undercoverage from unregistered
// arrivals); later estimators correct it with other sources. It takes what the register produces,
// never the truth: the estimators' library links the sources', not the truth's (sim/CMakeLists.txt).
#include "core/counts.hpp"
#include "io/output_contents.hpp"
#include "sources/register.hpp"

namespace migsim {

struct PopulationEstimate {
    AreaSexAgeCounts population;
};

PopulationEstimate estimate_population_from_register(const RegisterProducts& register_products);

/// /estimates/register_population (output_schemas/register_population_estimate.toml), over the
/// (year, area, sex, age) cells of the stocks.
OutputGroup register_population_group(const PopulationEstimate& estimate,
                                      std::vector<Coordinate> stock_cells);

} // namespace migsim
