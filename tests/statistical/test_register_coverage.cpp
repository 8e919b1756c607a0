// Register overcoverage against its analytic expectation. With no deaths, births, arrivals,
// returns or internal moves, the only difference between register and truth comes from emigrants
// whose departure is not reported: each emigrant is deregistered with probability q after a lag
// of L months, independently. Given E emigrants, the overcount is then Binomial(E, 1 - q) for
// those who left more than L months ago plus all who left within the last L months.
#include <cmath>

#include <gtest/gtest.h>

#include "pipeline/pipeline.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

std::vector<std::string> emigration_only(double q, int lag) {
    // Nobody comes back: no returns and no planned stays (a planned stay ends in a next stay); one
    // probability and lag for every origin.
    std::vector<std::string> out = {"mortality.multiplier=0",
                                    "fertility.total_fertility=0",
                                    "returns.multiplier=0",
                                    "internal_migration.multiplier=0",
                                    "immigration.arrivals_per_year=0",
                                    "population.scale=0.1",
                                    "run.months=36",
                                    "register.deregistration_probability=" + std::to_string(q),
                                    "register.deregistration_lag_months=" + std::to_string(lag)};
    for (const std::string& value : testing::no_planned_stays())
        out.push_back(value);
    return out;
}

std::int64_t overcount(const PipelineResults& r, int year) {
    return r.sources.population_register.population.total(year) - r.run.truth.population.total(year);
}

TEST(RegisterCoverage, OvercountIsBinomialInUnreportedEmigrantsAndGrows) {
    const double q = 0.3;
    const PipelineResults r = run_pipeline(testing::synthetic_baseline_with(emigration_only(q, 0)), 0);
    double emigrants = 0.0;
    std::int64_t previous = 0;
    for (int year = 1; year < r.run.calendar.population_years; ++year) {
        emigrants += static_cast<double>(r.run.truth.flow("emigration").total(year - 1));
        const double expected = emigrants * (1 - q);
        const double se = std::sqrt(emigrants * q * (1 - q));
        EXPECT_NEAR(static_cast<double>(overcount(r, year)), expected, 4 * se) << "year " << year;
        EXPECT_GT(overcount(r, year), previous);
        previous = overcount(r, year);
    }
    EXPECT_GT(emigrants, 5000.0);
}

TEST(RegisterCoverage, ReportedDeparturesTakeEffectAfterTheLag) {
    // With a 12-month lag nobody who left in year 0 is off the register by 1 January of year 1,
    // and on 1 January of year 2 exactly the year-0 emigrants who were reported are.
    const double q = 0.6;
    const PipelineResults r = run_pipeline(testing::synthetic_baseline_with(emigration_only(q, 12)), 0);
    const auto e0 = static_cast<double>(r.run.truth.flow("emigration").total(0));
    const auto e1 = static_cast<double>(r.run.truth.flow("emigration").total(1));
    EXPECT_EQ(overcount(r, 1), static_cast<std::int64_t>(e0));
    EXPECT_NEAR(static_cast<double>(overcount(r, 2)), e0 * (1 - q) + e1, 4 * std::sqrt(e0 * q * (1 - q)));
}

} // namespace
} // namespace migsim
