// The parameters of [labour].
#include "processes/labour_settings.hpp"

#include <cmath>

#include "core/text.hpp"
#include "scenario/tables.hpp"

namespace migsim {

namespace {

using Type = ParameterType;

const std::vector<std::string> status_levels = names_of(labour_status_names);

/// `sex,background,age_band,target_percent,shift`, as calibration/tools/fit_activity_shifts writes it.
void load_shifts(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{
        {sex_column(), {"background", names_of(background_names)}, {"age_band", names_of(labour_band_names)}},
        no_index(),
        {{"target_percent", 0.0, 100.0}, {"shift", -20.0, 20.0}},
        {"sex", "background", "age_band", "target_percent", "shift"}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    auto& settings = scenario.settings<LabourSettings>();
    int combination = 0;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int b = 0; b < n_backgrounds; ++b)
            for (int band = 0; band < n_labour_bands; ++band, ++combination) {
                const auto s = static_cast<std::size_t>(sex), g = static_cast<std::size_t>(b),
                           a = static_cast<std::size_t>(band);
                settings.target[s][g][a] = grid->value(combination, 0, 0) / 100.0;
                settings.shift[s][g][a] = grid->value(combination, 0, 1);
            }
    settings.has_shifts = true;
}

/// `sex,from,to,probability`: each sex's monthly matrix, every row summing to 1.
void load_monthly(const TableContext& context, Scenario& scenario) {
    const TableSpec spec{{sex_column(), {"from", status_levels}, {"to", status_levels}},
                         no_index(),
                         {{"probability", 0.0, 1.0}},
                         {"sex", "from", "to", "probability"}};
    const auto grid = read_table(context, spec);
    if (!grid)
        return;
    auto& settings = scenario.settings<LabourSettings>();
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int from = 0; from < n_labour_statuses; ++from) {
            double sum = 0.0;
            for (int to = 0; to < n_labour_statuses; ++to) {
                const double p = grid->value((sex * n_labour_statuses + from) * n_labour_statuses + to, 0, 0);
                settings.monthly[static_cast<std::size_t>(sex)][static_cast<std::size_t>(from)]
                                [static_cast<std::size_t>(to)] = p;
                sum += p;
            }
            if (std::abs(sum - 1.0) > 1e-9 ||
                settings.monthly[static_cast<std::size_t>(sex)][static_cast<std::size_t>(from)]
                                [static_cast<std::size_t>(from)] <= 0.0) {
                context.problem(
                    context.path, grid->line((sex * n_labour_statuses + from) * n_labour_statuses, 0),
                    "probability",
                    concat({"the row from ", status_levels[static_cast<std::size_t>(from)], " of ",
                            sex_names[static_cast<std::size_t>(sex)], " sums to ", format_approximately(sum),
                            ": each row must sum to 1 and keep a chance of staying"}));
                return;
            }
        }
    settings.has_monthly = true;
}

/// The two tables make the labour market together; one without the other is a mistake.
std::vector<RunSizeProblem> check_tables(const Scenario& scenario,
                                         const std::function<bool(const std::string&)>& given) {
    const auto& settings = scenario.settings<LabourSettings>();
    const char* why = ": the activity transitions need the flows' monthly matrices and the shifts of one fit";
    if (settings.has_shifts && !settings.has_monthly && !given("labour.monthly_transitions"))
        return {{"labour.monthly_transitions",
                 std::string("labour.employment_shifts is given without labour.monthly_transitions") + why}};
    if (settings.has_monthly && !settings.has_shifts && !given("labour.employment_shifts"))
        return {{"labour.employment_shifts",
                 std::string("labour.monthly_transitions is given without labour.employment_shifts") + why}};
    return {};
}

const std::array parameters_declared = {
    Parameter{.key = "labour.monthly_transitions",
              .type = Type::table,
              .optional = true,
              .description = "Monthly transition matrix between employment, unemployment and inactivity by "
                             "sex: the principal cube root of the quarterly flows (calibration/README.md, "
                             "\"Labour-market flows\"). With labour.employment_shifts it turns the labour "
                             "market on; without both, persons have no activity status.",
              .load_table = load_monthly,
              .table_format = "Columns `sex,from,to,probability` as calibration/tools/fit_activity_shifts "
                              "writes them: every sex, from and to (employment, unemployment, inactivity) "
                              "once, probabilities in [0, 1], each row summing to 1 within 1e-9 with a "
                              "chance of staying above 0."},
    Parameter{.key = "labour.employment_shifts",
              .type = Type::table,
              .optional = true,
              .description = "Employment shift of each sex, background and age band: added to the log-odds "
                             "of moves into employment and subtracted from those out of it "
                             "(calibration/README.md, \"Activity transitions\").",
              .load_table = load_shifts,
              .table_format = "Columns `sex,background,age_band,target_percent,shift` as "
                              "calibration/tools/fit_activity_shifts writes them: every sex, background "
                              "(danish_origin, descendants_western, descendants_non_western, "
                              "immigrants_western, immigrants_non_western) and age band (16-24, 25-29, "
                              "30-39, 40-49, 50-59, 60-64) once; the shift in [-20, 20], the target (the "
                              "employment rate the shift was fitted to, per cent) in [0, 100]."},
    Parameter{
        .key = "labour.western_share",
        .type = Type::real,
        .shape = ParameterShape::per_group,
        .min = 0,
        .max = 1,
        .fixed_during_run = true,
        .unit = "share",
        .default_value = "0.0",
        .description = "Share of each group's immigrants of Western origin (Statistics Denmark: the EU, "
                       "EFTA, the United Kingdom, the USA, Canada, Australia and New Zealand, and the "
                       "European microstates); an immigrant's background is drawn with it at arrival "
                       "(or at the start) and kept, and a descendant born in the run takes its "
                       "mother's group's.",
        .assign = [](Scenario& s,
                     const ParameterValue& v) { s.settings<LabourSettings>().western_share = v.by_group; }},
    Parameter{.key = "labour.descendants_western_share",
              .type = Type::real,
              .min = 0,
              .max = 1,
              .fixed_during_run = true,
              .unit = "share",
              .default_value = "0.17",
              .description = "Share of Western origin among the base population's descendants, whose mothers "
                             "the base population does not know (Statistics Denmark, Indvandrere i Danmark "
                             "2013, Tabel 2.5: 8,785 of 51,603 descendants aged 16-64 in 2012).",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<LabourSettings>().descendants_western_share = v.real;
                  }},
};

const ParameterSection section{"labour", "The labour market: background and activity status.",
                               parameters_declared, declare_settings<LabourSettings>, check_tables};

} // namespace

const ParameterSection& labour_parameters() {
    return section;
}

} // namespace migsim
