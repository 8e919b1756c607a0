#pragma once
// The settings of immigration (processes/immigration.*): the section [immigration] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

struct ImmigrationSettings {
    std::vector<double> arrivals_per_year; ///< first arrivals by foreign group, before scaling
    /// Age-sex profile of arrivals by foreign group: shares summing to 1 over sex and age.
    std::vector<SexAgeTable> age_profile;
    double urban_attraction = 1.5; ///< arrivals settle in areas in proportion to size x (1 + this x urbanity)
    /// immigration.multiplier, a factor on every group's arrivals in the simulated period, applied by
    /// the process. Like the hazard multipliers it does not shape the base population's arrival
    /// history (calibration/arrival_history.hpp), which uses arrivals_per_year as given.
    double multiplier = 1.0;

    bool operator==(const ImmigrationSettings&) const = default;
};

/// The parameters of [immigration] (in the list of modules/modules.cpp).
const ParameterSection& immigration_parameters();

} // namespace migsim
