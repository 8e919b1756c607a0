// What the population register contributes to the output (output_schemas/register_source.toml).
#include "io/output_coordinates.hpp"
#include "sources/register.hpp"

namespace migsim {

std::vector<OutputArray> register_inputs(const RegisterSettings& settings) {
    return {
        {"register_arrival_compliance", {"origin"}, settings.arrival_compliance},
        {"register_arrival_lag", {"origin"}, as_doubles(settings.arrival_lag_months)},
        {"register_deregistration_probability", {"origin"}, settings.deregistration_probability},
        {"register_deregistration_lag", {"origin"}, as_doubles(settings.deregistration_lag_months)},
    };
}

OutputGroup register_group(const RegisterProducts& products, std::vector<Coordinate> stock_cells) {
    return {"/sources/register", std::move(stock_cells), {cell_counts("population", products.population)}};
}

} // namespace migsim
