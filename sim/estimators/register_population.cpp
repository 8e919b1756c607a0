#include "estimators/register_population.hpp"

namespace migsim {

PopulationEstimate estimate_population_from_register(const AreaSexAgeCounts& register_population) {
    return PopulationEstimate{register_population};
}

} // namespace migsim
