#include "scenario/tables.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "scenario/csv_table.hpp"
#include "scenario/limits.hpp"
#include "scenario/run_size.hpp"
#include "core/text.hpp"

namespace migsim {

std::vector<std::string> names_of(std::span<const char* const> names) {
    return {names.begin(), names.end()};
}

CategoryColumn sex_column() {
    return {"sex", names_of(sex_names)};
}

IndexColumn all_ages() {
    return {"age", 0, oldest_age, IndexCoverage::full};
}

IndexColumn ages_to_open_end() {
    return {"age", 0, oldest_age, IndexCoverage::open_ended};
}

void load_sex_age_hazard(const TableContext& context, SexAgeTable& hazard) {
    const TableSpec spec{{sex_column()}, all_ages(), {{"hazard", 0.0, max_hazard}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age < n_ages; ++age)
            hazard[sex][age] = grid->value(sex, age, 0);
}

namespace {

/// The simulated base population (the national table x population.scale) within the limits, in
/// total and in each cell of sex and age.
void check_simulated_size(const TableContext& context, const TableGrid& grid, double scale) {
    double total = 0.0;
    int crowded_rows = 0;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age <= grid.last_index(); ++age) {
            const double persons = grid.value(sex, age, 1) * scale;
            total += persons;
            if (persons > limits::persons_per_cell && ++crowded_rows <= 3)
                context.problem(context.path, grid.line(sex, age), "persons",
                                "x population.scale = " + grouped_digits(persons) +
                                    " simulated persons of one sex and age: more than the limit of " +
                                    grouped_digits(limits::persons_per_cell) +
                                    " (counts by cell are 32-bit); lower population.scale");
        }
    if (total > limits::simulated_persons)
        context.problem(context.path, 0, context.key,
                        "the table holds " + grouped_digits(total / scale) +
                            " persons; x population.scale = " + grouped_digits(total) +
                            " simulated persons: more than the limit of " +
                            grouped_digits(limits::simulated_persons) +
                            " (about 24 bytes of memory each); lower "
                            "population.scale");
}

} // namespace

void load_national_population(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{{sex_column()},
                         ages_to_open_end(),
                         {{"year", 1900, 2399, true}, {"persons", 0.0, 1e9, true}},
                         {"year", "sex", "age", "persons"}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    // The table is the population on 1 January of the year the run starts.
    if (context.valid("run.start")) {
        const int start_year = year_of(scenario.run.start);
        bool year_ok = true;
        for (int sex = 0; sex < n_sexes && year_ok; ++sex)
            for (int age = 0; age <= grid->last_index() && year_ok; ++age)
                if (grid->value(sex, age, 0) != start_year) {
                    context.problem(context.path, grid->line(sex, age), "year",
                                    "the table is for " + format_number(grid->value(sex, age, 0)) +
                                        ", the run starts in " + std::to_string(start_year) +
                                        " (run.start): the population must be that of 1 January " +
                                        std::to_string(start_year));
                    year_ok = false;
                }
    }
    auto& population = scenario.population;
    population.national = {};
    population.national_open_age = grid->last_index();
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age <= grid->last_index(); ++age)
            population.national[sex][age] = static_cast<std::int64_t>(grid->value(sex, age, 1));
    if (context.valid("population.scale"))
        check_simulated_size(context, *grid, context.real("population.scale"));
}

void load_migrant_status(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{
        {}, all_ages(), {{"foreign_born_share", 0.0, 1.0}, {"second_generation_share", 0.0, 1.0}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    for (int age = 0; age < n_ages; ++age) {
        const double foreign_born = grid->value(0, age, 0);
        const double second_generation = grid->value(0, age, 1);
        // Both are shares of the same persons, who are one or the other or neither.
        if (foreign_born + second_generation > 1.0 + 1e-12)
            context.problem(context.path, grid->line(0, age), "second_generation_share",
                            "foreign_born_share + second_generation_share = " +
                                format_approximately(foreign_born + second_generation) + " exceeds 1");
        scenario.population.foreign_born_share[age] = foreign_born;
        scenario.population.second_generation_share[age] = second_generation;
    }
}

} // namespace migsim
