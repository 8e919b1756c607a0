// The calibration of the municipalities' attractions (sim/calibrate/area_attraction_fit.hpp) on a
// small copy of Denmark over 2008-2010: the balancing iteration brings every municipality to its
// observed share, and the fit is the same at 1 and 2 threads (common random numbers by key).
#include <gtest/gtest.h>

#include "calibrate/area_attraction_fit.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

Scenario denmark_2008_2010(double scale) {
    return testing::scenario_with_overrides(
        testing::baseline_path(),
        testing::joined({"population.scale=" + std::to_string(scale), "run.start=2008-01", "run.months=24",
                         "population.national_table=" + std::string(MIGSIM_SOURCE_DIR) +
                             "/scenarios/data/dk_population_jan1_2008.csv"},
                        testing::no_labour_market()));
}

TEST(AreaAttractionFit, BringsEveryMunicipalityToItsObservedShareAndIsTheSameAtOneAndTwoThreads) {
    const Scenario scenario = denmark_2008_2010(0.05);
    const ObservedAreaPopulationsRead observed = read_observed_area_populations(scenario, 2008, 2010);
    ASSERT_TRUE(observed.ok());
    ASSERT_EQ(observed.observed->codes.size(), 99u);
    // The observed total of 2010 is the published one (scenarios/data/SOURCES.md): 5,534,738.
    EXPECT_EQ(observed.observed->total(2010), 5'534'738.0);

    AreaFitOptions options;
    options.max_iterations = 8;
    options.tolerance = 1.0;
    options.threads = 1;
    const AreaAttractionFit fit = fit_area_attractions(scenario, *observed.observed, options);
    ASSERT_FALSE(fit.iterations.empty());
    const AreaFitIteration& start = fit.iterations.front();
    const AreaFitIteration& kept = fit.iterations[static_cast<std::size_t>(fit.best_iteration)];
    // Without attractions, population alone places movers: Copenhagen's growth of 2008-2010 is
    // missed by many standard deviations. The fit brings the areas to their targets (a step of the
    // wrong sign, or on the wrong area, makes them drift away instead). At 5 % of Denmark the
    // smallest areas are a handful of persons, whose counts move by whole persons: Christiansø's
    // 4 simulated persons stay about 2 sd from their target, so the test asks for 2.5 sd and a
    // fourth of the starting rms, where the fit of the whole population (scenarios/data,
    // internal_migration_attraction_fit_summary.csv) reaches 1 sd.
    EXPECT_GT(start.max_abs_standardised, 5.0);
    EXPECT_LE(kept.max_abs_standardised, 2.5);
    EXPECT_LT(kept.rms_standardised, start.rms_standardised / 4.0);
    EXPECT_EQ(fit.log_attraction.front(), 0.0); // the reference area
    // The targets are the observed shares of the simulated total, so they sum to it.
    double targets = 0.0;
    double simulated = 0.0;
    for (const AreaFitTarget& t : fit.targets)
        if (t.year == 2010) {
            targets += t.target;
            simulated += t.simulated;
        }
    EXPECT_NEAR(targets, simulated, 1e-6 * simulated);

    options.threads = 2;
    const AreaAttractionFit again = fit_area_attractions(scenario, *observed.observed, options);
    EXPECT_EQ(again.log_attraction, fit.log_attraction);
    EXPECT_EQ(again.best_iteration, fit.best_iteration);
}

TEST(AreaAttractionFit, RefusesAScenarioThatDoesNotSpanTheObservedYears) {
    const Scenario scenario = denmark_2008_2010(0.01);
    const ObservedAreaPopulationsRead observed = read_observed_area_populations(scenario, 2008, 2011);
    ASSERT_TRUE(observed.ok());
    EXPECT_THROW(fit_area_attractions(scenario, *observed.observed, {}), std::invalid_argument);
    // A year the table does not have is a problem of the table, with its file.
    const ObservedAreaPopulationsRead missing = read_observed_area_populations(scenario, 2008, 2014);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.problems.front().file.find("municipal_population_2008_2013.csv"), std::string::npos);
}

TEST(AreaAttractionFit, NeedsRealAreas) {
    const Scenario scenario = testing::synthetic_baseline_with({"population.scale=0.01"});
    const ObservedAreaPopulationsRead observed = read_observed_area_populations(scenario, 2013, 2014);
    ASSERT_FALSE(observed.ok());
    EXPECT_EQ(observed.problems.front().key, "areas.table");
}

} // namespace
} // namespace migsim
