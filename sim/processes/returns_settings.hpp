#pragma once
// The settings of returns from abroad (processes/returns.*): the section [returns] of the
// scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

struct ReturnSettings {
    /// Hazard of returning per person-year abroad, by birthplace and completed years abroad
    /// 0..max_years_abroad-1, as given.
    std::array<std::vector<double>, n_birthplaces> hazard;
    double multiplier = 1.0; ///< returns.multiplier, applied by the processes
    /// Pruning rule of the abroad pool: a person abroad this long is no longer followed.
    int max_years_abroad = 10;
    /// Whether the abroad pool starts in the steady state of the hazards (model/initial_pool.hpp)
    /// rather than empty.
    bool start_in_equilibrium = true;

    bool operator==(const ReturnSettings&) const = default;
};

/// The parameters of [returns] (in the list of modules/modules.cpp).
const ParameterSection& returns_parameters();

} // namespace migsim
