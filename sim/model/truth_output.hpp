#pragma once
// What the truth contributes to the output: its accounts of stocks and flows
// (output_schemas/truth.toml) and the run's area table (output_schemas/areas.toml).
#include <vector>

#include "io/output_contents.hpp"
#include "model/model.hpp"

namespace migsim {

/// /truth (persons present on 1 January) and /truth/flows (the year's events and exposures).
std::vector<OutputGroup> truth_groups(const RunResults& run);

/// The /inputs tables of the areas: where they lie, how urban they are, their base population.
std::vector<OutputArray> area_inputs(const RunResults& run);

} // namespace migsim
