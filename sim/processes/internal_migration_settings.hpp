#pragma once
// The settings of internal migration (processes/internal_migration.*): the section
// [internal_migration] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

/// The age groups of a mover by which the destination choice differs, fixed: children moving
/// with their parents (0-17); leaving home, study and first jobs (18-29); families and careers
/// (30-64); retirement (65+). They follow the peaks of the model migration schedule (Rogers &
/// Castro 1981, "Model migration schedules", IIASA RR-81-30): the labour-force peak in the
/// twenties, the children's curve that follows their parents', the retirement hump.
inline constexpr int n_mover_age_groups = 4;
inline constexpr std::array<const char*, n_mover_age_groups> mover_age_group_names = {"0-17", "18-29",
                                                                                      "30-64", "65+"};
/// The age group of a mover aged `age` in completed years.
constexpr int mover_age_group(int age) {
    return age < 18 ? 0 : age < 30 ? 1 : age < 65 ? 2 : 3;
}

/// The figures of a calibration's summary table (internal_migration.attraction_fit_summary).
inline constexpr std::array<const char*, 11> attraction_fit_statistics = {
    "first_year",
    "last_year",
    "iterations",
    "best_iteration",
    "rms_standardised_difference",
    "max_abs_standardised_difference",
    "converged",
    "seconds",
    "national_parameters",
    "national_rms_standardised_difference",
    "national_max_abs_standardised_difference"};

struct InternalMigrationSettings {
    SexAgeTable hazard{};             ///< moves between small areas per person-year, as given
    double multiplier = 1.0;          ///< internal_migration.multiplier, applied by the processes
    double distance_decay_km = 60.0;  ///< gravity: attraction falls as exp(-distance / this)
    double population_exponent = 1.0; ///< gravity: attraction grows as population^this
    /// internal_migration.attraction: log attraction a of each area (in the order of the outputs)
    /// for each mover age group, index area x n_mover_age_groups + group; empty: 0 everywhere.
    std::vector<double> log_attraction;
    /// internal_migration.distance_decay: the decay distance in km of each mover age group;
    /// empty: distance_decay_km for every group.
    std::vector<double> distance_decay_by_age;
    /// internal_migration.attraction_fit: the calibration's targets by area on 1 January of its
    /// last year (calibration/README.md), carried into /inputs/calibration; empty: none given.
    struct AreaFit {
        double observed = 0.0;
        double target = 0.0;
        double simulated = 0.0;
        double standardised_difference = 0.0;
        bool operator==(const AreaFit&) const = default;
    };
    std::vector<AreaFit> attraction_fit;
    /// internal_migration.attraction_fit_summary: its figures, in the order of
    /// attraction_fit_statistics; empty: none given.
    std::vector<double> attraction_fit_summary;

    bool operator==(const InternalMigrationSettings&) const = default;
};

/// The parameters of [internal_migration] (in the list of modules/modules.cpp).
const ParameterSection& internal_migration_parameters();

} // namespace migsim
