#pragma once
// Scores of a population estimate against the truth: the error (estimate minus truth) by year,
// area, sex and age; by year and area; in total by year; and the total error as a share of the
// true population (relative error; positive = overcount).
#include <cstdint>
#include <vector>

#include "core/counts.hpp"
#include "io/output_contents.hpp"

namespace migsim {

struct PopulationScores {
    AreaSexAgeCounts error;
    std::vector<std::int32_t> area_error;  ///< by (year, area)
    std::vector<std::int64_t> total_error; ///< by year
    std::vector<double> relative_error;    ///< by year: total error / true total
};

PopulationScores score_population(const AreaSexAgeCounts& estimate, const AreaSexAgeCounts& truth);

/// The scores of a population estimate as the group `path` (e.g. /scores/register,
/// output_schemas/register_scores.toml), over the (year, area, sex, age) cells of the stocks.
OutputGroup population_scores_group(std::string path, const PopulationScores& scores,
                                    std::vector<Coordinate> stock_cells);

} // namespace migsim
