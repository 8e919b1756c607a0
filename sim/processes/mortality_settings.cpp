// The parameters of [mortality] and the loaders of its tables.
#include "processes/mortality_settings.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "core/text.hpp"
#include "scenario/tables.hpp"

namespace migsim {

namespace {

using Type = ParameterType;

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
    auto& hazard = scenario.settings<MortalitySettings>().hazard;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age < n_ages; ++age) {
            // The last row is open-ended: older ages have its rate.
            const int row = std::min(age, grid->last_index());
            hazard[sex][age] = grid->value(sex, row, 3) / 1000.0;
        }
}

const std::array parameters_declared = {
    Parameter{.key = "mortality.rates",
              .type = Type::table,
              .description = "Death rates by sex and age.",
              .load_table = load_mortality_rates,
              .table_format =
                  "Columns `year,sex,age,deaths,person_years,rate_per_1000`: the rates of one year, "
                  "ages 0, 1, ... contiguous up to a last age (at most 100) whose rate holds for every "
                  "older age; `rate_per_1000` deaths per 1000 person-years, in [0, 5000], agreeing with "
                  "deaths / person_years x 1000 within 1 % or 0.01. Hazard = rate_per_1000 / 1000 x "
                  "mortality.multiplier."},
    hazard_multiplier(
        "mortality.multiplier", "Factor applied to every death rate in the simulated period.",
        [](Scenario& s, const ParameterValue& v) { s.settings<MortalitySettings>().multiplier = v.real; }),
};

const ParameterSection section{"mortality", "Deaths.", parameters_declared,
                               declare_settings<MortalitySettings>};

} // namespace

const ParameterSection& mortality_parameters() {
    return section;
}

} // namespace migsim
