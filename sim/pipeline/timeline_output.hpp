#pragma once
// What the scenario's changes contribute to the output (output_schemas/timeline.toml): the path of
// every parameter that changes during the run, so that a file shows the scenario it ran.
#include <optional>

#include "io/output_contents.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

/// /inputs/timeline: the value of each element a change sets (by the parameter's key, with the
/// group for a per-group one) in each month of the run; nothing when the scenario has no change, so
/// that the files of such scenarios stay as they were.
std::optional<OutputGroup> timeline_group(const Scenario& scenario);

} // namespace migsim
