// Ensembles and paired comparisons checked against what they summarise:
//  - every statistic equals a direct two-pass computation over the replicates run one by one;
//  - the same bits at one and two threads;
//  - shared and per-replicate base populations differ only where the base does;
//  - a scenario compared with itself differs by exactly 0.
// The coverage of intervals and the paired comparison's standard errors need replicate runs by the
// dozen: tests/heavy/test_ensemble_coverage.cpp.
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "support/ensemble_survey.hpp"

namespace migsim {
namespace {

using namespace ensemble_testing;

TEST(EnsembleStatistics, EqualADirectComputationOverTheReplicates) {
    const std::uint64_t replicates = 5;
    const EnsembleResult result = ensemble(replicates, 2);
    // The replicates one by one, as `migsim run --seed S_r --set population.seed=S_0` makes them.
    const Scenario base = small();
    const ReplicateSeeds seeds(base);
    std::vector<OutputContents> runs;
    AddedModules modules;
    modules.sources = survey_sources;
    for (std::uint64_t r = 0; r < replicates; ++r) {
        const Scenario scenario = scenario_with(base, seeds.overrides(r), 1);
        EXPECT_EQ(scenario.run.seed, result.run_seeds[r]);
        runs.push_back(output_contents(scenario, run_pipeline(scenario, 1, {}, modules)));
    }
    const double n = static_cast<double>(replicates);
    for (const std::string path : {"/estimates/sample_survey/population", "/scores/register/total_error",
                                   "/truth/flows/deaths", "/estimates/register_population/population"}) {
        SCOPED_TRACE(path);
        const DatasetSummary& s = summary(result, path);
        const std::size_t cells = s.statistic("mean")->size();
        // The truth each estimate targets, aligned to its cells by label: the survey's areas are the
        // truth's summed over sex and age.
        std::vector<std::vector<double>> x, t;
        for (const OutputContents& run : runs) {
            x.push_back(values_of(run, path));
            if (path == "/estimates/sample_survey/population") {
                const std::vector<double> truth = values_of(run, "/truth/population");
                std::vector<double> by_area(cells, 0.0);
                for (std::size_t i = 0; i < truth.size(); ++i)
                    by_area[i / (2 * 101)] += truth[i]; // (year, area) blocks of sex x age cells
                t.push_back(by_area);
            } else if (path == "/estimates/register_population/population") {
                t.push_back(values_of(run, "/truth/population"));
            } else {
                t.push_back(std::vector<double>(cells, 0.0));
            }
        }
        for (std::size_t c = 0; c < cells; ++c) {
            double mean = 0, bias = 0, mse = 0, target = 0;
            for (std::size_t r = 0; r < replicates; ++r) {
                mean += x[r][c] / n;
                bias += (x[r][c] - t[r][c]) / n;
                mse += (x[r][c] - t[r][c]) * (x[r][c] - t[r][c]) / n;
                target += t[r][c] / n;
            }
            double variance = 0;
            for (std::size_t r = 0; r < replicates; ++r)
                variance += (x[r][c] - mean) * (x[r][c] - mean) / (n - 1);
            const double tolerance = 1e-9 * (1.0 + std::abs(mean));
            ASSERT_NEAR(s.statistic("mean")->at(c), mean, tolerance) << c;
            ASSERT_NEAR(s.statistic("variance")->at(c), variance, 1e-9 * (1.0 + variance)) << c;
            ASSERT_NEAR(s.statistic("mc_se")->at(c), std::sqrt(variance / n), 1e-9 * (1.0 + variance)) << c;
            if (const auto* b = s.statistic("bias")) {
                ASSERT_NEAR(b->at(c), bias, tolerance) << c;
                ASSERT_NEAR(s.statistic("rmse")->at(c), std::sqrt(mse), tolerance) << c;
            }
            if (const auto* rb = s.statistic("relative_bias")) {
                ASSERT_NEAR(rb->at(c), target != 0 ? bias / target : 0.0, 1e-12) << c;
            }
        }
        if (s.coordinates.size() == 1) {
            for (std::size_t r = 0; r < replicates; ++r)
                EXPECT_EQ(s.replicates[r], x[r]); // each replicate's values, in replicate order
        }
    }
}

TEST(EnsembleStatistics, TheSameBitsAtOneAndTwoThreads) {
    const EnsembleResult one = ensemble(6, 1);
    const EnsembleResult two = ensemble(6, 2);
    ASSERT_EQ(one.summaries.size(), two.summaries.size());
    for (std::size_t i = 0; i < one.summaries.size(); ++i) {
        EXPECT_EQ(one.summaries[i].statistics, two.summaries[i].statistics) << one.summaries[i].path;
        EXPECT_EQ(one.summaries[i].replicates, two.summaries[i].replicates) << one.summaries[i].path;
    }
}

TEST(EnsembleStatistics, SharedAndPerReplicateBasePopulationsDifferOnlyWhereTheBaseDoes) {
    const EnsembleResult shared = ensemble(4, 0, BasePopulation::shared);
    const EnsembleResult own = ensemble(4, 0, BasePopulation::per_replicate);
    // 1 January of the first year is the base population: the same in every replicate when it is
    // shared, so its variance is 0; drawn per replicate, it varies.
    const auto& first_year_shared = *summary(shared, "/truth/population", "by_year").statistic("variance");
    const auto& first_year_own = *summary(own, "/truth/population", "by_area").statistic("variance");
    EXPECT_EQ(first_year_shared.front(), 0.0);
    EXPECT_GT(std::accumulate(first_year_own.begin(), first_year_own.end(), 0.0), 0.0);
    EXPECT_EQ(shared.seeds.population_seed(3), shared.seeds.population_seed(0));
    EXPECT_EQ(own.seeds.population_seed(3), own.run_seeds[3]);
}

TEST(PairedComparison, AScenarioComparedWithItselfDiffersByExactlyZero) {
    const Scenario a = small();
    const ComparisonResult result = compare(a, a, 3);
    for (const DatasetSummary& s : result.summaries) {
        for (const char* name : {"difference", "difference_se", "variance_ratio"})
            for (const double v : *s.statistic(name))
                ASSERT_EQ(v, 0.0) << s.path << " " << name;
        EXPECT_EQ(*s.statistic("mean_a"), *s.statistic("mean_b")) << s.path;
    }
}

} // namespace
} // namespace migsim
