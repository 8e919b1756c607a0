// The abroad pool at the start (model/initial_pool.cpp): with constant parameters, the first year's
// returns and re-entries are within 25 % of the fifth year's, because the pool starts with the
// persons abroad the model itself keeps there; started empty, the first year has far fewer (the
// control that shows the comparison can fail). At 3 % of Denmark a year has about 1,000 returns:
// the binomial-like spread of the ratio is about 5 %, so the 25 % bound is 5 SE away from equality
// and the empty pool's first year (below half of the fifth) is far outside it.
#include <gtest/gtest.h>

#include "model/model.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

double first_to_fifth_year_returns(bool in_equilibrium) {
    const Scenario scenario = testing::synthetic_baseline_with(
        {"population.scale=0.03", "population.areas=20", "run.months=60",
         std::string("returns.start_in_equilibrium=") + (in_equilibrium ? "true" : "false")});
    const RunResults r = Model(scenario, 2).run();
    const auto& returns = r.truth.flow("returns");
    EXPECT_GT(returns.total(4), 500);
    return static_cast<double>(returns.total(0)) / static_cast<double>(returns.total(4));
}

TEST(InitialPool, TheFirstYearsReturnsAreWithinAQuarterOfTheFifthYears) {
    const double ratio = first_to_fifth_year_returns(true);
    EXPECT_GT(ratio, 0.75);
    EXPECT_LT(ratio, 1.25);
    EXPECT_LT(first_to_fifth_year_returns(false), 0.6) << "an empty pool fills for years";
}

} // namespace
} // namespace migsim
