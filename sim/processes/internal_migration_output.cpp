// What internal migration contributes to the output (output_schemas/internal_migration.toml).
#include "io/output_coordinates.hpp"
#include "processes/internal_migration.hpp"

namespace migsim {

std::vector<OutputArray> internal_migration_inputs(const InternalMigrationSettings& settings) {
    return {{"internal_migration_hazard",
             {"sex", "age"},
             scaled(flattened(settings.hazard), settings.multiplier)}};
}

std::vector<OutputGroup> calibration_groups(const InternalMigrationSettings& settings,
                                            const std::vector<SmallArea>& areas) {
    std::vector<OutputGroup> groups;
    if (settings.log_attraction.empty())
        return groups;
    const Coordinate area = area_coordinate(areas);
    const Coordinate age_group{"mover_age_group", labels(mover_age_group_names)};
    std::vector<double> decay = settings.distance_decay_by_age;
    if (decay.empty())
        decay.assign(n_mover_age_groups, settings.distance_decay_km);
    groups.push_back({"/inputs/calibration",
                      {area, age_group},
                      {{"log_attraction", {"area", "mover_age_group"}, settings.log_attraction},
                       {"distance_decay_km", {"mover_age_group"}, std::move(decay)}}});
    const auto& fit = settings.attraction_fit;
    if (fit.empty() || settings.attraction_fit_summary.empty())
        return groups;
    std::vector<double> observed, target, simulated, standardised;
    for (const auto& row : fit) {
        observed.push_back(row.observed);
        target.push_back(row.target);
        simulated.push_back(row.simulated);
        standardised.push_back(row.standardised_difference);
    }
    groups.push_back({"/inputs/calibration/fit",
                      {area, {"statistic", labels(attraction_fit_statistics)}},
                      {{"observed", {"area"}, std::move(observed)},
                       {"target", {"area"}, std::move(target)},
                       {"simulated", {"area"}, std::move(simulated)},
                       {"standardised_difference", {"area"}, std::move(standardised)},
                       {"summary", {"statistic"}, settings.attraction_fit_summary}}});
    return groups;
}

} // namespace migsim
