#pragma once
// The settings of mortality (processes/mortality.*, and deaths abroad in processes/returns.*):
// the section [mortality] of the scenario.
// Why settings live apart from their module: docs/architecture.md ("Parameters").
#include <array>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

// Hazard tables hold the rates as given; each process multiplies them by its multiplier when it
// builds its monthly probabilities. The base population's arrival history uses the tables as given
// (calibration/arrival_history.hpp): a multiplier changes the simulated period, not the past.

// Mortality improvement (optional): the central projection of a Lee-Carter model (Lee & Carter
// 1992, JASA 87(419)) anchored on the observed rates of the base year (the "jump-off" rates, Lee &
// Miller 2001, Demography 38(4)): in calendar year y the hazard at age x is
//   m(x, y) = m_base(x) exp(b_x d (y - base_year)),
// b_x from mortality.improvement, d the drift of k per year from mortality.improvement_k times
// mortality.improvement_multiplier, the base year that of mortality.rates. The rates change on
// 1 January of each year and hold all year.

struct MortalitySettings {
    SexAgeTable hazard{};    ///< deaths per person-year, as given by the table
    double multiplier = 1.0; ///< mortality.multiplier, applied by the processes
    int base_year = 0;       ///< the year of mortality.rates
    /// Lee-Carter b_x by sex and age (mortality.improvement); empty rows without improvement.
    SexAgeTable improvement_b{};
    std::array<double, n_sexes> drift{}; ///< Lee-Carter drift of k per year by sex (mortality.improvement_k)
    bool has_improvement_b = false;      ///< mortality.improvement was given
    bool has_drift = false;              ///< mortality.improvement_k was given
    double improvement_multiplier = 1.0; ///< mortality.improvement_multiplier: factor on the drift

    /// Whether the rates change from year to year (both improvement tables given).
    bool improving() const { return has_improvement_b && has_drift; }

    bool operator==(const MortalitySettings&) const = default;
};

/// The hazards (deaths per person-year, before mortality.multiplier) of calendar year `year`:
/// the table's, or with the improvement m_base(x) exp(b_x d (year - base_year)).
SexAgeTable hazard_in_year(const MortalitySettings& settings, int year);

/// The parameters of [mortality] (in the list of modules/modules.cpp).
const ParameterSection& mortality_parameters();

} // namespace migsim
