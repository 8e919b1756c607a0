#pragma once
// Checks of the size of a run, across parameters, against scenario/limits.hpp: how many persons
// enter it and how large its accounts and outputs are. A run that would exhaust the memory or
// overflow a counter is refused before it starts, with the parameter to change.
#include <functional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

struct RunSizeProblem {
    std::string key; ///< the parameter to change
    std::string message;
};

/// The limits `scenario` exceeds; `valid(key)` tells which of its parameters passed their own
/// checks (a check that depends on an invalid one is skipped: that one is reported already).
std::vector<RunSizeProblem> run_size_problems(const Scenario& scenario,
                                              const std::function<bool(const std::string&)>& valid);

/// 5602628 -> "5,602,628" (rounded to a whole number).
std::string grouped_digits(double value);

} // namespace migsim
