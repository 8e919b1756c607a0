#pragma once
// An ensemble: R replicates of one scenario, spread over MPI ranks and OpenMP threads, summarised
// over the replicates dataset by dataset: mean, variance, and for a dataset with a declared target
// bias, RMSE, relative bias and the coverage of its intervals, each with its Monte Carlo standard
// error (docs/ensembles.md). The summaries are streamed: memory does not grow with R (but for the
// values of each replicate kept for one-dimensional datasets). The result is the same bits at any
// number of ranks and threads (ensemble/moments.hpp).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ensemble/ranks.hpp"
#include "ensemble/replicates.hpp"
#include "ensemble/run_datasets.hpp"
#include "io/output_schema.hpp"
#include "pipeline/pipeline.hpp"

namespace migsim {

struct EnsembleOptions {
    std::uint64_t replicates = 2;
    BasePopulation base_population = BasePopulation::shared;
    int threads = 0;         ///< per rank; 0 = the rank's share of the machine's cores
    std::string keep_folder; ///< when given, each replicate's full output is written there
    /// The run's layout, which says what the datasets are (a study may add modules and fragments).
    const OutputSchema* run_layout = nullptr; ///< nullptr: this binary's
    AddedModules modules;
    /// After each replicate of this rank: (replicates done on this rank, this rank's replicates).
    std::function<void(std::uint64_t, std::uint64_t)> progress;
};

/// A summary of one dataset (or margin) over the replicates, by statistic name ("mean", "bias"...),
/// as the ensemble file holds it.
struct DatasetSummary {
    std::string path;   ///< the group in the ensemble file: "/ensemble/truth/population/by_year"
    std::string source; ///< the run's dataset: "/truth/population"
    std::string margin; ///< "by_year", or empty for the dataset itself
    std::vector<Coordinate> coordinates;
    std::vector<std::pair<std::string, std::vector<double>>> statistics;
    std::vector<std::vector<double>> replicates; ///< each replicate's values, for one dim

    const std::vector<double>* statistic(std::string_view name) const;
};

struct EnsembleResult {
    std::uint64_t replicates = 0;
    ReplicateSeeds seeds;
    std::vector<std::uint64_t> run_seeds; ///< by replicate
    int threads = 1;                      ///< per rank
    int ranks = 1;
    Scenario scenario; ///< replicate 0's
    const OutputSchema* run_layout = nullptr;
    std::vector<DatasetGeometry> datasets;
    std::vector<DatasetSummary> summaries; ///< in the order of the ensemble layout
};

/// Runs the ensemble of `scenario` on `ranks`; the result on the first rank, nothing on the others.
/// Throws std::runtime_error (on the first rank) naming the replicate and the rank that failed.
std::optional<EnsembleResult> run_ensemble(const Scenario& scenario, const EnsembleOptions& options,
                                           const Ranks& ranks);

/// A summary's group in a file: its statistics over its coordinates and, when it has one dim, each
/// replicate's values (named `replicate_array`) over the replicate dim and its dim.
OutputGroup summary_group(const DatasetSummary& summary, std::uint64_t replicates,
                          const char* replicate_array);

/// The ensemble file's contents (output_schemas/ensemble/ and the summaries derived from the run's
/// layout); the quality report is computed from the summaries (ensemble/quality_report.hpp).
OutputContents ensemble_contents(const EnsembleResult& result);

} // namespace migsim
