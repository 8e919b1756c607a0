#pragma once
// When the foreign-born of the base population arrived. A base population whose arrival dates are
// not those of the scenario's own immigration starts far from the state the model moves to, and
// emigration (which depends on years since arrival) then drifts for years only because of the
// start. migsim makes the start consistent with the scenario (calibration/README.md):
//
//  - Recent arrivals are the survivors of the scenario's own inflow. The expected number of the
//    base population's foreign-born of group g, sex s and age a (completed years at the start)
//    who arrived d = 0..4 completed years before the start is one year of the group's arrivals at
//    age a - d (immigration.arrivals_per_year x population.scale x the age-sex profile) times
//    their survival in the country for d + 1/2 years: exp(-Σ_{k<d} H_k - H_d / 2), with H_k the
//    emigration hazard of completed year k since arrival plus the death rate, at the age reached.
//    P(d | g, s, a) is that number over the expected foreign-born of (g, s, a) in the base
//    population (scaled down to 1 in all where the recent arrivals alone would exceed the stock).
//  - Earlier arrivals, d = 5..a, share the rest in the steady state of the same hazards:
//    P(d) ∝ profile_g(s, a - d) · exp(-Σ_{k<d} h_{1+min(k,5)}(a - d + k)) · exp(-r (d - 5)),
//    with r = population.past_immigration_growth (0 = constant past inflows); mortality cancels in
//    this ratio because the same death rates apply at home and abroad.
//
// The month within the year since arrival is uniform, never before birth.
#include <cstdint>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

/// Completed years since arrival whose persons are the survivors of the scenario's own inflow.
inline constexpr int recent_arrival_years = 5;

class ArrivalHistory {
public:
    /// The distributions for ages 0..max_age (ages above 100 use the tables' age 100).
    /// `expected_stock[(g * n_sexes + s) * (max_age + 1) + a]` is the expected number of
    /// foreign-born of group g (0-based), sex s and age a in the base population.
    ArrivalHistory(const Scenario& scenario, int max_age, const std::vector<double>& expected_stock);

    /// P(d | group, sex, age) for d = 0..age; group is 0-based among the foreign groups.
    std::vector<double> distribution(int group, int sex, int age) const;
    /// Completed years since arrival d for a uniform 32-bit draw u (the inverse of the cumulative
    /// distribution on 2^32).
    int draw_years(int group, int sex, int age, std::uint32_t u) const;

    /// The expected number of the group's arrivals of one year at (sex, age at arrival) who are
    /// still in the country d + 1/2 years later (the recent arrivals above).
    static double surviving_arrivals(const Scenario& scenario, int group, int sex, int age_at_arrival, int d);

private:
    std::size_t offset(int group, int sex, int age) const;

    int max_age_;
    std::vector<std::uint64_t> cumulative_; ///< by (group, sex, age): age + 1 thresholds in units of 2^-32
    std::vector<std::size_t> offsets_;
};

} // namespace migsim
