#pragma once
// What the ensemble tests share (tests/statistical/test_ensemble_statistics.cpp and the replicate
// checks of tests/heavy/test_ensemble_coverage.cpp): a test source with a known-unbiased estimator
// and its output fragment, a small scenario, and ensembles and comparisons of it.
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/rng.hpp"
#include "ensemble/comparison.hpp"
#include "ensemble/ensemble.hpp"
#include "io/output_coordinates.hpp"
#include "io/summary_layouts.hpp"
#include "support/scenarios.hpp"

namespace migsim::ensemble_testing {

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

inline std::unique_ptr<Source> make_sample_survey(const Scenario& scenario) {
    return std::make_unique<SampleSurvey>(scenario);
}

inline const SourceFactory survey_sources[] = {make_sample_survey};

inline constexpr std::string_view survey_fragment = R"([[groups]]
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
inline const OutputSchema& survey_layout() {
    static const OutputSchema layout = [] {
        std::vector<SchemaFile> files = builtin_schema_files();
        files.push_back({"sample_survey.toml", survey_fragment});
        SchemaIndex index = schema_index(files);
        index.fragments.push_back("sample_survey.toml");
        return assemble_output_schema(index, files);
    }();
    return layout;
}

inline Scenario small() {
    return testing::synthetic_baseline_with(
        {"population.scale=0.01", "run.months=24", "population.areas=10"});
}

inline EnsembleResult ensemble(std::uint64_t replicates, int threads,
                               BasePopulation mode = BasePopulation::shared) {
    EnsembleOptions options;
    options.replicates = replicates;
    options.threads = threads;
    options.base_population = mode;
    options.run_layout = &survey_layout();
    options.modules.sources = survey_sources;
    const Ranks ranks;
    return *run_ensemble(small(), options, ranks);
}

inline const DatasetSummary& summary(const EnsembleResult& result, const std::string& source,
                                     const std::string& margin = "") {
    for (const DatasetSummary& s : result.summaries)
        if (s.source == source && s.margin == margin)
            return s;
    throw std::runtime_error("no summary of " + source + " " + margin);
}

inline std::map<std::string, NamedArray> arrays_of(const OutputContents& contents) {
    return named_arrays(contents);
}

inline std::vector<double> values_of(const OutputContents& contents, const std::string& path) {
    const auto arrays = arrays_of(contents);
    return reals(
        std::visit([](const auto& v) { return SeriesValues(std::vector<double>(v.begin(), v.end())); },
                   arrays.at(path).array->values));
}

inline ComparisonResult compare(const Scenario& a, const Scenario& b, std::uint64_t replicates) {
    ComparisonOptions options;
    options.replicates = replicates;
    const Ranks ranks;
    return *run_comparison(a, b, options, ranks);
}

} // namespace migsim::ensemble_testing
