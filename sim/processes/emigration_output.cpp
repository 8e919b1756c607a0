// What emigration contributes to the output (output_schemas/emigration.toml and, for the choice
// of destination, output_schemas/emigration_destinations.toml).
#include "io/output_coordinates.hpp"
#include "processes/emigration.hpp"

namespace migsim {

std::vector<OutputArray> emigration_inputs(const EmigrationSettings& settings) {
    return {
        {"emigration_hazard", {"status", "age"}, scaled(flattened(settings.hazard), settings.multiplier)}};
}

std::vector<OutputArray> emigration_destination_inputs(const EmigrationSettings& settings) {
    return {{"emigration_destination_share", {"group"}, settings.destination_shares}};
}

} // namespace migsim
