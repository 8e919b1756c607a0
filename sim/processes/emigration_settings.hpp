#pragma once
// The settings of emigration (processes/emigration.*): the section [emigration] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

struct EmigrationSettings {
    /// Hazards per person-year by status (see emigration_status_names) and age, as given.
    std::array<AgeTable, n_emigration_statuses> hazard{};
    double multiplier = 1.0; ///< emigration.multiplier, applied by the processes
    /// Destinations (partner regions = foreign groups) of native-born emigrants.
    std::vector<double> destination_shares;
    /// Share of foreign-born emigrants who go back to their own origin group's region; the rest
    /// choose as the native-born do.
    double return_to_origin_share = 0.8;

    bool operator==(const EmigrationSettings&) const = default;
};

/// The parameters of [emigration] (in the list of modules/modules.cpp).
const ParameterSection& emigration_parameters();

} // namespace migsim
