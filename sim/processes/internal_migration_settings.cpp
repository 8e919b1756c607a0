// The parameters of [internal_migration] and the loaders of its tables.
#include "processes/internal_migration_settings.hpp"

#include <array>
#include <cmath>
#include <optional>
#include <string>

#include "population/area_settings.hpp"
#include "population/area_tables.hpp"
#include "population/population.hpp"
#include "scenario/tables.hpp"

namespace migsim {

namespace {

using Type = ParameterType;

void load_internal_migration_hazards(const TableContext& context, Scenario& scenario) {
    load_sex_age_hazard(context, scenario.settings<InternalMigrationSettings>().hazard);
}

CategoryColumn mover_age_group_column() {
    return {"age_group", names_of(mover_age_group_names)};
}

/// Whether areas.synthetic = true asks for the synthetic areas.
bool synthetic_areas_asked(const TableContext& context) {
    const auto synthetic = context.values->find("areas.synthetic");
    return synthetic != context.values->end() && synthetic->second.boolean;
}

/// The labels of the run's areas in the order of the outputs (the area table's codes, or the
/// synthetic areas' A001, A002...); nothing when the areas are in error, which is reported already.
/// The area tables are read before this section's (modules/modules.cpp lists [areas] first).
std::optional<std::vector<std::string>> run_area_labels(const TableContext& context,
                                                        const Scenario& scenario) {
    std::vector<std::string> labels;
    if (context.valid("areas.table") && !synthetic_areas_asked(context)) {
        if (!has_real_areas(scenario))
            return std::nullopt;
        for (const RealArea& area : scenario.settings<AreaSettings>().areas)
            labels.push_back(area.code);
        return labels;
    }
    if (!context.valid("population.areas"))
        return std::nullopt;
    for (int a = 0; a < scenario.population.areas; ++a)
        labels.push_back(synthetic_area_label(a));
    return labels;
}

/// Whether the table of `context`, by area as `spec_for(labels)` reads it, is one for the areas of
/// the scenario's area table while areas.synthetic = true switches that table off (as
/// `--set areas.synthetic=true` does to the default scenario): such a table goes with the areas it
/// was made for and is not read. A table of the synthetic areas is read as usual.
template <class SpecFor>
bool belongs_to_switched_off_areas(const TableContext& context, const SpecFor& spec_for) {
    if (!context.valid("areas.table") || !synthetic_areas_asked(context))
        return false;
    const AreaListRead list = read_area_list(context.values->at("areas.table").text);
    if (!list.ok())
        return false;
    std::vector<std::string> codes;
    for (const ListedArea& area : list.list->areas)
        codes.push_back(area.code);
    std::vector<ScenarioProblem> problems;
    TableContext trial = context;
    trial.problems = &problems;
    return read_table(trial, spec_for(codes)).has_value() && problems.empty();
}

/// Log attractions beyond this are taken for a mistake in the table's scale: exp(50) already
/// outweighs any population.
constexpr double max_log_attraction = 50.0;

TableSpec attraction_spec(const std::vector<std::string>& areas) {
    return {{{"area", areas}, mover_age_group_column()},
            no_index(),
            {{"log_attraction", -max_log_attraction, max_log_attraction}}};
}

void load_attraction(const TableContext& context, Scenario& scenario) {
    if (belongs_to_switched_off_areas(context, attraction_spec))
        return;
    const auto labels = run_area_labels(context, scenario);
    if (!labels)
        return;
    const auto grid = read_table(context, attraction_spec(*labels));
    if (!grid)
        return;
    auto& attraction = scenario.settings<InternalMigrationSettings>().log_attraction;
    attraction.assign(labels->size() * n_mover_age_groups, 0.0);
    // The grid's combinations are area (slowest) x age group, the settings' order.
    for (int k = 0; k < grid->combinations(); ++k)
        attraction[static_cast<std::size_t>(k)] = grid->value(k, 0, 0);
}

TableSpec attraction_fit_spec(const std::vector<std::string>& areas) {
    const double huge = 1e12;
    return {{{"area", areas}},
            no_index(),
            {{"observed", 0.0, huge},
             {"target", 0.0, huge},
             {"simulated", 0.0, huge},
             {"standardised_difference", -huge, huge}}};
}

void load_attraction_fit(const TableContext& context, Scenario& scenario) {
    if (belongs_to_switched_off_areas(context, attraction_fit_spec))
        return;
    const auto labels = run_area_labels(context, scenario);
    if (!labels)
        return;
    const auto grid = read_table(context, attraction_fit_spec(*labels));
    if (!grid)
        return;
    auto& fit = scenario.settings<InternalMigrationSettings>().attraction_fit;
    fit.assign(labels->size(), {});
    for (int k = 0; k < grid->combinations(); ++k)
        fit[static_cast<std::size_t>(k)] = {grid->value(k, 0, 0), grid->value(k, 0, 1), grid->value(k, 0, 2),
                                            grid->value(k, 0, 3)};
}

void load_attraction_fit_summary(const TableContext& context, Scenario& scenario) {
    std::vector<std::string> statistics(attraction_fit_statistics.begin(), attraction_fit_statistics.end());
    const TableSpec spec{{{"statistic", statistics}}, no_index(), {{"value", -1e12, 1e12}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    auto& summary = scenario.settings<InternalMigrationSettings>().attraction_fit_summary;
    summary.assign(statistics.size(), 0.0);
    for (int k = 0; k < grid->combinations(); ++k)
        summary[static_cast<std::size_t>(k)] = grid->value(k, 0, 0);
}

void load_distance_decay(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{{mover_age_group_column()}, no_index(), {{"distance_decay_km", 0.0, 10000.0}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    std::vector<double> decay(n_mover_age_groups);
    bool ok = true;
    for (int group = 0; group < n_mover_age_groups; ++group) {
        decay[static_cast<std::size_t>(group)] = grid->value(group, 0, 0);
        // exp(-d / D) needs D > 0: a decay of 0 would send every mover to the nearest area only.
        if (!(decay[static_cast<std::size_t>(group)] > 0.0)) {
            context.problem(context.path, grid->line(group, 0), "distance_decay_km",
                            "the decay distance of age_group=" +
                                std::string(mover_age_group_names[static_cast<std::size_t>(group)]) +
                                " must be > 0 km");
            ok = false;
        }
    }
    if (ok)
        scenario.settings<InternalMigrationSettings>().distance_decay_by_age = std::move(decay);
}

const std::array parameters_declared = {
    Parameter{.key = "internal_migration.hazards",
              .type = Type::table,
              .description = "Hazards of moving to another small area by sex and age.",
              .load_table = load_internal_migration_hazards,
              .table_format = "Columns `sex,age,hazard`: male, female x ages 0..100; hazard per person-year "
                              "in [0, 5], multiplied by internal_migration.multiplier."},
    hazard_multiplier("internal_migration.multiplier", "Factor applied to every internal migration hazard.",
                      [](Scenario& s, const ParameterValue& v) {
                          s.settings<InternalMigrationSettings>().multiplier = v.real;
                      }),
    Parameter{.key = "internal_migration.distance_decay_km",
              .type = Type::real,
              .min = 0,
              .max = 10000,
              .min_open = true,
              .unit = "km",
              .default_value = "60.0",
              .description = "Gravity model: attraction falls as exp(-distance / this).",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<InternalMigrationSettings>().distance_decay_km = v.real;
                  }},
    Parameter{.key = "internal_migration.attraction",
              .type = Type::table,
              .optional = true,
              .description =
                  "Destination choice: the log attraction a of each area for movers of each age "
                  "group (0-17, 18-29, 30-64, 65+), which multiplies the gravity weight by exp(a). "
                  "Without it a = 0. Fitted by `migsim calibrate` to the areas' populations, or by "
                  "calibration/destination_choice_fit.hpp to a register's flows. A table is "
                  "for one set of areas: a scenario on other areas gives its own or \"\" (none); with "
                  "areas.synthetic = true, a table of the area table's areas is not read.",
              .load_table = load_attraction,
              .table_format =
                  "Columns `area,age_group,log_attraction`: `area` the area's label in the outputs (a code "
                  "of areas.table, or A001, A002... for synthetic areas), `age_group` one of 0-17, 18-29, "
                  "30-64, 65+; every area and age group exactly once; log_attraction in [-50, 50]."},
    Parameter{.key = "internal_migration.attraction_fit",
              .type = Type::table,
              .optional = true,
              .description = "The calibration's targets by area that `migsim calibrate` wrote with the "
                             "attraction table; carried into /inputs/calibration/fit, not used by the run.",
              .load_table = load_attraction_fit,
              .table_format = "Columns `area,observed,target,simulated,standardised_difference`: every area "
                              "exactly once (persons on 1 January of the fit's last year)."},
    Parameter{.key = "internal_migration.attraction_fit_summary",
              .type = Type::table,
              .optional = true,
              .description = "The calibration's summary figures that `migsim calibrate` wrote with the "
                             "attraction table; carried into /inputs/calibration/fit, not used by the run.",
              .load_table = load_attraction_fit_summary,
              .table_format = "Columns `statistic,value`: each of first_year, last_year, iterations, "
                              "best_iteration, rms_standardised_difference, max_abs_standardised_difference, "
                              "converged, seconds exactly once."},
    Parameter{.key = "internal_migration.distance_decay",
              .type = Type::table,
              .optional = true,
              .description = "Destination choice: the decay distance D of each mover age group, in place "
                             "of internal_migration.distance_decay_km for all. Fitted by "
                             "calibration/destination_choice_fit.hpp.",
              .load_table = load_distance_decay,
              .table_format = "Columns `age_group,distance_decay_km`: each of 0-17, 18-29, 30-64, 65+ "
                              "exactly once; distance_decay_km in (0, 10000]."},
    Parameter{.key = "internal_migration.population_exponent",
              .type = Type::real,
              .min = 0,
              .max = 3,
              .default_value = "1.0",
              .description = "Gravity model: attraction grows as population^this.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<InternalMigrationSettings>().population_exponent = v.real;
                  }},
};

const ParameterSection section{"internal_migration", "Moves between small areas.", parameters_declared,
                               declare_settings<InternalMigrationSettings>};

} // namespace

const ParameterSection& internal_migration_parameters() {
    return section;
}

} // namespace migsim
