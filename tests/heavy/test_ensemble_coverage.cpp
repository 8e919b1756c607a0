// Ensembles and paired comparisons over replicate runs by the dozen (the heavy group):
//  - the coverage of the 95 % intervals of a known-unbiased estimator with an unbiased variance (a
//    Bernoulli sample of persons on 1 January, Horvitz-Thompson) is 95 % within its Monte Carlo
//    error: R x cells = 40 x 30 independent intervals, SE sqrt(0.95 x 0.05 / 1200) = 0.0063;
//    90 % intervals (z = 1.645) land 7.9 SE below (measured: 0.898), an estimator that halves its
//    variance (coverage 83 %) 18 SE;
//  - with a small change, the paired SE is a fraction of the independent one, and the independent
//    SE the comparison reports agrees with the spread of the difference of independent runs.
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "ensemble/quality_report.hpp"
#include "support/ensemble_survey.hpp"

namespace migsim {
namespace {

using namespace ensemble_testing;

TEST(EnsembleStatistics, AnUnbiasedEstimatorsIntervalsCover95PerCentWithinTheirMonteCarloError) {
    const std::uint64_t replicates = 40;
    const EnsembleResult result = ensemble(replicates, 0);
    const DatasetSummary& s = summary(result, "/estimates/sample_survey/population");
    const std::vector<double>& coverage = *s.statistic("coverage");
    const double cells = static_cast<double>(coverage.size());
    const double mean = std::accumulate(coverage.begin(), coverage.end(), 0.0) / cells;
    const double se = std::sqrt(0.95 * 0.05 / (cells * static_cast<double>(replicates)));
    EXPECT_NEAR(mean, 0.95, 4.0 * se) << "coverage " << mean << ", SE " << se;
    // The quality report gives the same mean coverage and its Monte Carlo SE.
    for (const QualityRow& row : quality_report(result, survey_layout()))
        if (row.estimate == "/estimates/sample_survey/population") {
            EXPECT_DOUBLE_EQ(*row.values[6], mean);
            EXPECT_NEAR(*row.values[7], se, 0.2 * se);
        }
    // On the first 1 January the truth is the shared base population, the same in every replicate:
    // the spread of the estimate is the sample's alone, which its variance estimates. The ratio of
    // estimated to empirical SE of the 10 areas averages 1 within 4 SE (each ratio's SE about
    // sqrt(1 / (2 (R - 1))) = 0.11): a variance off by a factor 2 (ratio 0.71 or 1.41) fails.
    const auto& se_ratio = *s.statistic("se_ratio");
    const double first_year = std::accumulate(se_ratio.begin(), se_ratio.begin() + 10, 0.0) / 10.0;
    EXPECT_NEAR(first_year, 1.0, 4.0 * std::sqrt(1.0 / (2.0 * (replicates - 1)) / 10.0)) << first_year;
    // And the estimator is unbiased: its relative bias by year is 0 within 4 Monte Carlo SE.
    const DatasetSummary& whole = summary(result, "/estimates/sample_survey/population");
    const auto& bias = *whole.statistic("bias");
    const auto& bias_se = *whole.statistic("bias_mc_se");
    double z_sum = 0.0;
    for (std::size_t c = 0; c < bias.size(); ++c)
        z_sum += bias[c] / bias_se[c];
    EXPECT_LT(std::abs(z_sum / std::sqrt(cells)), 4.0);
}

TEST(PairedComparison, CommonRandomNumbersShrinkTheStandardErrorByTheMeasuredFactor) {
    const std::uint64_t replicates = 30;
    const Scenario a = small();
    const Scenario b = scenario_with(a, {"emigration.multiplier=1.1"}, 0);
    const ComparisonResult result = compare(a, b, replicates);
    ComparisonTotal population;
    for (const ComparisonTotal& t : comparison_totals(result))
        if (t.dataset == "/truth/population")
            population = t;
    // Fewer residents with more emigration, and the paired SE a small fraction of the independent.
    EXPECT_LT(population.difference, 0.0);
    EXPECT_LT(population.difference_se, population.independent_se / 3.0);
    EXPECT_NEAR(population.variance_ratio,
                population.difference_se * population.difference_se /
                    (population.independent_se * population.independent_se),
                1e-12);

    // Independent pairs: B with the seeds of replicates R..2R-1. The variance of their difference
    // is what the comparison's independent SE says, within the sampling error of a variance of R
    // values (relative SE sqrt(2 / (R - 1)) for each of the two, on the log scale).
    const ReplicateSeeds seeds(a);
    const Runner runner(scenario_with(a, seeds.overrides(0), 1)); // the shared base population
    std::vector<double> differences;
    for (std::uint64_t r = 0; r < replicates; ++r) {
        const auto total = [&](const Scenario& s) {
            const OutputContents contents = output_contents(s, runner.run(s, 1));
            const std::vector<double> v = values_of(contents, "/truth/population");
            const std::size_t per_year = v.size() / 3; // 2013, 2014, 2015
            return std::accumulate(v.end() - static_cast<std::ptrdiff_t>(per_year), v.end(), 0.0);
        };
        differences.push_back(total(scenario_with(b, seeds.overrides(replicates + r), 1)) -
                              total(scenario_with(a, seeds.overrides(r), 1)));
    }
    const double mean = std::accumulate(differences.begin(), differences.end(), 0.0) / replicates;
    double variance = 0.0;
    for (const double d : differences)
        variance += (d - mean) * (d - mean) / (replicates - 1);
    const double reported = population.independent_se * population.independent_se * replicates;
    const double log_se = std::sqrt(2.0 * 2.0 / (replicates - 1));
    EXPECT_LT(std::abs(std::log(variance / reported)), 4.0 * log_se)
        << "independent pairs' variance " << variance << ", reported " << reported;
    // The paired variance is below the independent pairs' by far more than that error.
    const double paired = population.difference_se * population.difference_se * replicates;
    EXPECT_LT(std::log(paired / variance), -4.0 * log_se);
}

} // namespace
} // namespace migsim
