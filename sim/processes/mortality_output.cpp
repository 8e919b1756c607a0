// What mortality contributes to the output (output_schemas/mortality.toml).
#include "io/output_coordinates.hpp"
#include "processes/mortality.hpp"

namespace migsim {

std::vector<OutputArray> mortality_inputs(const MortalitySettings& settings) {
    return {{"mortality_hazard", {"sex", "age"}, scaled(flattened(settings.hazard), settings.multiplier)}};
}

} // namespace migsim
