#pragma once
// The baseline-category multinomial logit for grouped counts (Agresti 2013, Categorical Data
// Analysis, 3rd ed., sec. 8.1): each row a covariate pattern x_i with its counts over J categories,
//   log(pi_ij / pi_i0) = x_i' beta_j,   j = 1..J-1,   category 0 the baseline,
// fitted by Newton-Raphson on the whole (J-1)p parameter vector, with Fisher and sandwich standard
// errors and the separation and empty-category diagnostics of fit_result.hpp. docs/methods.md.
#include <Eigen/Dense>

#include "stats/fit_result.hpp"

namespace migsim::stats {

struct MultinomialData {
    Eigen::MatrixXd design; ///< covariate patterns x covariates (a column of 1 for the intercepts)
    Eigen::MatrixXd counts; ///< covariate patterns x categories (J >= 2); column 0 is the baseline
};

struct MultinomialLogitFit {
    FitStatus status = FitStatus::invalid_input;
    std::string error;

    /// covariates x (J - 1): column j - 1 is beta_j, the log-odds of category j against the baseline.
    Eigen::MatrixXd coefficients;
    Eigen::MatrixXd standard_errors;        ///< same shape, from the Fisher information
    Eigen::MatrixXd robust_standard_errors; ///< same shape, sandwich (each pattern an independent unit)
    /// (J - 1)p square, parameter (j - 1) p + k is coefficient k of category j (parameter_index).
    Eigen::MatrixXd covariance;
    Eigen::MatrixXd robust_covariance;
    Eigen::MatrixXd fitted_probabilities; ///< covariate patterns x J (empty patterns included)

    double deviance = 0.0;       ///< 2 sum y log(y / (n pi)), against the saturated model
    double log_likelihood = 0.0; ///< with the multinomial coefficients log(n! / prod y!)
    double aic = 0.0;
    double bic = 0.0; ///< n = individuals (sum of all counts), as the individual-level fit would give
    int parameters = 0;
    int residual_df = 0; ///< patterns with data x (J - 1) - parameters
    int iterations = 0;
    FitDiagnostics diagnostics; ///< rows are covariate patterns; coefficients parameter indices

    bool converged() const { return status == FitStatus::converged; }
    static Eigen::Index parameter_index(Eigen::Index category, Eigen::Index covariate,
                                        Eigen::Index covariates) {
        return (category - 1) * covariates + covariate;
    }
};

MultinomialLogitFit fit_multinomial_logit(const MultinomialData& data, const FitOptions& options = {});

} // namespace migsim::stats
