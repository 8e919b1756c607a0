#pragma once
// A scenario's numeric parameters as a named vector, for calibration and sensitivity studies: the
// scalar integer and real parameters of its schema (hazard multipliers, total fertility, shares,
// lags...) with their values and declared bounds, and variants of the scenario with some of them
// set. A variant is the scenario loaded again from the same text with the values added as --set
// overrides, so it is in every respect the scenario a user gets with those --set values: tables
// that depend on a parameter (the fertility schedule scaled to fertility.total_fertility) see the
// new value, and the resolved text records it.
#include <string>
#include <vector>

#include "scenario/load.hpp"

namespace migsim {

/// One perturbable parameter: its value in the scenario and the range its declaration allows.
struct NumericParameter {
    std::string key; ///< "mortality.multiplier"
    double value = 0.0;
    double min = 0.0;
    double max = 0.0;
    bool min_open = false; ///< the range excludes min
    bool max_open = false;
    bool integer = false; ///< only whole numbers

    bool admits(double candidate) const;
};

/// The scalar integer and real parameters of `scenario`, in the order of its schema, then the
/// numbers of its changes ("changes.surge.factor", "changes.fertility.value_by_year.2016": a factor
/// in [0, 1000], a value in the range of the parameter it changes).
std::vector<NumericParameter> numeric_parameters(const Scenario& scenario);

struct ParameterSetting {
    std::string key;
    double value = 0.0;
};

/// `scenario` with `settings` applied, loaded as with `--set key=value` for each. A key that is not
/// one of numeric_parameters(scenario), or a value outside its declared range (or not whole for an
/// integer), is refused with a problem that names the key and the range; nothing is loaded then.
ScenarioLoad scenario_variant(const Scenario& scenario, const std::vector<ParameterSetting>& settings);

} // namespace migsim
