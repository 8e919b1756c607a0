// What the register-based population estimator contributes to the output
// (output_schemas/register_population_estimate.toml).
#include "estimators/register_population.hpp"
#include "io/output_coordinates.hpp"

namespace migsim {

OutputGroup register_population_group(const PopulationEstimate& estimate,
                                      std::vector<Coordinate> stock_cells) {
    return {"/estimates/register_population",
            std::move(stock_cells),
            {cell_counts("population", estimate.population)}};
}

} // namespace migsim
