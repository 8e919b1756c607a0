#pragma once
// The settings of fertility (processes/fertility.*): the section [fertility] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

struct FertilitySettings {
    AgeTable rate{};                 ///< births per woman-year by age of mother (zero outside 10..60)
    double proportion_male = 0.5134; ///< share of boys among births

    bool operator==(const FertilitySettings&) const = default;
};

/// The parameters of [fertility] (in the list of modules/modules.cpp).
const ParameterSection& fertility_parameters();

} // namespace migsim
