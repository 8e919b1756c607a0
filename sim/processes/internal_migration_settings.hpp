#pragma once
// The settings of internal migration (processes/internal_migration.*): the section
// [internal_migration] of the scenario.
//
// A module's settings and the declaration of its parameters live beside the module, in
// *_settings.{hpp,cpp}; they are compiled into the migsim_settings library, which sits below the
// processes and the sources (sim/CMakeLists.txt), so that the base population (calibration/) and
// the scenario's tests read them without linking the module's logic.
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
