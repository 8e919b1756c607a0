#pragma once
// When the foreign-born of the base population arrived. A base population whose arrival dates
// ignore the emigration hazards starts far from the state the model moves to, and emigration (which
// depends on years since arrival) then drifts for years only because of the start. migsim draws
// each foreign-born person's completed years since arrival d from the steady state of the
// scenario's own immigration and emigration: for origin group g, sex s and age a (completed years
// at the start),
//
//     P(d | g, s, a)  ∝  profile_g(s, a - d) · exp(-Σ_{k=0}^{d-1} h_{1+min(k,5)}(a - d + k)) · exp(-r d),
//
// d = 0..a: arrivals at age a - d in the group's immigration age profile, surviving d years of
// emigration by completed years since arrival (the same mortality applies at home and abroad, so
// it cancels given age), with past immigration smaller by the factor exp(-r) for each year back
// (r = population.past_immigration_growth; 0 = constant past inflows). The month within the year
// since arrival is uniform, never before birth. calibration/README.md gives the rule in full.
#include <cstdint>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

class ArrivalHistory {
public:
    /// The distributions for ages 0..max_age (ages above 100 use the tables' age 100).
    ArrivalHistory(const Scenario& scenario, int max_age);

    /// P(d | group, sex, age) for d = 0..age; group is 0-based among the foreign groups.
    std::vector<double> distribution(int group, int sex, int age) const;
    /// Completed years since arrival d for a uniform 32-bit draw u (the inverse of the cumulative
    /// distribution on 2^32).
    int draw_years(int group, int sex, int age, std::uint32_t u) const;

private:
    std::size_t offset(int group, int sex, int age) const;

    int max_age_;
    std::vector<std::uint64_t> cumulative_; ///< by (group, sex, age): age + 1 thresholds in units of 2^-32
    std::vector<std::size_t> offsets_;
};

} // namespace migsim
