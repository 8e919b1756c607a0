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

/// The memory a run of `persons` persons (its base population and its arrivals) needs, roughly:
/// their columns twice over (a column grows by doubling, and the old block lives on while it is
/// copied), the accounts of every area-year, and 64 MB for the program, its libraries and threads.
double estimated_run_bytes(const Scenario& scenario, double persons);

/// "340 MB", "1.2 GB".
std::string memory_text(double bytes);

/// 5602628 -> "5,602,628" (rounded to a whole number).
std::string grouped_digits(double value);

} // namespace migsim
