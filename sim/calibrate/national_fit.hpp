#pragma once
// The national half of the calibration (calibration/README.md, "National parameters"): published
// national flows (births, deaths, immigration, emigration under one of the official definitions)
// set against the same figures of the calibration's runs, and a national parameter fitted to some
// of them.
//
// Each fitted parameter has one moment: the sum of its published figures over the years whose
// simulated figures are final (a flow under the 12-month rule is provisional in the run's last
// year: docs/model.md), against the simulated sum. The parameter is a positive factor (a
// multiplier), moved in logs by the secant method: log v += -log(S / T) / e, where S and T are the
// simulated and published sums and e the elasticity d log S / d log v, taken as 1 at the first step
// (a factor that scales only part of the flow moves it less: the first step falls short and never
// overshoots) and from the last two runs after it. The runs keep one seed (common random numbers),
// so S moves with v and not with the draws. z = (S - T) / sqrt(S), in the run's persons.
#include <string>
#include <utility>
#include <vector>

#include "model/model.hpp"

namespace migsim {

/// A published national flow by year, and optionally the parameter fitted to it.
struct NationalTarget {
    std::string name;                              ///< "emigration", from [national.emigration]
    std::string component;                         ///< births, deaths, immigration or emigration
    std::string definition;                        ///< present, usual_residence_12m or usual_residence_6m
    std::vector<std::pair<int, double>> published; ///< (year, persons), by year
    std::string parameter;                         ///< a scenario key, "" = a check only
    std::string source;                            ///< where the figures come from, for the report
};

/// The value of a national parameter in one run.
struct NationalValue {
    std::string parameter;
    double value = 0.0;
};

/// One published figure against the run's.
struct NationalFigure {
    std::string name; ///< the target's
    std::string definition;
    int year = 0;
    double published = 0.0;
    double simulated = 0.0;   ///< in persons of the published figures (divided by the run's scale)
    bool provisional = false; ///< the run's figure is provisional (not used by the fit)
    bool fitted = false;      ///< its target has a parameter
};

/// The moment of one fitted parameter in one run.
struct NationalMoment {
    std::string parameter;
    double value = 0.0;     ///< the parameter's value in the run
    double published = 0.0; ///< sum over the final years, in persons of the published figures
    double simulated = 0.0; ///< the same years in the run, divided by its scale
    double sd = 0.0;        ///< sqrt(simulated persons of the run), divided by the scale
    int years = 0;          ///< final years in the sums
    double standardised_difference() const { return sd > 0.0 ? (simulated - published) / sd : 0.0; }
};

/// Names of the components and definitions a target may name (the balance of docs/model.md).
const std::vector<std::string>& national_components();
const std::vector<std::string>& national_definitions();

/// The figures of every target in `run` (a run whose /truth/migration groups cover the years),
/// persons divided by `scale`. A year outside the run's flow years is left out.
std::vector<NationalFigure> national_figures(const RunResults& run,
                                             const std::vector<NationalTarget>& targets, double scale);

/// The moment of each target with a parameter, from `figures` of a run with `values`; a target
/// whose published years are all provisional in the run throws std::invalid_argument.
std::vector<NationalMoment> national_moments(const std::vector<NationalFigure>& figures,
                                             const std::vector<NationalTarget>& targets,
                                             const std::vector<NationalValue>& values, double scale);

/// The fitted parameters of `targets`, each at 1, a factor's neutral value, whatever the scenario
/// gives (as the attractions start from 0), so that the fit does not depend on the value it
/// replaces and a backtest does not start from the full period's answer; std::invalid_argument
/// when a parameter is not a positive number in the resolved scenario text.
std::vector<NationalValue> national_start_values(const std::string& resolved_scenario,
                                                 const std::vector<NationalTarget>& targets);

/// The secant step of every parameter: `history` holds the moments of the runs so far, oldest
/// first; returns the values of the next run. A step is at most a factor 4 either way.
std::vector<NationalValue> next_national_values(const std::vector<std::vector<NationalMoment>>& history);

/// The largest |z| and the rms z of the moments; 0 without any.
double max_abs_standardised(const std::vector<NationalMoment>& moments);
double rms_standardised(const std::vector<NationalMoment>& moments);

} // namespace migsim
