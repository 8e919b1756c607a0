#pragma once
// A paired comparison of two scenarios: replicate r of each runs with the same seed, so that the
// same person gets the same draw for the same process in both (common random numbers), and the
// difference B - A of every dataset is summarised over the replicates: its mean and standard error,
// beside the standard error that independent runs would give (from the variances of A and B) and
// the ratio of the two variances (docs/ensembles.md, "The comparison file"). Spread over ranks and
// threads like an ensemble, with the same bits at any number of them.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ensemble/ensemble.hpp"

namespace migsim {

struct ComparisonOptions {
    std::uint64_t replicates = 2;
    BasePopulation base_population = BasePopulation::shared;
    int threads = 0;
    const OutputSchema* run_layout = nullptr; ///< nullptr: this binary's
    AddedModules modules;
    std::function<void(std::uint64_t, std::uint64_t)> progress;
};

struct ComparisonResult {
    std::uint64_t replicates = 0;
    ReplicateSeeds seeds; ///< of scenario A, used for both
    std::vector<std::uint64_t> run_seeds;
    int threads = 1;
    int ranks = 1;
    Scenario scenario_a; ///< replicate 0's
    Scenario scenario_b;
    const OutputSchema* run_layout = nullptr;
    std::vector<DatasetGeometry> datasets;
    std::vector<DatasetSummary> summaries; ///< statistics mean_a, mean_b, difference, ...
};

/// Runs the paired replicates of `a` and `b` on `ranks`; the result on the first rank. Throws
/// std::invalid_argument when the scenarios' outputs have different coordinates (other areas,
/// another period).
std::optional<ComparisonResult> run_comparison(const Scenario& a, const Scenario& b,
                                               const ComparisonOptions& options, const Ranks& ranks);

/// One line per count dataset: its total at the last label of its first dim.
struct ComparisonTotal {
    std::string dataset;
    std::string reference; ///< the label
    double mean_a = 0, mean_b = 0, difference = 0, difference_se = 0, independent_se = 0, variance_ratio = 0;
};
std::vector<ComparisonTotal> comparison_totals(const ComparisonResult& result);

OutputContents comparison_contents(const ComparisonResult& result);
std::string comparison_table(const ComparisonResult& result);

} // namespace migsim
