// What returns contribute to the output: the hazards of returning (output_schemas/returns.toml).
#include "io/output_coordinates.hpp"
#include "processes/returns.hpp"

namespace migsim {

std::vector<OutputArray> return_inputs(const ReturnSettings& settings) {
    return {{"return_hazard",
             {"birthplace", "years_abroad"},
             scaled(flattened(settings.hazard), settings.multiplier)}};
}

} // namespace migsim
