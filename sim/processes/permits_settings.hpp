#pragma once
// The settings of residence permits (processes/permits.*): the section [permits] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

struct PermitSettings {
    /// By foreign group: the share of its citizens who are third-country nationals and need a
    /// residence permit (0 for the EU and the EEA, whose citizens move freely).
    std::vector<double> third_country_share;
    /// Years of residence since the latest arrival before a temporary permit may become permanent.
    double permanent_after_years = 5.0;
    /// Annual hazard with which an eligible holder of a temporary permit obtains a permanent one
    /// (may change during a run).
    double permanent_hazard = 0.0;

    bool operator==(const PermitSettings&) const = default;
};

/// The parameters of [permits] (in the list of modules/modules.cpp).
const ParameterSection& permits_parameters();

} // namespace migsim
