// What life abroad contributes to the output: the hazards of returning (output_schemas/returns.toml).
#include "io/output_coordinates.hpp"
#include "processes/life_abroad.hpp"

namespace migsim {

std::vector<OutputArray> return_inputs(const ReturnSettings& settings) {
    return {{"return_hazard",
             {"birthplace", "years_abroad"},
             scaled(flattened(settings.hazard), settings.multiplier)}};
}

} // namespace migsim
