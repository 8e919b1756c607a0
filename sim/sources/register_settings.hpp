#pragma once
// The settings of the population register (sources/register.*): the section [register] of the
// scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

struct RegisterSettings {
    std::vector<double> arrival_compliance;         ///< by origin (0 = native-born returnees)
    std::vector<int> arrival_lag_months;            ///< by origin
    std::vector<double> deregistration_probability; ///< emigrants reported as leaving, by origin
    std::vector<int> deregistration_lag_months;     ///< by origin
    int birth_lag_months = 0;
    int death_lag_months = 0;

    bool operator==(const RegisterSettings&) const = default;
};

/// The parameters of [register] (in the list of modules/modules.cpp).
const ParameterSection& register_parameters();

} // namespace migsim
