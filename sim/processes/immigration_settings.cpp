// The parameters of [immigration] and the loaders of its tables.
#include "processes/immigration_settings.hpp"

#include <array>
#include <cmath>
#include <numeric>

#include "core/text.hpp"
#include "scenario/limits.hpp"
#include "scenario/run_size.hpp"
#include "scenario/tables.hpp"

namespace migsim {

namespace {

using Type = ParameterType;
using Shape = ParameterShape;

void load_immigration_age_profile(const TableContext& context, Scenario& scenario) {
    if (!context.valid("groups.names"))
        return; // the groups are in error: the profile cannot be matched to them
    const auto& groups = scenario.groups.names;
    const TableSpec spec{{{"group", groups}, sex_column()}, all_ages(), {{"share", 0.0, 1.0}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    auto& profiles = scenario.settings<ImmigrationSettings>().age_profile;
    profiles.assign(groups.size(), SexAgeTable{});
    for (std::size_t g = 0; g < groups.size(); ++g) {
        double sum = 0.0;
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age < n_ages; ++age)
                sum += grid->value(static_cast<int>(g) * n_sexes + sex, age, 0);
        if (std::abs(sum - 1.0) > share_sum_tolerance) {
            context.problem(context.path, 0, context.key,
                            "the shares of group " + groups[g] + " sum to " + format_approximately(sum) +
                                ", not 1");
            continue;
        }
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age < n_ages; ++age)
                profiles[g][sex][age] = grid->value(static_cast<int>(g) * n_sexes + sex, age, 0) / sum;
    }
}

/// First arrivals over the whole run, scaled: the arrivals and the multiplier at the start, and as
/// they change during the run (scenario/timeline.hpp).
double arrivals_over_the_run(const Scenario& scenario) {
    const auto& settings = scenario.settings<ImmigrationSettings>();
    std::vector<double> per_year = settings.arrivals_per_year;
    double multiplier = settings.multiplier;
    const auto& changes = scenario.timeline.changes;
    auto next = changes.begin();
    double arrivals = 0.0;
    for (Month m = scenario.run.start; m < scenario.run.start + scenario.run.months; ++m) {
        for (; next != changes.end() && next->month <= m; ++next)
            if (next->key == "immigration.arrivals_per_year")
                per_year = next->value.by_group;
            else if (next->key == "immigration.multiplier")
                multiplier = next->value.real;
        arrivals += std::accumulate(per_year.begin(), per_year.end(), 0.0) * multiplier / 12.0;
    }
    return arrivals * scenario.population.scale;
}

/// Every person of the base population and every arrival is a person of the run: their number
/// within limits::simulated_persons.
std::vector<RunSizeProblem> check_persons_of_the_run(const Scenario& scenario,
                                                     const std::function<bool(const std::string&)>& valid) {
    std::vector<RunSizeProblem> problems;
    if (valid("population.scale") && valid("run.months") && valid("immigration.arrivals_per_year")) {
        double national = 0.0;
        for (const auto& by_age : scenario.population.national)
            for (const std::int64_t persons : by_age)
                national += static_cast<double>(persons);
        const double base = national * scenario.population.scale;
        const double arrivals = arrivals_over_the_run(scenario);
        const double persons = base + arrivals;
        // The base population alone is reported with the national table (scenario/tables.cpp).
        if (base <= limits::simulated_persons && persons > limits::simulated_persons)
            problems.push_back(
                {"immigration.arrivals_per_year",
                 "the run would simulate " + grouped_digits(persons) + " persons (" + grouped_digits(base) +
                     " in the base population and " + grouped_digits(arrivals) + " arrivals over " +
                     grouped_digits(scenario.run.months) + " months): more than the limit of " +
                     grouped_digits(limits::simulated_persons) +
                     " (memory); lower the arrivals, population.scale or run.months"});
    }
    return problems;
}

const std::array parameters_declared = {
    Parameter{.key = "immigration.arrivals_per_year",
              .type = Type::real,
              .shape = Shape::per_group,
              .min = 0,
              .max = 1e7, // several times the largest yearly immigration any country has recorded
              .unit = "persons/year",
              .description = "First arrivals of foreign-born persons by group, at full national size "
                             "(multiplied by population.scale and immigration.multiplier in the run).",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<ImmigrationSettings>().arrivals_per_year = v.by_group;
                  }},
    Parameter{.key = "immigration.age_profile",
              .type = Type::table,
              .description = "Age-sex profile of first arrivals by group.",
              .load_table = load_immigration_age_profile,
              .table_format = "Columns `group,sex,age,share`: every group of groups.names x male, female x "
                              "ages 0..100; shares >= 0 summing to 1 within each group (within 1e-6; then "
                              "rescaled exactly)."},
    Parameter{.key = "immigration.urban_attraction",
              .type = Type::real,
              .min = 0,
              .max = 20,
              .default_value = "1.5",
              .description = "Arrivals settle in areas in proportion to size x (1 + this x urbanity).",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<ImmigrationSettings>().urban_attraction = v.real;
                  }},
    hazard_multiplier(
        "immigration.multiplier",
        "Factor applied to every group's arrivals in the simulated period (the base "
        "population's arrival history uses immigration.arrivals_per_year as given).",
        [](Scenario& s, const ParameterValue& v) { s.settings<ImmigrationSettings>().multiplier = v.real; }),
};

const ParameterSection section{"immigration", "First arrivals of foreign-born persons.", parameters_declared,
                               declare_settings<ImmigrationSettings>, check_persons_of_the_run};

} // namespace

const ParameterSection& immigration_parameters() {
    return section;
}

} // namespace migsim
