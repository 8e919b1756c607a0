// The parameters of [internal_migration] and the loaders of its tables.
#include "processes/internal_migration_settings.hpp"

#include <array>

#include "scenario/tables.hpp"

namespace migsim {

namespace {

using Type = ParameterType;

void load_internal_migration_hazards(const TableContext& context, Scenario& scenario) {
    load_sex_age_hazard(context, scenario.settings<InternalMigrationSettings>().hazard);
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
