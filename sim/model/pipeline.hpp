#pragma once
// One run from scenario to scores: truth → sources → estimators → scores, and the output contents
// the HDF5 writer takes.
#include <functional>

#include "estimators/register_population.hpp"
#include "io/output_contents.hpp"
#include "model/model.hpp"
#include "scoring/population_scores.hpp"

namespace migsim {

struct PipelineResults {
    RunResults run;
    PopulationEstimate register_estimate;
    PopulationScores register_scores;
};

/// Runs the scenario with `threads` threads (0 = every core); `progress(done, total)` after each month.
PipelineResults run_pipeline(const Scenario& scenario, int threads,
                             const std::function<void(int, int)>& progress = {});

/// Everything the output file holds, in the layout of output_schemas/migsim_output.toml.
OutputContents output_contents(const Scenario& scenario, const PipelineResults& results);

} // namespace migsim
