#include "scoring/population_scores.hpp"

#include <stdexcept>

namespace migsim {

PopulationScores score_population(const AreaSexAgeCounts& estimate, const AreaSexAgeCounts& truth) {
    if (estimate.years != truth.years || estimate.areas != truth.areas)
        throw std::invalid_argument("score_population: estimate and truth differ in shape");
    PopulationScores scores;
    scores.error = AreaSexAgeCounts(truth.years, truth.areas);
    for (std::size_t k = 0; k < truth.values.size(); ++k)
        scores.error.values[k] = estimate.values[k] - truth.values[k];
    for (int year = 0; year < truth.years; ++year) {
        std::int64_t total_error = 0;
        for (int area = 0; area < truth.areas; ++area) {
            const std::int64_t area_error = scores.error.total(year, area);
            scores.area_error.push_back(static_cast<std::int32_t>(area_error));
            total_error += area_error;
        }
        const std::int64_t true_total = truth.total(year);
        scores.total_error.push_back(total_error);
        scores.relative_error.push_back(
            true_total > 0 ? static_cast<double>(total_error) / static_cast<double>(true_total) : 0.0);
    }
    return scores;
}

} // namespace migsim
