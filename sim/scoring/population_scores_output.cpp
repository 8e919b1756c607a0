// What the scores of a population estimate contribute to the output
// (output_schemas/register_scores.toml for the register-based estimate).
#include "io/output_coordinates.hpp"
#include "scoring/population_scores.hpp"

namespace migsim {

OutputGroup population_scores_group(std::string path, const PopulationScores& scores,
                                    std::vector<Coordinate> stock_cells) {
    std::vector<std::int32_t> total_error(scores.total_error.begin(), scores.total_error.end());
    return {std::move(path),
            std::move(stock_cells),
            {cell_counts("population_error", scores.error),
             {"area_error", {"year", "area"}, scores.area_error},
             {"total_error", {"year"}, std::move(total_error)},
             {"relative_error", {"year"}, scores.relative_error}}};
}

} // namespace migsim
