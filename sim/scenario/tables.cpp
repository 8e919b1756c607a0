#include "scenario/tables.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "scenario/csv_table.hpp"
#include "scenario/limits.hpp"
#include "scenario/run_size.hpp"
#include "scenario/text.hpp"

namespace migsim {

namespace {

/// Hazards above this many events per person-year are taken for a mistake in the table's unit.
constexpr double max_hazard = 5.0;

std::vector<std::string> names_of(std::span<const char* const> names) {
    return {names.begin(), names.end()};
}

CategoryColumn sex_column() {
    return {"sex", names_of(sex_names)};
}

IndexColumn all_ages() {
    return {"age", 0, oldest_age, IndexCoverage::full};
}

/// Ages 0..L, L <= 100, the last row open-ended ("L and over").
IndexColumn ages_to_open_end() {
    return {"age", 0, oldest_age, IndexCoverage::open_ended};
}

/// A hazard table by sex and age 0..100, as given.
void load_sex_age_hazard(const TableContext& context, SexAgeTable& hazard) {
    const TableSpec spec{{sex_column()}, all_ages(), {{"hazard", 0.0, max_hazard}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age < n_ages; ++age)
            hazard[sex][age] = grid->value(sex, age, 0);
}

/// Rows of a mortality table are the rates of one year: a row of another year is a table put
/// together by mistake.
void check_one_year(const TableContext& context, const TableGrid& grid) {
    // The table's year is that of most of its rows; the others are reported.
    std::map<double, int> rows_of_year;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age <= grid.last_index(); ++age)
            ++rows_of_year[grid.value(sex, age, 0)];
    const double year =
        std::max_element(rows_of_year.begin(), rows_of_year.end(), [](const auto& a, const auto& b) {
            return a.second < b.second;
        })->first;
    int others = 0;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age <= grid.last_index(); ++age)
            if (grid.value(sex, age, 0) != year && ++others <= 3)
                context.problem(context.path, grid.line(sex, age), "year",
                                "the row is for " + format_number(grid.value(sex, age, 0)) +
                                    ", the table's other rows for " + format_number(year) +
                                    ": the rates must be those of one year");
    if (others > 3)
        context.problem(context.path, 0, "year",
                        std::to_string(others - 3) + " more rows of other years are not listed");
}

/// The rate is deaths per 1000 person-years: with both counts given, the three must agree. They
/// may differ by the rounding of a published rate (to 0.01 per 1000) or by 1 %.
void check_rates_match_counts(const TableContext& context, const TableGrid& grid) {
    int mismatches = 0;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age <= grid.last_index(); ++age) {
            const double deaths = grid.value(sex, age, 1);
            const double person_years = grid.value(sex, age, 2);
            const double rate = grid.value(sex, age, 3);
            std::string message;
            if (person_years == 0.0) {
                if (deaths > 0.0)
                    message = "deaths = " + format_number(deaths) + " with person_years = 0";
            } else {
                const double counted = deaths / person_years * 1000.0;
                if (std::abs(counted - rate) > std::max(0.01, 0.01 * counted))
                    message = "rate_per_1000 = " + format_number(rate) +
                              ", but deaths / person_years x 1000 = " + format_approximately(counted) +
                              " (they must agree within 1 % or 0.01)";
            }
            if (!message.empty() && ++mismatches <= 3)
                context.problem(context.path, grid.line(sex, age), "rate_per_1000", message);
        }
    if (mismatches > 3)
        context.problem(context.path, 0, "rate_per_1000",
                        std::to_string(mismatches - 3) + " more rows whose rate disagrees are not listed");
}

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

void load_mortality_rates(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{{sex_column()},
                         ages_to_open_end(),
                         {{"year", 1900, 2399, true},
                          {"deaths", 0.0},
                          {"person_years", 0.0},
                          {"rate_per_1000", 0.0, 1000.0 * max_hazard}},
                         {"year", "sex", "age", "deaths", "person_years", "rate_per_1000"}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    check_one_year(context, *grid);
    check_rates_match_counts(context, *grid);
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age < n_ages; ++age) {
            // The last row is open-ended: older ages have its rate.
            const int row = std::min(age, grid->last_index());
            scenario.mortality.hazard[sex][age] = grid->value(sex, row, 3) / 1000.0;
        }
}

void load_fertility_schedule(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{{}, {"age", 10, 60, IndexCoverage::contiguous}, {{"rate", 0.0, 1.0}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    double sum = 0.0;
    for (int age = grid->first_index(); age <= grid->last_index(); ++age)
        sum += grid->value(0, age, 0);
    auto& rate = scenario.fertility.rate;
    rate = {};
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
    for (int age = grid->first_index(); age <= grid->last_index(); ++age)
        rate[age] = grid->value(0, age, 0) * total_fertility / sum;
}

void load_immigration_age_profile(const TableContext& context, Scenario& scenario) {
    if (!context.valid("groups.names"))
        return; // the groups are in error: the profile cannot be matched to them
    const auto& groups = scenario.groups.names;
    const TableSpec spec{{{"group", groups}, sex_column()}, all_ages(), {{"share", 0.0, 1.0}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    auto& profiles = scenario.immigration.age_profile;
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

void load_emigration_hazards(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{
        {{"status", names_of(emigration_status_names)}}, all_ages(), {{"hazard", 0.0, max_hazard}}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    for (int status = 0; status < n_emigration_statuses; ++status)
        for (int age = 0; age < n_ages; ++age)
            scenario.emigration.hazard[status][age] = grid->value(status, age, 0);
}

void load_return_hazards(const TableContext& context, Scenario& scenario) {
    // The table covers exactly the years abroad that the abroad pool keeps; when that parameter is
    // itself in error, only the table's own shape is checked.
    const bool years_known = context.valid("returns.max_years_abroad");
    const int years = scenario.returns.max_years_abroad;
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
        auto& hazard = scenario.returns.hazard[birthplace];
        hazard.assign(static_cast<std::size_t>(grid->last_index() + 1), 0.0);
        for (int year = 0; year <= grid->last_index(); ++year)
            hazard[year] = grid->value(birthplace, year, 0);
    }
}

void load_internal_migration_hazards(const TableContext& context, Scenario& scenario) {
    load_sex_age_hazard(context, scenario.internal_migration.hazard);
}

} // namespace migsim
