#pragma once
// Scenarios that change over time. A parameter's value is checked once, when the scenario is
// loaded; a time-varying parameter (a step, a ramp, a pulse, a table of values by year: the
// [changes.NAME] tables of a scenario, scenario/timeline_load.hpp) becomes the value it takes from
// the start of each month in which it changes. The model applies the changes of a month at its start, before
// anything else (model/model.cpp), tells the processes and the sources, and rebuilds the passes'
// thresholds; a month without a change costs one comparison.
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.hpp"

namespace migsim {

struct Scenario;

/// A checked value of one parameter.
struct ParameterValue {
    std::int64_t integer = 0; ///< an integer, or the index of an enumeration's choice
    std::uint64_t seed = 0;
    bool boolean = false;
    double real = 0.0;
    std::string text;               ///< month "YYYY-MM", the table's absolute path, or the choice
    std::vector<std::string> names; ///< group_names
    std::vector<double> by_group;   ///< per group / per origin, in groups.names order

    bool operator==(const ParameterValue&) const = default;
};

/// A parameter's value from the start of a month on.
struct ScheduledValue {
    Month month = 0;
    std::string key; ///< the parameter, e.g. "immigration.multiplier"
    ParameterValue value;
    /// Stores the value in a scenario, as loading it would (the parameter's `assign`).
    void (*assign)(Scenario&, const ParameterValue&) = nullptr;

    bool operator==(const ScheduledValue&) const = default;
};

/// The value one numeric element of a changed parameter takes in each month of the run, for the
/// output (/inputs/timeline): a scalar parameter, or one group's element of a per-group one.
struct ParameterPath {
    std::string element;       ///< "mortality.multiplier", "immigration.arrivals_per_year.syria"
    std::vector<double> value; ///< by month of the run, from run.start
    bool operator==(const ParameterPath&) const = default;
};

/// The values time-varying parameters take during a run, in the order they apply (by month; within
/// a month, in the order of the schema).
struct Timeline {
    std::vector<ScheduledValue> changes;
    /// Every element a change of the scenario sets, in the order of the schema and of the groups.
    /// The loader fills it with `changes`; the model reads only `changes`.
    std::vector<ParameterPath> paths;

    bool empty() const { return changes.empty(); }
    bool operator==(const Timeline&) const = default;
};

} // namespace migsim
