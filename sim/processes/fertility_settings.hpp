#pragma once
// The settings of fertility (processes/fertility.*): the section [fertility] of the scenario.
//
// A module's settings and the declaration of its parameters live beside the module, in
// *_settings.{hpp,cpp}; they are compiled into the migsim_settings library, which sits below the
// processes and the sources (sim/CMakeLists.txt), so that the base population (calibration/) and
// the scenario's tests read them without linking the module's logic.
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
