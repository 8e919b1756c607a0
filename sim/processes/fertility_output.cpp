// What fertility contributes to the output (output_schemas/fertility.toml).
#include "io/output_coordinates.hpp"
#include "processes/fertility.hpp"

namespace migsim {

std::vector<OutputArray> fertility_inputs(const FertilitySettings& settings) {
    return {{"fertility_rate", {"age"}, std::vector<double>(settings.rate.begin(), settings.rate.end())}};
}

} // namespace migsim
