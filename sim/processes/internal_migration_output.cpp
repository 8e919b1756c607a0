// What internal migration contributes to the output (output_schemas/internal_migration.toml).
#include "io/output_coordinates.hpp"
#include "processes/internal_migration.hpp"

namespace migsim {

std::vector<OutputArray> internal_migration_inputs(const InternalMigrationSettings& settings) {
    return {{"internal_migration_hazard",
             {"sex", "age"},
             scaled(flattened(settings.hazard), settings.multiplier)}};
}

} // namespace migsim
