// What immigration contributes to the output (output_schemas/immigration.toml).
#include "io/output_coordinates.hpp"
#include "processes/immigration.hpp"

namespace migsim {

std::vector<OutputArray> immigration_inputs(const ImmigrationSettings& settings, double population_scale) {
    std::vector<double> profile;
    for (const auto& table : settings.age_profile) {
        const std::vector<double> flat = flattened(table);
        profile.insert(profile.end(), flat.begin(), flat.end());
    }
    return {{"immigration_age_profile", {"group", "sex", "age"}, profile},
            {"immigration_arrivals_per_year",
             {"group"},
             scaled(settings.arrivals_per_year, population_scale * settings.multiplier)}};
}

} // namespace migsim
