#pragma once
// Generalised linear models with canonical links, fitted by iteratively reweighted least squares
// (Nelder & Wedderburn 1972; McCullagh & Nelder 1989, Generalized Linear Models, 2nd ed., ch. 2):
// the Poisson log-linear model for counts with an offset (log exposure), and the binomial logit
// model for grouped counts (successes out of trials). With a canonical link IRLS is Newton's method
// on the log-likelihood. Standard errors come from the Fisher information and from the sandwich
// (Huber 1967; White 1980). docs/methods.md, "Generalised linear models".
//
// Plain data in, plain data out: the fits depend on Eigen alone.
#include <Eigen/Dense>

#include "stats/fit_result.hpp"

namespace migsim::stats {

/// One row per observation or covariate pattern.
struct GlmData {
    Eigen::MatrixXd design;        ///< X: rows x coefficients (include a column of 1 for an intercept)
    Eigen::VectorXd response;      ///< y: counts (Poisson) or successes (binomial), >= 0
    Eigen::VectorXd trials;        ///< binomial: trials n_i >= y_i of each row; empty = 1 each
    Eigen::VectorXd offset;        ///< added to the linear predictor (log person-years); empty = 0
    Eigen::VectorXd prior_weights; ///< w_i >= 0 multiplying row i's log-likelihood; empty = 1
};

struct GlmFit {
    FitStatus status = FitStatus::invalid_input;
    std::string error; ///< what was wrong (invalid_input, rank_deficient), in words

    Eigen::VectorXd coefficients;
    Eigen::MatrixXd covariance;             ///< inverse Fisher information (X'WX)^-1
    Eigen::MatrixXd robust_covariance;      ///< sandwich (X'WX)^-1 (sum_i s_i s_i') (X'WX)^-1, s_i the
                                            ///< score of row i (HC0: each row an independent unit)
    Eigen::VectorXd standard_errors;        ///< sqrt(diag(covariance))
    Eigen::VectorXd robust_standard_errors; ///< sqrt(diag(robust_covariance))

    /// For every input row (rows without data included): eta = X beta + offset, and the fitted
    /// value: Poisson the expected count mu_i, binomial the probability pi_i (expected successes
    /// n_i pi_i).
    Eigen::VectorXd linear_predictor;
    Eigen::VectorXd fitted;

    double deviance = 0.0;       ///< 2 (saturated - fitted log-likelihood), prior weights included
    double log_likelihood = 0.0; ///< with its constants (log y!, log C(n, y)), as R's logLik
    double aic = 0.0;            ///< -2 log L + 2 k
    /// -2 log L + k log(n): n = rows with data (Poisson), individuals = sum of w_i n_i (binomial).
    double bic = 0.0;
    int parameters = 0;  ///< k
    int residual_df = 0; ///< rows with data - k
    int iterations = 0;
    FitDiagnostics diagnostics;

    bool converged() const { return status == FitStatus::converged; }
};

/// log mu_i = x_i' beta + offset_i, y_i ~ Poisson(mu_i), row i's log-likelihood weighted by w_i.
GlmFit fit_poisson_loglinear(const GlmData& data, const FitOptions& options = {});

/// logit pi_i = x_i' beta + offset_i, y_i ~ Binomial(n_i, pi_i), weighted by w_i.
GlmFit fit_binomial_logit(const GlmData& data, const FitOptions& options = {});

} // namespace migsim::stats
