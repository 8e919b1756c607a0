#pragma once
// A sensitivity study run: the design's points (each with its replicates, the same seeds at every
// point: common random numbers) spread over ranks and threads like an ensemble's replicates, the
// outputs of interest read from each run's output contents by path, the stochastic noise of each
// point estimated from its replicates, and the indices of the study's method.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ensemble/ranks.hpp"
#include "io/output_contents.hpp"
#include "io/output_schema.hpp"
#include "pipeline/pipeline.hpp"
#include "sensitivity/designs.hpp"
#include "sensitivity/study.hpp"

namespace migsim {

/// Problems of a scenario study's factors and outputs against its base scenario, with the study
/// file's lines: each factor loaded as --set at its two ends (each level of a list), each output's
/// path a dataset of `run_layout` and the dims it selects among its dims.
std::vector<ScenarioProblem> check_study_scenario(const Study& study, const Scenario& base,
                                                  const OutputSchema& run_layout);

/// One output of interest in a run's contents: its selected cells summed (or averaged). Throws
/// std::invalid_argument naming the study's line when a selected label is not in the output.
double output_value(const StudyOutput& output, const OutputContents& contents, const std::string& study_path);

struct StudyOptions {
    int threads = 0; ///< per rank, 0 = the rank's share of the machine's cores
    AddedModules modules;
    std::function<void(std::uint64_t, std::uint64_t)> progress;
};

struct StudyResult {
    Study study;
    Design design;
    std::vector<double> values;          ///< [point][output]: the mean over the point's replicates
    std::vector<double> noise;           ///< [point][output]: the variance over them (divisor R - 1)
    std::vector<double> noise_variance;  ///< by output: the mean of `noise` over the points
    std::vector<double> output_variance; ///< by output: over the points' values
    std::vector<MorrisIndices> morris;   ///< by output
    std::vector<SobolIndices> sobol;
    std::string scenario;       ///< the base scenario's resolved text (empty for a test function)
    std::uint64_t run_seed = 0; ///< the base scenario's run.seed: replicate r's seed stream (0: none)
    int threads = 1;
    int ranks = 1;
};

/// Runs `study` (its scenario `base`, loaded with the study's set overrides; nullptr for a test
/// function) on `ranks`; the result on the first rank.
std::optional<StudyResult> run_study(const Study& study, const Scenario* base, const StudyOptions& options,
                                     const Ranks& ranks);

OutputContents study_contents(const StudyResult& result);
std::string study_table(const StudyResult& result);

} // namespace migsim
