// The parameters of [mortality] and the loaders of its tables.
#include "processes/mortality_settings.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <string>

#include "core/text.hpp"
#include "scenario/tables.hpp"

namespace migsim {

namespace {

using Type = ParameterType;

/// Rows of a mortality table are the rates of one year: a row of another year is a table put
/// together by mistake. Returns the table's year.
double check_one_year(const TableContext& context, const TableGrid& grid) {
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
    return year;
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
    const double year = check_one_year(context, *grid);
    check_rates_match_counts(context, *grid);
    scenario.settings<MortalitySettings>().base_year = static_cast<int>(year);
    auto& hazard = scenario.settings<MortalitySettings>().hazard;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age < n_ages; ++age) {
            // The last row is open-ended: older ages have its rate.
            const int row = std::min(age, grid->last_index());
            hazard[sex][age] = grid->value(sex, row, 3) / 1000.0;
        }
}

/// The b_x of a Lee-Carter fit (calibration/tools/fit_lee_carter writes `sex,age,a,b`). Only b_x
/// is used: the level is that of mortality.rates. Lee & Carter normalise b to sum to 1 over the
/// ages, which gives the drift of k its scale: b of another normalisation with this drift would
/// change the trend, so the sum is checked.
void load_improvement(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{
        {sex_column()}, ages_to_open_end(), {{"a", -30.0, 5.0}, {"b", -1.0, 1.0}}, {"sex", "age", "a", "b"}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    auto& settings = scenario.settings<MortalitySettings>();
    for (int sex = 0; sex < n_sexes; ++sex) {
        double sum = 0.0;
        for (int age = 0; age <= grid->last_index(); ++age)
            sum += grid->value(sex, age, 1);
        if (std::abs(sum - 1.0) > 1e-3) {
            context.problem(context.path, grid->line(sex, 0), "b",
                            "the b of " + std::string(sex == 0 ? "males" : "females") + " sum to " +
                                format_approximately(sum) +
                                ", not 1 (Lee and Carter's normalisation, which the drift's scale assumes)");
            return;
        }
        for (int age = 0; age < n_ages; ++age)
            settings.improvement_b[sex][age] = grid->value(sex, std::min(age, grid->last_index()), 1);
    }
    settings.has_improvement_b = true;
}

/// The drift of k of a Lee-Carter fit (calibration/tools/fit_lee_carter writes
/// `sex,year,k,drift,drift_se,innovation_sd`, the drift repeated on every row of a sex).
void load_improvement_k(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{{sex_column()},
                         {"year", 1900, 2399, IndexCoverage::contiguous},
                         {{"k", -1000.0, 1000.0},
                          {"drift", -100.0, 100.0},
                          {"drift_se", 0.0, 100.0},
                          {"innovation_sd", 0.0, 1000.0}},
                         {"sex", "year", "k", "drift", "drift_se", "innovation_sd"}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    auto& settings = scenario.settings<MortalitySettings>();
    for (int sex = 0; sex < n_sexes; ++sex) {
        const double drift = grid->value(sex, grid->last_index(), 1);
        for (int year = grid->first_index(); year <= grid->last_index(); ++year)
            if (grid->line(sex, year) != 0 && grid->value(sex, year, 1) != drift) {
                context.problem(context.path, grid->line(sex, year), "drift",
                                "the drift is " + format_number(grid->value(sex, year, 1)) +
                                    ", on the last row of the sex " + format_number(drift) +
                                    ": one fit has one drift per sex");
                return;
            }
        settings.drift[static_cast<std::size_t>(sex)] = drift;
    }
    settings.has_drift = true;
}

/// The two tables of the improvement go together. One given but not read has been reported.
std::vector<RunSizeProblem> check_improvement(const Scenario& scenario,
                                              const std::function<bool(const std::string&)>& given) {
    const auto& settings = scenario.settings<MortalitySettings>();
    const char* why = ": the trend needs both the b of each age and the drift of k of one fit";
    if (settings.has_improvement_b && !settings.has_drift && !given("mortality.improvement_k"))
        return {{"mortality.improvement_k",
                 std::string("mortality.improvement is given without mortality.improvement_k") + why}};
    if (settings.has_drift && !settings.has_improvement_b && !given("mortality.improvement"))
        return {{"mortality.improvement",
                 std::string("mortality.improvement_k is given without mortality.improvement") + why}};
    return {};
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
    Parameter{.key = "mortality.improvement",
              .type = Type::table,
              .optional = true,
              .description =
                  "Mortality improvement: the b_x of a Lee-Carter model, how fast the log death rate of "
                  "each age falls as the mortality index k falls. With mortality.improvement_k the hazard "
                  "in calendar year y is rate(x) exp(b_x d (y - Y)), Y the year of mortality.rates and d "
                  "the drift of k per year (the central projection of the random walk with drift, "
                  "anchored on the observed rates of Y); the rates change on 1 January of each year. "
                  "Without it the rates of mortality.rates hold in every year.",
              .load_table = load_improvement,
              .table_format =
                  "Columns `sex,age,a,b` as calibration/tools/fit_lee_carter writes them: ages 0, 1, ... "
                  "contiguous up to a last age (at most 100) whose b holds for every older age; only `b` "
                  "is used (in [-1, 1], summing to 1 over the ages of each sex within 0.001, Lee and "
                  "Carter's normalisation), `a` (in [-30, 5]) is the fit's level, which mortality.rates "
                  "replaces."},
    Parameter{.key = "mortality.improvement_k",
              .type = Type::table,
              .optional = true,
              .description = "The mortality index k of the same Lee-Carter fit as mortality.improvement, "
                             "whose drift per year drives the improvement; required with it.",
              .load_table = load_improvement_k,
              .table_format =
                  "Columns `sex,year,k,drift,drift_se,innovation_sd` as calibration/tools/fit_lee_carter "
                  "writes them: for each sex, the years of the fit (contiguous, in 1900..2399) with the "
                  "same `drift` (the change of k per year, in [-100, 100]) on every row. Only `drift` is "
                  "used; `k` (in [-1000, 1000]), `drift_se` and `innovation_sd` (>= 0) describe the fit."},
    Parameter{.key = "mortality.improvement_multiplier",
              .type = Type::real,
              .min = 0,
              .max = 10,
              .unit = "factor",
              .default_value = "1.0",
              .description = "Factor applied to the drift of k of mortality.improvement_k: 1 the central "
                             "projection, 0.5 half the improvement, 0 the rates of mortality.rates in every "
                             "year. No effect without mortality.improvement.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<MortalitySettings>().improvement_multiplier = v.real;
                  }},
};

const ParameterSection section{"mortality", "Deaths.", parameters_declared,
                               declare_settings<MortalitySettings>, check_improvement};

} // namespace

SexAgeTable hazard_in_year(const MortalitySettings& settings, int year) {
    if (!settings.improving())
        return settings.hazard;
    SexAgeTable hazard = settings.hazard;
    const double years = static_cast<double>(year - settings.base_year);
    for (std::size_t sex = 0; sex < hazard.size(); ++sex)
        for (std::size_t age = 0; age < hazard[sex].size(); ++age)
            hazard[sex][age] *= std::exp(settings.improvement_b[sex][age] * settings.drift[sex] *
                                         settings.improvement_multiplier * years);
    return hazard;
}

const ParameterSection& mortality_parameters() {
    return section;
}

} // namespace migsim
