// The parameters of [emigration] and the loaders of its tables.
#include "processes/emigration_settings.hpp"

#include <array>

#include "scenario/tables.hpp"

namespace migsim {

namespace {

using Type = ParameterType;
using Shape = ParameterShape;

void load_emigration_hazards(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{
        {{"status", names_of(emigration_status_names)}}, all_ages(), {{"hazard", 0.0, max_hazard}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    auto& hazard = scenario.settings<EmigrationSettings>().hazard;
    for (int status = 0; status < n_emigration_statuses; ++status)
        for (int age = 0; age < n_ages; ++age)
            hazard[status][age] = grid->value(status, age, 0);
}

const std::array parameters_declared = {
    Parameter{.key = "emigration.hazards",
              .type = Type::table,
              .description = "Emigration hazards by migrant status and age.",
              .load_table = load_emigration_hazards,
              .table_format =
                  "Columns `status,age,hazard`: status native_born, arrived_0y, arrived_1y, "
                  "arrived_2y, arrived_3y, arrived_4y, arrived_5y_plus (completed years since the "
                  "latest arrival) x ages 0..100; hazard per person-year in [0, 5], multiplied by "
                  "emigration.multiplier."},
    hazard_multiplier(
        "emigration.multiplier",
        "Factor applied to every emigration hazard in the simulated period (the base "
        "population's arrival history uses the table as given).",
        [](Scenario& s, const ParameterValue& v) { s.settings<EmigrationSettings>().multiplier = v.real; }),
    Parameter{.key = origin_multiplier_key,
              .type = Type::real,
              .shape = Shape::per_origin,
              .min = 0,
              .max = 10,
              .unit = "factor",
              .default_value = "1.0",
              .description = "Factor applied to the emigration hazards of the persons born in each country "
                             "(native_born first, then each partner), with emigration.multiplier: a wave "
                             "of departures of one partner's migrants (scenarios/return_wave.toml).",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<EmigrationSettings>().origin_multiplier = v.by_group;
                  }},
    Parameter{.key = "emigration.destination_shares",
              .type = Type::real,
              .shape = Shape::per_group,
              .min = 0,
              .max = 1,
              .sums_to_one = true,
              .unit = "share",
              .description = "Destinations (partner regions) of native-born emigrants.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<EmigrationSettings>().destination_shares = normalised(v.by_group);
                  }},
    Parameter{.key = "emigration.return_to_origin_share",
              .type = Type::real,
              .min = 0,
              .max = 1,
              .unit = "share",
              .default_value = "0.8",
              .description = "Share of foreign-born emigrants who go to their own group's region; the others "
                             "choose as the native-born do.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<EmigrationSettings>().return_to_origin_share = v.real;
                  }},
};

const ParameterSection section{"emigration", "Departures of residents abroad, into the abroad pool.",
                               parameters_declared, declare_settings<EmigrationSettings>};

} // namespace

const ParameterSection& emigration_parameters() {
    return section;
}

} // namespace migsim
