#pragma once
// The short summary table printed at the end of a run.
#include <string>

#include "pipeline/pipeline.hpp"

namespace migsim {

std::string run_summary(const Scenario& scenario, const PipelineResults& results,
                        const std::string& output_path);

} // namespace migsim
