// The parameters of [families].
#include "processes/families_settings.hpp"

#include <array>

#include "scenario/parameters.hpp"

namespace migsim {

namespace {

const std::array parameters_declared = {
    Parameter{.key = "families.children_move_with_mothers",
              .type = ParameterType::boolean,
              // Who is scheduled to arrive, and whether a run keeps family links at all, are settled
              // at the start.
              .fixed_during_run = true,
              .default_value = "true",
              .description =
                  "Whether children under 15 arrive with their immigrant mothers and leave, move and "
                  "come back only with them (docs/model.md), rather than on their own: when false, "
                  "every first arrival is scheduled from the full age profile, children included, and "
                  "children have the emigration, internal migration and return hazards of the tables "
                  "(the model of the first version).",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<FamilySettings>().children_move_with_mothers = v.boolean;
                  }},
};

const ParameterSection section{"families", "Families: children under 15 and their mothers.",
                               parameters_declared, declare_settings<FamilySettings>};

} // namespace

const ParameterSection& families_parameters() {
    return section;
}

} // namespace migsim
