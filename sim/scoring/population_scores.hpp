#pragma once
// Scores of a population estimate against the truth: the error (estimate minus truth) by year,
// area, sex and age; by year and area; in total by year; and the total error as a share of the
// true population (relative error; positive = overcount).
#include <cstdint>
#include <vector>

#include "core/counts.hpp"

namespace migsim {

struct PopulationScores {
    AreaSexAgeCounts error;
    std::vector<std::int32_t> area_error;  ///< by (year, area)
    std::vector<std::int64_t> total_error; ///< by year
    std::vector<double> relative_error;    ///< by year: total error / true total
};

PopulationScores score_population(const AreaSexAgeCounts& estimate, const AreaSexAgeCounts& truth);

} // namespace migsim
