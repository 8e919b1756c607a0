#pragma once
// Register-based population estimate: the population on 1 January by area, sex and age is the
// register's count, as most register-based statistical offices publish it. It inherits every
// register error (overcoverage from unreported emigration, undercoverage from unregistered
// arrivals); later estimators correct it with other sources. It takes observations only, never
// the truth.
#include "model/accounts.hpp"

namespace migsim {

struct PopulationEstimate {
    AreaSexAgeCounts population;
};

PopulationEstimate estimate_population_from_register(const AreaSexAgeCounts& register_population);

} // namespace migsim
