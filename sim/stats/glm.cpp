#include "stats/glm.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "stats/information.hpp"
#include "stats/newton.hpp"

namespace migsim::stats {

namespace {

enum class Family { poisson, binomial };

/// log(1 + e^x) without overflow.
double softplus(double x) {
    return x > 0.0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

/// y log(y / mu), 0 when y = 0 (its limit).
double y_log_y_over(double y, double log_y, double log_mu) {
    return y > 0.0 ? y * (log_y - log_mu) : 0.0;
}

/// The rows with data, checked.
struct Problem {
    Family family;
    Eigen::MatrixXd design;
    Eigen::VectorXd y;
    Eigen::VectorXd trials; ///< binomial n_i; Poisson: unused
    Eigen::VectorXd offset;
    Eigen::VectorXd weight;
    std::vector<int> original_row; ///< of each kept row
};

/// The fit at one coefficient vector (or, before the first step, at the starting means).
struct State {
    Eigen::VectorXd eta;
    Eigen::VectorXd mean;     ///< expected count: mu_i (Poisson), n_i pi_i (binomial)
    Eigen::VectorXd variance; ///< Var(y_i) per unit weight: the IRLS weight of a canonical link
    double deviance = 0.0;
    double log_likelihood = 0.0;
};

State evaluate(const Problem& problem, const Eigen::VectorXd& eta) {
    State state;
    state.eta = eta;
    const Eigen::Index rows = eta.size();
    state.mean.resize(rows);
    state.variance.resize(rows);
    for (Eigen::Index i = 0; i < rows; ++i) {
        const double y = problem.y(i);
        const double w = problem.weight(i);
        const double log_y = y > 0.0 ? std::log(y) : 0.0;
        if (problem.family == Family::poisson) {
            const double mu = std::exp(eta(i));
            state.mean(i) = mu;
            state.variance(i) = mu;
            state.deviance += 2.0 * w * (y_log_y_over(y, log_y, eta(i)) - (y - mu));
            state.log_likelihood += w * (y * eta(i) - mu - std::lgamma(y + 1.0));
        } else {
            const double n = problem.trials(i);
            const double log_pi = -softplus(-eta(i));
            const double log_one_minus_pi = -softplus(eta(i));
            const double pi = std::exp(log_pi);
            state.mean(i) = n * pi;
            state.variance(i) = n * pi * std::exp(log_one_minus_pi);
            const double failures = n - y;
            const double log_failures = failures > 0.0 ? std::log(failures) : 0.0;
            const double log_n = std::log(n);
            state.deviance += 2.0 * w *
                              (y_log_y_over(y, log_y, log_n + log_pi) +
                               y_log_y_over(failures, log_failures, log_n + log_one_minus_pi));
            const double log_choose =
                std::lgamma(n + 1.0) - std::lgamma(y + 1.0) - std::lgamma(failures + 1.0);
            state.log_likelihood += w * (log_choose + y * log_pi + failures * log_one_minus_pi);
        }
    }
    return state;
}

bool at_boundary(const Problem& problem, Eigen::Index i) {
    if (problem.y(i) == 0.0)
        return true;
    return problem.family == Family::binomial && problem.y(i) == problem.trials(i);
}

/// The direction that raises row i's likelihood when its count is at a boundary: -1 (towards a
/// fitted 0), +1 (binomial y = n: towards a fitted 1).
double boundary_direction(const Problem& problem, Eigen::Index i) {
    return problem.y(i) == 0.0 ? -1.0 : 1.0;
}

Eigen::MatrixXd information(const Problem& problem, const State& state) {
    const Eigen::VectorXd weights = problem.weight.cwiseProduct(state.variance);
    return problem.design.transpose() * weights.asDiagonal() * problem.design;
}

Eigen::VectorXd score(const Problem& problem, const State& state) {
    return problem.design.transpose() * problem.weight.cwiseProduct(problem.y - state.mean);
}

/// Checks the input; fills `problem` with the rows that carry information.
bool prepare(Family family, const GlmData& data, Problem& problem, GlmFit& fit) {
    const Eigen::Index rows = data.design.rows();
    const Eigen::Index k = data.design.cols();
    auto fail = [&](std::string message) {
        fit.status = FitStatus::invalid_input;
        fit.error = std::move(message);
        return false;
    };
    auto sized = [&](const Eigen::VectorXd& v) { return v.size() == 0 || v.size() == rows; };
    if (rows == 0 || k == 0)
        return fail("the design has no rows or no columns");
    if (data.response.size() != rows)
        return fail("the response has " + std::to_string(data.response.size()) + " rows, the design " +
                    std::to_string(rows));
    if (!sized(data.offset) || !sized(data.prior_weights) || !sized(data.trials))
        return fail("offset, prior weights and trials must be empty or have one value per row (" +
                    std::to_string(rows) + ")");
    if (family == Family::poisson && data.trials.size() != 0)
        return fail("trials are given for a Poisson model");
    if (!data.design.allFinite() || !data.response.allFinite() || !data.offset.allFinite() ||
        !data.prior_weights.allFinite() || !data.trials.allFinite())
        return fail("a value of the design, response, offset, weights or trials is not finite");
    problem.family = family;
    std::vector<Eigen::Index> kept;
    for (Eigen::Index i = 0; i < rows; ++i) {
        const double y = data.response(i);
        const double w = data.prior_weights.size() != 0 ? data.prior_weights(i) : 1.0;
        const double n = data.trials.size() != 0 ? data.trials(i) : 1.0;
        if (y < 0.0 || w < 0.0 || n < 0.0)
            return fail("row " + std::to_string(i) + ": negative count, weight or trials");
        if (family == Family::binomial && y > n)
            return fail("row " + std::to_string(i) + ": " + std::to_string(y) + " successes out of " +
                        std::to_string(n) + " trials");
        if (w == 0.0 || (family == Family::binomial && n == 0.0))
            fit.diagnostics.empty_rows.push_back(static_cast<int>(i));
        else
            kept.push_back(i);
    }
    const auto m = static_cast<Eigen::Index>(kept.size());
    problem.design.resize(m, k);
    problem.y.resize(m);
    problem.trials = Eigen::VectorXd::Ones(m);
    problem.offset = Eigen::VectorXd::Zero(m);
    problem.weight = Eigen::VectorXd::Ones(m);
    for (Eigen::Index r = 0; r < m; ++r) {
        const Eigen::Index i = kept[static_cast<std::size_t>(r)];
        problem.design.row(r) = data.design.row(i);
        problem.y(r) = data.response(i);
        if (data.trials.size() != 0)
            problem.trials(r) = data.trials(i);
        if (data.offset.size() != 0)
            problem.offset(r) = data.offset(i);
        if (data.prior_weights.size() != 0)
            problem.weight(r) = data.prior_weights(i);
        problem.original_row.push_back(static_cast<int>(i));
        if (at_boundary(problem, r))
            fit.diagnostics.boundary_rows.push_back(static_cast<int>(i));
    }
    if (!fit.diagnostics.empty_rows.empty())
        fit.diagnostics.notes.push_back(std::to_string(fit.diagnostics.empty_rows.size()) +
                                        " rows without data (weight or trials 0) left out: " +
                                        detail::index_list(fit.diagnostics.empty_rows));
    if (!fit.diagnostics.boundary_rows.empty())
        fit.diagnostics.notes.push_back(std::to_string(fit.diagnostics.boundary_rows.size()) +
                                        " rows with a count at the boundary (y = 0" +
                                        (family == Family::binomial ? " or y = trials" : "") +
                                        "): " + detail::index_list(fit.diagnostics.boundary_rows));
    const std::vector<int> dependent = detail::dependent_columns(problem.design);
    if (!dependent.empty()) {
        fit.status = FitStatus::rank_deficient;
        fit.error = "design columns " + detail::index_list(dependent) +
                    " are linear combinations of the others over the " + std::to_string(m) +
                    " rows with data";
        return false;
    }
    return true;
}

/// The starting means (R's glm: y + 0.1 for Poisson, (n y + 0.5)/(n + 1) as a probability for the
/// binomial) and the first IRLS step from them, by weighted least squares.
bool first_step(const Problem& problem, Eigen::VectorXd& beta) {
    const Eigen::Index m = problem.y.size();
    Eigen::VectorXd eta(m), mean(m), variance(m);
    for (Eigen::Index i = 0; i < m; ++i) {
        if (problem.family == Family::poisson) {
            mean(i) = problem.y(i) + 0.1;
            variance(i) = mean(i);
            eta(i) = std::log(mean(i));
        } else {
            const double n = problem.trials(i);
            const double pi = (problem.y(i) + 0.5) / (n + 1.0);
            mean(i) = n * pi;
            variance(i) = n * pi * (1.0 - pi);
            eta(i) = std::log(pi / (1.0 - pi));
        }
    }
    const Eigen::VectorXd working = eta - problem.offset + (problem.y - mean).cwiseQuotient(variance);
    const Eigen::VectorXd weights = problem.weight.cwiseProduct(variance);
    const Eigen::MatrixXd xtwx = problem.design.transpose() * weights.asDiagonal() * problem.design;
    const Eigen::LDLT<Eigen::MatrixXd> solver(xtwx);
    beta = solver.solve(problem.design.transpose() * weights.cwiseProduct(working));
    return solver.info() == Eigen::Success && beta.allFinite();
}

struct GlmModel {
    const Problem& problem;
    State evaluate(const Eigen::VectorXd& beta) const {
        return stats::evaluate(problem, problem.design * beta + problem.offset);
    }
    Eigen::VectorXd score(const State& state) const { return stats::score(problem, state); }
    Eigen::MatrixXd information(const State& state) const { return stats::information(problem, state); }
};

GlmFit fit_glm(Family family, const GlmData& data, const FitOptions& options) {
    GlmFit fit;
    Problem problem;
    if (!prepare(family, data, problem, fit))
        return fit;
    const Eigen::Index k = problem.design.cols();
    const Eigen::Index m = problem.y.size();
    FitDiagnostics& diagnostics = fit.diagnostics;

    Eigen::VectorXd start;
    if (!first_step(problem, start)) {
        fit.status = FitStatus::not_converged;
        fit.error = "the first least-squares step failed";
        return fit;
    }
    auto run = detail::maximise_likelihood(GlmModel{problem}, std::move(start), options, diagnostics);
    fit.iterations = run.iterations;

    // The step looked at: at a finite estimate it is tiny, under separation it still moves the
    // linear predictors of the separated rows by about 1 towards their boundary (docs/methods.md).
    const Eigen::VectorXd eta_step = problem.design * run.probe_step;
    bool towards_boundaries = true;
    for (Eigen::Index i = 0; i < m; ++i) {
        if (std::abs(eta_step(i)) <= options.diverging_step)
            continue;
        diagnostics.diverging_rows.push_back(problem.original_row[static_cast<std::size_t>(i)]);
        if (!at_boundary(problem, i) || eta_step(i) * boundary_direction(problem, i) <= 0.0)
            towards_boundaries = false;
    }
    if (!diagnostics.diverging_rows.empty())
        diagnostics.diverging_coefficients = detail::moving_coefficients(run.probe_step);
    diagnostics.complete_separation = !diagnostics.diverging_rows.empty() &&
                                      static_cast<Eigen::Index>(diagnostics.diverging_rows.size()) == m;

    Eigen::VectorXd& beta = run.coefficients;
    State& state = run.state;
    if (!diagnostics.diverging_rows.empty() && towards_boundaries) {
        fit.status = FitStatus::separated;
        diagnostics.notes.push_back(
            std::string(diagnostics.complete_separation ? "complete" : "quasi-complete") +
            " separation: no finite maximum-likelihood estimate; the fitted values of rows " +
            detail::index_list(diagnostics.diverging_rows) + " run to the boundary along coefficients " +
            detail::index_list(diagnostics.diverging_coefficients));
    } else if (!diagnostics.diverging_rows.empty() || !run.settled || run.step_failed) {
        fit.status = FitStatus::not_converged;
        diagnostics.notes.push_back("not converged after " + std::to_string(fit.iterations) + " iterations" +
                                    (run.step_failed ? " (the information matrix could not be solved)" : ""));
    } else {
        // The looked-at step is tiny: taking it costs nothing and gains digits.
        State polished = evaluate(problem, problem.design * (beta + run.probe_step) + problem.offset);
        if (std::isfinite(polished.deviance) && polished.deviance <= state.deviance + 1e-12) {
            beta += run.probe_step;
            state = std::move(polished);
        }
        fit.status = FitStatus::converged;
    }

    const Eigen::MatrixXd info = information(problem, state);
    const detail::InverseInformation inverse = detail::invert_information(info);
    diagnostics.information_reciprocal_condition = inverse.reciprocal_condition;
    if (inverse.singular)
        diagnostics.notes.push_back("the Fisher information is singular: standard errors are infinite");
    const Eigen::VectorXd row_scores = problem.weight.cwiseProduct(problem.y - state.mean);
    const Eigen::MatrixXd meat =
        problem.design.transpose() * row_scores.cwiseAbs2().asDiagonal() * problem.design;

    fit.coefficients = beta;
    fit.covariance = inverse.covariance;
    fit.robust_covariance = detail::sandwich(inverse.covariance, meat);
    fit.standard_errors = detail::standard_errors_of(fit.covariance);
    fit.robust_standard_errors = detail::standard_errors_of(fit.robust_covariance);
    // Every input row gets its linear predictor and fitted value, rows without data included.
    fit.linear_predictor = data.design * beta;
    if (data.offset.size() != 0)
        fit.linear_predictor += data.offset;
    fit.fitted = fit.linear_predictor.unaryExpr([family](double eta) {
        return family == Family::poisson ? std::exp(eta) : std::exp(-softplus(-eta));
    });
    fit.deviance = state.deviance;
    fit.log_likelihood = state.log_likelihood;
    fit.parameters = static_cast<int>(k);
    fit.residual_df = static_cast<int>(m - k);
    const double observations =
        family == Family::poisson ? static_cast<double>(m) : problem.trials.dot(problem.weight);
    fit.aic = -2.0 * fit.log_likelihood + 2.0 * static_cast<double>(k);
    fit.bic = -2.0 * fit.log_likelihood + std::log(observations) * static_cast<double>(k);
    return fit;
}

} // namespace

GlmFit fit_poisson_loglinear(const GlmData& data, const FitOptions& options) {
    return fit_glm(Family::poisson, data, options);
}

GlmFit fit_binomial_logit(const GlmData& data, const FitOptions& options) {
    return fit_glm(Family::binomial, data, options);
}

} // namespace migsim::stats
