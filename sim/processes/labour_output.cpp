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
                            transitions_});
    groups.push_back(std::move(flows));

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
    const std::vector<std::string> statuses{"employment", "unemployment", "inactivity"};
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
