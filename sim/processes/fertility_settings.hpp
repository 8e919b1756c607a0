#pragma once
// The settings of fertility (processes/fertility.*): the section [fertility] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

struct FertilitySettings {
    AgeTable rate{};                 ///< births per woman-year by age of mother (zero outside 10..60)
    double proportion_male = 0.5134; ///< share of boys among births
    /// The schedule's age pattern as given (fertility.schedule), its sum, and the level it is
    /// scaled to (fertility.total_fertility): rate = schedule x total_fertility / schedule_sum.
    AgeTable schedule{};
    double schedule_sum = 0.0;
    double total_fertility = 0.0;

    /// Recomputes `rate` from the schedule and the total fertility (the loader, and a total
    /// fertility that changes during the run).
    void rescale() {
        for (std::size_t age = 0; age < rate.size(); ++age)
            rate[age] = schedule_sum > 0.0 && total_fertility != 0.0
                            ? schedule[age] * total_fertility / schedule_sum
                            : 0.0;
    }

    bool operator==(const FertilitySettings&) const = default;
};

/// The parameters of [fertility] (in the list of modules/modules.cpp).
const ParameterSection& fertility_parameters();

} // namespace migsim
