// The parameters of [returns] and the loaders of its tables.
#include "processes/returns_settings.hpp"

#include <array>

#include "scenario/tables.hpp"

namespace migsim {

namespace {

using Type = ParameterType;

void load_return_hazards(const TableContext& context, Scenario& scenario) {
    // The table covers exactly the years abroad that the abroad pool keeps; when that parameter is
    // itself in error, only the table's own shape is checked.
    const bool years_known = context.valid("returns.max_years_abroad");
    ReturnSettings& returns = scenario.settings<ReturnSettings>();
    const int years = returns.max_years_abroad;
    const IndexColumn years_abroad =
        years_known ? IndexColumn{"years_abroad", 0, years - 1, IndexCoverage::full,
                                  " (returns.max_years_abroad = " + std::to_string(years) + ")"}
                    : IndexColumn{"years_abroad", 0, 1000, IndexCoverage::open_ended};
    const TableSpec spec{
        {{"birthplace", names_of(birthplace_names)}}, years_abroad, {{"hazard", 0.0, max_hazard}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    for (int birthplace = 0; birthplace < n_birthplaces; ++birthplace) {
        auto& hazard = returns.hazard[birthplace];
        hazard.assign(static_cast<std::size_t>(grid->last_index() + 1), 0.0);
        for (int year = 0; year <= grid->last_index(); ++year)
            hazard[year] = grid->value(birthplace, year, 0);
    }
}

const std::array parameters_declared = {
    Parameter{.key = "returns.hazards",
              .type = Type::table,
              .description = "Hazards of returning from abroad by birthplace and years abroad.",
              .load_table = load_return_hazards,
              .table_format = "Columns `birthplace,years_abroad,hazard`: birthplace native_born or "
                              "foreign_born x completed years abroad exactly 0..returns.max_years_abroad-1; "
                              "hazard per person-year abroad in [0, 5], multiplied by returns.multiplier."},
    hazard_multiplier(
        "returns.multiplier", "Factor applied to every return hazard.",
        [](Scenario& s, const ParameterValue& v) { s.settings<ReturnSettings>().multiplier = v.real; }),
    Parameter{.key = "returns.max_years_abroad",
              .type = Type::integer,
              .min = 1,
              .max = 50,
              .fixed_during_run = true, // the width of the return hazard table and of the pool's rule
              .unit = "years",
              .default_value = "10",
              .description =
                  "Pruning rule of the abroad pool: a person abroad this long is no longer followed.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<ReturnSettings>().max_years_abroad = to_int(v.integer);
                  }},
    Parameter{.key = "returns.start_in_equilibrium",
              .type = Type::boolean,
              .default_value = "true",
              .description =
                  "Whether the abroad pool starts with the persons abroad that the run's own hazards "
                  "keep there in the steady state (a warm-up of the model on a tenth of the "
                  "population over the pool's follow-up, each person abroad taken ten times; "
                  "docs/model.md), rather than empty.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<ReturnSettings>().start_in_equilibrium = v.boolean;
                  }},
};

const ParameterSection section{"returns", "Returns of persons from the abroad pool.", parameters_declared,
                               declare_settings<ReturnSettings>};

} // namespace

const ParameterSection& returns_parameters() {
    return section;
}

} // namespace migsim
