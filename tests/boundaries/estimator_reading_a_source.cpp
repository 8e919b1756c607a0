// Must link: an estimator that reads what a source produced, linked like the estimators. It is the
// control of Boundaries.EstimatorsCannotLinkTheTruth: the same build that fails there succeeds here.
#include "estimators/register_population.hpp"

int main() {
    migsim::RegisterProducts products;
    products.population = migsim::AreaSexAgeCounts(2, 3);
    const migsim::PopulationEstimate estimate = migsim::estimate_population_from_register(products);
    return estimate.population.total() == 0 ? 0 : 1;
}
