// Must NOT link. An estimator that reaches for the truth: the estimators' library links the
// sources' products and never the truth's library, so this program, linked like an estimator, has
// no Model to call. The test Boundaries.EstimatorsCannotLinkTheTruth expects its build to fail.
#include "model/model.hpp"

int main() {
    const migsim::Scenario scenario;
    migsim::Model model(scenario, 1);
    return static_cast<int>(model.population().size());
}
