#pragma once
// The settings of families (processes/families.*): the section [families] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include "scenario/scenario.hpp"

namespace migsim {

struct FamilySettings {
    /// Whether children under 15 arrive, leave, move and come back with their mothers (the model of
    /// docs/model.md, "Children move with their mothers"), rather than as persons of their own: then
    /// every first arrival is scheduled from the full age profile, and children have the hazards of
    /// the tables, the return hazards included.
    bool children_move_with_mothers = true;

    bool operator==(const FamilySettings&) const = default;
};

/// Whether `scenario` moves children with their mothers: yes unless it has the families module's
/// settings with the switch off (a scenario built by hand without the module keeps the default).
inline bool children_move_with_mothers(const Scenario& scenario) {
    return !scenario.has<FamilySettings>() || scenario.settings<FamilySettings>().children_move_with_mothers;
}

/// The parameters of [families] (in the list of modules/modules.cpp).
const ParameterSection& families_parameters();

} // namespace migsim
