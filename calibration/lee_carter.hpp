#pragma once
// Mortality with a time trend: the Lee-Carter model (Lee & Carter 1992, "Modeling and forecasting
// U.S. mortality", JASA 87(419), 659-671),
//   log m(x, t) = a_x + b_x k_t + e(x, t),   sum_x b_x = 1,   sum_t k_t = 0,
// fitted for one sex by the singular value decomposition of the centred log death rates, with k_t
// then re-estimated year by year so that the fitted deaths equal the observed deaths (Lee & Carter's
// second stage), and k_t projected as a random walk with drift. calibration/README.md reports the
// fit to the Danish rates 1974-2012; docs/methods.md gives the method.
#include <string>

#include <Eigen/Dense>

namespace migsim {

/// Deaths and person-years at risk of one sex by single year of age (rows: ages first_age,
/// first_age + 1, ...; the last row may be an open age group) and calendar year (columns: years
/// first_year, first_year + 1, ...).
struct DeathsAndExposure {
    int first_year = 0;
    int first_age = 0;
    Eigen::MatrixXd deaths;
    Eigen::MatrixXd person_years;

    int last_year() const { return first_year + static_cast<int>(deaths.cols()) - 1; }
    int last_age() const { return first_age + static_cast<int>(deaths.rows()) - 1; }
};

struct LeeCarterOptions {
    /// Deaths put in place of 0 in the first stage only, where the log of the rate is needed:
    /// half a death, a continuity correction. The second stage and everything after use the
    /// observed deaths, zeros included.
    double deaths_for_zero_cells = 0.5;
};

struct LeeCarterFit {
    std::string error; ///< why no fit was made; empty when fitted
    int first_year = 0;
    int first_age = 0;

    Eigen::VectorXd a;             ///< by age: the age pattern of log mortality (after the second stage)
    Eigen::VectorXd b;             ///< by age: how fast each age's log rate follows k; sums to 1
    Eigen::VectorXd k;             ///< by year: the mortality index after the second stage; sums to 0
    Eigen::VectorXd first_stage_k; ///< by year: k from the SVD alone (normalised the same way)
    /// Share of the variance of the centred log rates taken by the first singular vector pair.
    double explained_variance = 0.0;
    int zero_death_cells = 0; ///< cells whose deaths were 0 (see LeeCarterOptions)

    /// Random walk with drift k_t = k_{t-1} + drift + u_t fitted to the second-stage k:
    /// drift = (k_T - k_1) / (T - 1), innovation_sd^2 = sum (k_t - k_{t-1} - drift)^2 / (T - 2),
    /// drift_se = innovation_sd / sqrt(T - 1).
    double drift = 0.0;
    double drift_se = 0.0;
    double innovation_sd = 0.0;

    bool ok() const { return error.empty(); }
    int last_year() const { return first_year + static_cast<int>(k.size()) - 1; }

    /// k of `year`: the fitted k within the years fitted, the central projection
    /// k_T + (year - T) drift after them. Throws std::invalid_argument before first_year.
    double k_at(int year) const;
    /// Standard error of the projected k (0 within the years fitted): the random walk's
    /// innovations and the drift's estimation error, h = year - T,
    /// Var = h innovation_sd^2 + h^2 drift_se^2 (Lee & Carter 1992, appendix B).
    double k_standard_error(int year) const;
    /// Death rates per person-year by age in `year`: exp(a_x + b_x (k + z SE(k))), z =
    /// `k_standard_errors` (0: the central path).
    Eigen::VectorXd rates(int year, double k_standard_errors = 0.0) const;
};

LeeCarterFit fit_lee_carter(const DeathsAndExposure& data, const LeeCarterOptions& options = {});

} // namespace migsim
