#pragma once
// The settings of internal migration (processes/internal_migration.*): the section
// [internal_migration] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

struct InternalMigrationSettings {
    SexAgeTable hazard{};             ///< moves between small areas per person-year, as given
    double multiplier = 1.0;          ///< internal_migration.multiplier, applied by the processes
    double distance_decay_km = 60.0;  ///< gravity: attraction falls as exp(-distance / this)
    double population_exponent = 1.0; ///< gravity: attraction grows as population^this

    bool operator==(const InternalMigrationSettings&) const = default;
};

/// The parameters of [internal_migration] (in the list of modules/modules.cpp).
const ParameterSection& internal_migration_parameters();

} // namespace migsim
