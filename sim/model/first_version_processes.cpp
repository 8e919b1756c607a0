// The processes of the first version, in their fixed order (model/process.hpp): the order in which
// their competing events enter the month's pass and their events of life abroad the abroad pass,
// and in which they apply each month's events, is part of every output. The processes added since
// follow them (model/added_processes.cpp).
#include <vector>

#include "model/process.hpp"
#include "processes/emigration.hpp"
#include "processes/fertility.hpp"
#include "processes/immigration.hpp"
#include "processes/internal_migration.hpp"
#include "processes/mortality.hpp"
#include "processes/returns.hpp"

namespace migsim {

std::span<const ProcessFactory> first_version_processes() {
    static const std::vector<ProcessFactory> list = {
        &make_mortality,  // deaths at home and abroad
        &make_emigration, // departures abroad
        &make_internal_migration,
        &make_fertility,   // births, which do not compete
        &make_immigration, // first arrivals
        &make_returns,     // returns from the abroad pool
    };
    return list;
}

} // namespace migsim
