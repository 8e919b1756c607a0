// The parameters of [fertility] and the loaders of its tables.
#include "processes/fertility_settings.hpp"

#include <array>

#include "core/text.hpp"
#include "scenario/tables.hpp"

namespace migsim {

namespace {

using Type = ParameterType;

void load_fertility_schedule(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{{}, {"age", 10, 60, IndexCoverage::contiguous}, {{"rate", 0.0, 1.0}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    auto& settings = scenario.settings<FertilitySettings>();
    double sum = 0.0;
    settings.schedule = {};
    for (int age = grid->first_index(); age <= grid->last_index(); ++age) {
        settings.schedule[static_cast<std::size_t>(age)] = grid->value(0, age, 0);
        sum += grid->value(0, age, 0);
    }
    settings.schedule_sum = sum;
    settings.rate = {};
    if (!context.valid("fertility.total_fertility"))
        return;
    // The schedule gives the age pattern; its level is the total fertility rate (births per woman
    // over a lifetime = the sum of single-year rates).
    const double total_fertility = context.real("fertility.total_fertility");
    if (total_fertility == 0.0)
        return;
    if (sum <= 0.0) {
        context.problem(context.path, 0, context.key,
                        "the schedule sums to 0, so it cannot be scaled to fertility.total_fertility = " +
                            format_number(total_fertility));
        return;
    }
    settings.rescale();
}

const std::array parameters_declared = {
    Parameter{.key = "fertility.schedule",
              .type = Type::table,
              .description = "Age pattern of fertility.",
              .load_table = load_fertility_schedule,
              .table_format = "Columns `age,rate`: births per woman-year at contiguous ages within 10..60, "
                              "zero outside; rescaled so that the rates sum to fertility.total_fertility."},
    Parameter{.key = "fertility.total_fertility",
              .type = Type::real,
              .min = 0,
              .max = 8,
              .unit = "births per woman",
              .default_value = "1.67",
              .description = "Total fertility rate: the sum of the age-specific rates.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      auto& settings = s.settings<FertilitySettings>();
                      settings.total_fertility = v.real;
                      settings.rescale();
                  }},
    Parameter{
        .key = "fertility.proportion_male",
        .type = Type::real,
        .min = 0.4,
        .max = 0.6,
        .unit = "share",
        .default_value = "0.5134",
        .description = "Share of boys among births.",
        .assign = [](Scenario& s,
                     const ParameterValue& v) { s.settings<FertilitySettings>().proportion_male = v.real; }},
};

const ParameterSection section{"fertility", "Births.", parameters_declared,
                               declare_settings<FertilitySettings>};

} // namespace

const ParameterSection& fertility_parameters() {
    return section;
}

} // namespace migsim
