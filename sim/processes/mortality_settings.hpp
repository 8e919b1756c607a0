#pragma once
// The settings of mortality (processes/mortality.*, and deaths abroad in processes/returns.*):
// the section [mortality] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

// Hazard tables hold the rates as given; each process multiplies them by its multiplier when it
// builds its monthly probabilities. The base population's arrival history uses the tables as given
// (calibration/arrival_history.hpp): a multiplier changes the simulated period, not the past.

struct MortalitySettings {
    SexAgeTable hazard{};    ///< deaths per person-year, as given by the table
    double multiplier = 1.0; ///< mortality.multiplier, applied by the processes

    bool operator==(const MortalitySettings&) const = default;
};

/// The parameters of [mortality] (in the list of modules/modules.cpp).
const ParameterSection& mortality_parameters();

} // namespace migsim
