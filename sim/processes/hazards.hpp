#pragma once
// From annual hazards to monthly probabilities. Rates are given as annual hazards; each process
// converts them once, before the run. Events that compete within a month (death, emigration,
// internal move) are converted together with the competing-risks formula
//     p_k = (h_k / H) * (1 - exp(-H * dt)),  H = sum_k h_k,  dt = 1/12 year,
// so the result does not depend on the order in which processes are tried.
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "core/rng.hpp"

namespace migsim {

inline constexpr double month_in_years = 1.0 / 12.0;

/// Monthly probabilities of competing events with annual hazards `h` (any number of events).
inline std::vector<double> competing_monthly_probabilities(std::span<const double> h) {
    double total = 0.0;
    for (double hk : h)
        total += hk;
    std::vector<double> p(h.size(), 0.0);
    if (total <= 0.0)
        return p;
    const double any = -std::expm1(-total * month_in_years);
    for (std::size_t k = 0; k < h.size(); ++k)
        p[k] = h[k] / total * any;
    return p;
}

/// Cumulative 32-bit thresholds of competing events: a uniform draw u falls in event k when
/// threshold[k-1] <= u < threshold[k]; u >= the last threshold means no event.
inline std::vector<std::uint32_t> cumulative_thresholds(std::span<const double> p) {
    std::vector<std::uint32_t> t(p.size());
    double cumulative = 0.0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        cumulative += p[k];
        t[k] = probability_threshold(cumulative);
    }
    return t;
}

} // namespace migsim
