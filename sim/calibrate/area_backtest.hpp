#pragma once
// The out-of-sample test of the calibration (calibration/README.md, "Backtest"): fit the
// attractions on a first period, project the areas' populations from the base population of its
// last year, and compare the projection with the observed populations of the years after it, beside
// two naive projections a planner would otherwise use:
//   - constant shares: each area keeps its share of the base year, of the observed national total;
//   - extrapolated growth: each area goes on growing at its average annual rate of the fit period.
// The model is scored in the same two ways it can be used: its areas' shares of the observed
// national total (the fair comparison with constant shares, which are given that total too), and
// its own persons (scaled to the table), whose error includes the national inputs'.
// The errors: mean absolute percentage error over the areas, unweighted (mean of |P^ - P| / P)
// and weighted by population (sum |P^ - P| / sum P), and the worst area.
#include <string>
#include <vector>

#include "calibrate/area_attraction_fit.hpp"

namespace migsim {

struct ProjectionError {
    std::string method;
    int year = 0;
    double mape = 0.0;          ///< per cent, unweighted
    double weighted_mape = 0.0; ///< per cent, weighted by the observed populations
    std::string worst_area;     ///< the code of the area with the largest absolute percentage error
    double worst_ape = 0.0;     ///< per cent
};

struct AreaBacktest {
    AreaAttractionFit fit;
    int base_year = 0; ///< the projection's start, the fit's last year
    int last_year = 0;
    std::vector<ProjectionError> errors; ///< by method, then year
    double seconds = 0.0;
};

/// The names of the methods, in the order of AreaBacktest::errors.
inline constexpr const char* backtest_model_shares = "migsim, shares of the national total";
inline constexpr const char* backtest_model_persons = "migsim, own national total";
inline constexpr const char* backtest_unfitted_shares = "migsim without the fit, shares";
inline constexpr const char* backtest_constant_shares = "constant shares";
inline constexpr const char* backtest_extrapolated_growth = "extrapolated growth";

/// `fit_scenario` runs the fit period (as fit_area_attractions needs), `projection_scenario` the
/// projection from January of the base year (its last year to January of `observed.last_year`);
/// `observed` covers the fit's first year to the projection's last. With national parameters to
/// fit (options.national), `fit_with` and `projection_with` remake the two scenarios with their
/// values: the projection runs with the backtest fit's values, the unfitted one with every factor at 1.
AreaBacktest run_area_backtest(const Scenario& fit_scenario, const Scenario& projection_scenario,
                               const ObservedAreaPopulations& observed, const AreaFitOptions& options,
                               const ScenarioWithValues& fit_with = {},
                               const ScenarioWithValues& projection_with = {});

/// The error of one projection against the observations of `year` (persons by area).
ProjectionError projection_error(const std::string& method, int year, const std::vector<double>& projected,
                                 const std::vector<double>& observed, const std::vector<std::string>& codes);

} // namespace migsim
