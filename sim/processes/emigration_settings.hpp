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
    /// emigration.multiplier_by_origin: a factor on the hazards of the persons born in each
    /// country (native_born first, then each group), with emigration.multiplier.
    std::vector<double> origin_multiplier;
    /// Destinations (partner regions = foreign groups) of native-born emigrants.
    std::vector<double> destination_shares;
    /// Share of foreign-born emigrants who go back to their own origin group's region; the rest
    /// choose as the native-born do.
    double return_to_origin_share = 0.8;

    bool operator==(const EmigrationSettings&) const = default;
};

inline constexpr const char* origin_multiplier_key = "emigration.multiplier_by_origin";

/// The parameters of [emigration] (in the list of modules/modules.cpp).
const ParameterSection& emigration_parameters();

} // namespace migsim
