#include "estimators/register_population.hpp"

namespace migsim {

PopulationEstimate estimate_population_from_register(const RegisterProducts& register_products) {
    return PopulationEstimate{register_products.population};
}

} // namespace migsim
