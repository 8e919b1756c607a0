// The one list of the scenario's sections. A new module declares its settings and parameters in
// its own *_settings.{hpp,cpp} and adds one line here, where its section goes in the scenario file
// (and in the resolved text, and in docs/parameters.md).
#include "modules/modules.hpp"

#include "population/area_settings.hpp"
#include "processes/emigration_settings.hpp"
#include "processes/families_settings.hpp"
#include "processes/fertility_settings.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/internal_migration_settings.hpp"
#include "processes/labour_settings.hpp"
#include "processes/mortality_settings.hpp"
#include "processes/naturalisation_settings.hpp"
#include "processes/permits_settings.hpp"
#include "processes/returns_settings.hpp"
#include "processes/spells_settings.hpp"
#include "scenario/parameters.hpp"
#include "sources/register_settings.hpp"

namespace migsim {

const Schema& default_schema() {
    // clang-format off
    static const Schema schema = {
        &run_parameters(),
        &population_parameters(),
        &groups_parameters(),
        &areas_parameters(),
        &mortality_parameters(),
        &fertility_parameters(),
        &immigration_parameters(),
        &emigration_parameters(),
        &returns_parameters(),
        &spells_parameters(),
        &families_parameters(),
        &internal_migration_parameters(),
        &labour_parameters(),
        &permits_parameters(),
        &naturalisation_parameters(),
        &register_parameters(),
    };
    // clang-format on
    return schema;
}

} // namespace migsim
