#pragma once
// The settings of naturalisation (processes/naturalisation.*): the section [naturalisation] of the
// scenario. Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

struct NaturalisationSettings {
    /// Annual hazard of acquiring the reporting country's citizenship once eligible (may change
    /// during a run: a tightening of the rules).
    double annual_hazard = 0.0;
    /// By foreign group (the citizenship held): the years of residence since the latest arrival
    /// before a person may naturalise (Denmark: 9; citizens of the Nordic countries 2).
    std::vector<double> eligibility_years;
    /// The years of residence before a person granted protection (a refugee) may naturalise, when
    /// fewer than the group's (Denmark: 8).
    double refugee_eligibility_years = 8.0;

    bool operator==(const NaturalisationSettings&) const = default;
};

/// The parameters of [naturalisation] (in the list of modules/modules.cpp).
const ParameterSection& naturalisation_parameters();

} // namespace migsim
