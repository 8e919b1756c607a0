// What the labour market contributes to the output (output_schemas/labour.toml): the persons on
// 1 January by activity status, background and years since arrival, the month-to-month transitions
// by calendar year, and the calibration the run used.
#include <cmath>

#include "io/output_coordinates.hpp"
#include "model/run_state.hpp"
#include "processes/labour.hpp"

namespace migsim {

void Labour::add_output(std::vector<OutputGroup>& groups) const {
    if (!active())
        return;
    const ReportingYears& calendar = state_.calendar;
    const Coordinate background{"background", labels(background_names)};
    OutputGroup stocks{"/truth/labour",
                       {{"year", sequence(calendar.first_year, calendar.population_years)},
                        {"activity", labels(activity_names)},
                        background,
                        {"years_since_arrival", labels(residence_duration_names)},
                        sex_coordinate(),
                        age_coordinate()},
                       {}};
    stocks.arrays.push_back(
        {"population", {"year", "activity", "background", "years_since_arrival", "sex", "age"}, population_});
    groups.push_back(std::move(stocks));

    std::vector<std::string> age_groups{"0-15"};
    age_groups.insert(age_groups.end(), labour_band_names.begin(), labour_band_names.end());
    age_groups.push_back("65+");
    OutputGroup flows{"/truth/labour/transitions",
                      {flow_year_coordinate(calendar, calendar.flow_years),
                       {"from_activity", labels(activity_names)},
                       {"to_activity", labels(activity_names)},
                       background,
                       sex_coordinate(),
                       {"labour_age_group", age_groups}},
                      {}};
    flows.arrays.push_back({"transitions",
                            {"year", "from_activity", "to_activity", "background", "sex", "labour_age_group"},
                            transitions_.by_year()});
    groups.push_back(std::move(flows));

    // The indicators of the UNECE (2015) on the labour market and citizenship, from the same stocks:
    // each with its numerator and denominator, so that any grouping of the cells can be re-aggregated.
    // The share naturalised is of immigrants only (numerator and denominator 0 for the others).
    const std::vector<std::string> indicators{"employment_rate", "unemployment_rate", "activity_rate",
                                              "naturalised_share"};
    const auto years = static_cast<std::size_t>(calendar.population_years);
    const std::size_t cells =
        indicators.size() * n_sexes * n_labour_bands * n_backgrounds * n_residence_durations;
    std::vector<std::int32_t> numerator(years * cells, 0), denominator(years * cells, 0);
    std::vector<double> value(years * cells, 0.0);
    const auto at = [&](std::size_t year, int activity, int group, int duration, int sex, int age) {
        return population_[population_index(year, activity, group, duration, sex, age)];
    };
    for (std::size_t year = 0; year < years; ++year)
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int band = 0; band < n_labour_bands; ++band)
                for (int g = 0; g < n_backgrounds; ++g)
                    for (int d = 0; d < n_residence_durations; ++d) {
                        std::int64_t employed = 0, unemployed = 0, persons = 0, naturalised = 0;
                        for (int age = labour_band_edges[static_cast<std::size_t>(band)];
                             age < labour_band_edges[static_cast<std::size_t>(band) + 1]; ++age) {
                            if (!naturalised_.empty())
                                naturalised += naturalised_[naturalised_index(year, g, d, sex, age)];
                            employed += at(year, 0, g, d, sex, age);
                            unemployed += at(year, 1, g, d, sex, age);
                            for (int a = 0; a < n_activities; ++a)
                                persons += at(year, a, g, d, sex, age);
                        }
                        const bool immigrants = g >= static_cast<int>(Background::immigrants_western);
                        const std::int64_t terms[4][2] = {{employed, persons},
                                                          {unemployed, employed + unemployed},
                                                          {employed + unemployed, persons},
                                                          {naturalised, immigrants ? persons : 0}};
                        for (std::size_t k = 0; k < indicators.size(); ++k) {
                            const std::size_t i =
                                (((year * indicators.size() + k) * n_sexes + static_cast<std::size_t>(sex)) *
                                     n_labour_bands +
                                 static_cast<std::size_t>(band)) *
                                    n_backgrounds * n_residence_durations +
                                static_cast<std::size_t>(g) * n_residence_durations +
                                static_cast<std::size_t>(d);
                            numerator[i] = static_cast<std::int32_t>(terms[k][0]);
                            denominator[i] = static_cast<std::int32_t>(terms[k][1]);
                            value[i] = terms[k][1] > 0 ? static_cast<double>(terms[k][0]) /
                                                             static_cast<double>(terms[k][1])
                                                       : 0.0;
                        }
                    }
    OutputGroup indicator_group{"/truth/indicators",
                                {{"year", sequence(calendar.first_year, calendar.population_years)},
                                 {"indicator", indicators},
                                 sex_coordinate(),
                                 {"age_band", labels(labour_band_names)},
                                 background,
                                 {"years_since_arrival", labels(residence_duration_names)}},
                                {}};
    const std::vector<std::string> indicator_dims{"year",     "indicator",  "sex",
                                                  "age_band", "background", "years_since_arrival"};
    indicator_group.arrays.push_back({"value", indicator_dims, value});
    indicator_group.arrays.push_back({"numerator", indicator_dims, numerator});
    indicator_group.arrays.push_back({"denominator", indicator_dims, denominator});
    groups.push_back(std::move(indicator_group));

    // The calibration: each cell's target and shift as the table gives them, the stationary share
    // employed of the chain the run built from them, and the flows' log-odds against staying.
    std::vector<double> target, shift, achieved, intercept;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int g = 0; g < n_backgrounds; ++g)
            for (int band = 0; band < n_labour_bands; ++band) {
                const auto s = static_cast<std::size_t>(sex), b = static_cast<std::size_t>(g),
                           a = static_cast<std::size_t>(band);
                target.push_back(settings_.target[s][b][a]);
                shift.push_back(settings_.shift[s][b][a]);
                achieved.push_back(stationary(sex, g, band)[0]);
            }
    for (const auto& by_from : settings_.monthly)
        for (std::size_t from = 0; from < n_labour_statuses; ++from)
            for (std::size_t to = 0; to < n_labour_statuses; ++to)
                intercept.push_back(to == from ? 0.0 : std::log(by_from[from][to] / by_from[from][from]));
    const std::vector<std::string> statuses = labels(labour_status_names);
    OutputGroup calibration{"/inputs/labour",
                            {sex_coordinate(),
                             background,
                             {"age_band", labels(labour_band_names)},
                             {"flow_from", statuses},
                             {"flow_to", statuses}},
                            {}};
    const std::vector<std::string> cell_dims{"sex", "background", "age_band"};
    calibration.arrays.push_back({"employment_target", cell_dims, target});
    calibration.arrays.push_back({"employment_shift", cell_dims, shift});
    calibration.arrays.push_back({"stationary_employment", cell_dims, achieved});
    calibration.arrays.push_back({"intercept", {"sex", "flow_from", "flow_to"}, intercept});
    groups.push_back(std::move(calibration));
}

} // namespace migsim
