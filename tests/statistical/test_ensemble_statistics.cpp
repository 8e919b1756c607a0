// Ensembles and paired comparisons checked against what they summarise:
//  - every statistic equals a direct two-pass computation over the replicates run one by one;
//  - the same bits at one and two threads;
//  - the coverage of the 95 % intervals of a known-unbiased estimator with an unbiased variance (a
//    Bernoulli sample of persons on 1 January, Horvitz-Thompson) is 95 % within its Monte Carlo
//    error: R x cells = 40 x 30 independent intervals, SE sqrt(0.95 x 0.05 / 1200) = 0.0063;
//    90 % intervals (z = 1.645) land 7.9 SE below (measured: 0.898), an estimator that halves its
//    variance (coverage 83 %) 18 SE;
//  - a scenario compared with itself differs by exactly 0; with a small change, the paired SE is a
//    fraction of the independent one, and the independent SE the comparison reports agrees with the
//    spread of the difference of independent runs.
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "core/rng.hpp"
#include "ensemble/comparison.hpp"
#include "ensemble/ensemble.hpp"
#include "ensemble/quality_report.hpp"
#include "io/output_coordinates.hpp"
#include "io/summary_layouts.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

/// A Bernoulli sample of the persons present on each 1 January with probability `p`, keyed by
/// person: the Horvitz-Thompson estimate n / p of each area's population and its unbiased
/// variance n (1 - p) / p^2 (Sarndal, Swensson & Wretman 1992, section 3.3).
class SampleSurvey final : public Source {
public:
    static constexpr double p = 0.1;
    static constexpr StreamId stream = stream_named("tests.sample_survey");

    explicit SampleSurvey(const Scenario& scenario)
        : seed_(scenario.run.seed), calendar_(scenario.run.start, scenario.run.months) {}

    void declare(ColumnLayout&, StreamRegistry& streams) override {
        streams.declare(stream, "sample survey", "tests");
    }

    void reference_date(Month january, const Population& present, const PersonTable&, int) override {
        const std::uint32_t threshold = probability_threshold(p);
        std::vector<double> sampled(present.persons.size(), 0.0);
        for (std::size_t a = 0; a < present.persons.size(); ++a) {
            const PersonTable& table = present.persons[a];
            for (std::size_t i = 0; i < table.size(); ++i)
                sampled[a] += occurs(keyed_draw(seed_, table.at(core.id, i), january, stream), threshold);
        }
        samples_.push_back(std::move(sampled));
    }

    void add_output(std::vector<OutputGroup>& groups,
                    const std::vector<Coordinate>& stock_cells) const override {
        std::vector<double> estimate, variance;
        for (const auto& year : samples_)
            for (const double n : year) {
                estimate.push_back(n / p);
                variance.push_back(n * (1.0 - p) / (p * p));
            }
        groups.push_back({"/estimates/sample_survey",
                          {stock_cells[0], stock_cells[1]},
                          {{"population", {"year", "area"}, estimate},
                           {"population_variance", {"year", "area"}, variance}}});
    }

private:
    std::uint64_t seed_;
    ReportingYears calendar_;
    std::vector<std::vector<double>> samples_;
};

std::unique_ptr<Source> make_sample_survey(const Scenario& scenario) {
    return std::make_unique<SampleSurvey>(scenario);
}

const SourceFactory survey_sources[] = {make_sample_survey};

constexpr std::string_view survey_fragment = R"([[groups]]
path = "/estimates/sample_survey"
description = "A test estimator: Horvitz-Thompson from a Bernoulli sample of persons."
dimensions = ["year", "area"]

[[groups.datasets]]
name = "population"
dims = ["year", "area"]
dtype = "float64"
units = "persons"
description = "Estimated population of the area on 1 January."
target = "/truth/population"
variance = "population_variance"

[[groups.datasets]]
name = "population_variance"
dims = ["year", "area"]
dtype = "float64"
units = "persons^2"
description = "Its unbiased variance estimate."
)";

/// The run's layout with the survey's fragment.
const OutputSchema& survey_layout() {
    static const OutputSchema layout = [] {
        std::vector<SchemaFile> files = builtin_schema_files();
        files.push_back({"sample_survey.toml", survey_fragment});
        SchemaIndex index = schema_index(files);
        index.fragments.push_back("sample_survey.toml");
        return assemble_output_schema(index, files);
    }();
    return layout;
}

Scenario small() {
    return testing::synthetic_baseline_with(
        {"population.scale=0.01", "run.months=24", "population.areas=10"});
}

EnsembleResult ensemble(std::uint64_t replicates, int threads, BasePopulation mode = BasePopulation::shared) {
    EnsembleOptions options;
    options.replicates = replicates;
    options.threads = threads;
    options.base_population = mode;
    options.run_layout = &survey_layout();
    options.modules.sources = survey_sources;
    const Ranks ranks;
    return *run_ensemble(small(), options, ranks);
}

const DatasetSummary& summary(const EnsembleResult& result, const std::string& source,
                              const std::string& margin = "") {
    for (const DatasetSummary& s : result.summaries)
        if (s.source == source && s.margin == margin)
            return s;
    throw std::runtime_error("no summary of " + source + " " + margin);
}

std::map<std::string, NamedArray> arrays_of(const OutputContents& contents) {
    return named_arrays(contents);
}

std::vector<double> values_of(const OutputContents& contents, const std::string& path) {
    const auto arrays = arrays_of(contents);
    return reals(
        std::visit([](const auto& v) { return SeriesValues(std::vector<double>(v.begin(), v.end())); },
                   arrays.at(path).array->values));
}

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

ComparisonResult compare(const Scenario& a, const Scenario& b, std::uint64_t replicates) {
    ComparisonOptions options;
    options.replicates = replicates;
    const Ranks ranks;
    return *run_comparison(a, b, options, ranks);
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
