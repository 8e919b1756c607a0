// The list of processes added after those of the first version (model/first_version_processes.cpp):
// a new process is a file of its own and one line here. The order of the lists is part of every
// output.
#include <vector>

#include "model/process.hpp"
#include "processes/families.hpp"
#include "processes/labour.hpp"
#include "processes/migration_definitions.hpp"
#include "processes/naturalisation.hpp"
#include "processes/permits.hpp"
#include "processes/spells.hpp"

namespace migsim {

std::span<const ProcessFactory> added_processes() {
    // One entry per added process, in the order they act each month: `&make_<process>,`.
    static const std::vector<ProcessFactory> list = {
        &make_spells,                // migrant types, planned stays, citizenship
        &make_families,              // children move with their mothers
        &make_labour,                // background and activity status
        &make_permits,               // residence permits of third-country nationals
        &make_naturalisation,        // foreign citizens acquiring the reporting country's citizenship
        &make_migration_definitions, // the truth under each official definition (observes only)
    };
    return list;
}

} // namespace migsim
