#include "stats/multinomial_logit.hpp"

#include <cmath>
#include <string>

#include "stats/information.hpp"
#include "stats/newton.hpp"

namespace migsim::stats {

namespace {

/// log pi_ij of every pattern (rows of `design`) and category, by a log-sum-exp that cannot overflow.
Eigen::MatrixXd log_probabilities(const Eigen::MatrixXd& design, const Eigen::MatrixXd& coefficients) {
    Eigen::MatrixXd log_pi(design.rows(), coefficients.cols() + 1);
    log_pi.col(0).setZero();
    log_pi.rightCols(coefficients.cols()) = design * coefficients;
    for (Eigen::Index i = 0; i < log_pi.rows(); ++i) {
        auto row = log_pi.row(i);
        const double largest = row.maxCoeff();
        row.array() -= largest + std::log((row.array() - largest).exp().sum());
    }
    return log_pi;
}

/// The patterns with data, checked.
struct Patterns {
    Eigen::MatrixXd design;
    Eigen::MatrixXd counts;
    Eigen::VectorXd totals; ///< n_i
    std::vector<int> original_row;
};

struct State {
    Eigen::MatrixXd log_probabilities; ///< patterns x J
    Eigen::MatrixXd probabilities;
    double deviance = 0.0;
    double log_likelihood = 0.0;
};

struct MultinomialModel {
    const Patterns& patterns;
    Eigen::Index covariates() const { return patterns.design.cols(); }
    Eigen::Index categories() const { return patterns.counts.cols(); }

    /// The coefficient vector as the covariates x (J - 1) matrix (parameter (j - 1) p + k).
    Eigen::MatrixXd as_matrix(const Eigen::VectorXd& theta) const {
        return Eigen::Map<const Eigen::MatrixXd>(theta.data(), covariates(), categories() - 1);
    }

    State evaluate(const Eigen::VectorXd& theta) const {
        const Eigen::Index m = patterns.design.rows();
        const Eigen::Index J = categories();
        State state;
        state.log_probabilities = log_probabilities(patterns.design, as_matrix(theta));
        for (Eigen::Index i = 0; i < m; ++i) {
            const auto row = state.log_probabilities.row(i);
            const double n = patterns.totals(i);
            state.log_likelihood += std::lgamma(n + 1.0);
            for (Eigen::Index j = 0; j < J; ++j) {
                const double y = patterns.counts(i, j);
                if (y <= 0.0)
                    continue;
                state.log_likelihood += y * row(j) - std::lgamma(y + 1.0);
                state.deviance += 2.0 * y * (std::log(y / n) - row(j));
            }
        }
        state.probabilities = state.log_probabilities.array().exp();
        return state;
    }

    /// sum_i (y_ij - n_i pi_ij) x_i for j = 1..J-1, stacked.
    Eigen::VectorXd score(const State& state) const {
        const Eigen::MatrixXd residual =
            patterns.counts.rightCols(categories() - 1) -
            patterns.totals.asDiagonal() * state.probabilities.rightCols(categories() - 1);
        const Eigen::MatrixXd by_category = patterns.design.transpose() * residual;
        return Eigen::Map<const Eigen::VectorXd>(by_category.data(), by_category.size());
    }

    /// Block (j, l) = sum_i n_i (delta_jl pi_ij - pi_ij pi_il) x_i x_i'.
    Eigen::MatrixXd information(const State& state) const {
        const Eigen::Index p = covariates();
        const Eigen::Index K = categories() - 1;
        Eigen::MatrixXd info(K * p, K * p);
        for (Eigen::Index j = 1; j <= K; ++j)
            for (Eigen::Index l = j; l <= K; ++l) {
                Eigen::VectorXd weight = -patterns.totals.cwiseProduct(
                    state.probabilities.col(j).cwiseProduct(state.probabilities.col(l)));
                if (j == l)
                    weight += patterns.totals.cwiseProduct(state.probabilities.col(j));
                const Eigen::MatrixXd block =
                    patterns.design.transpose() * weight.asDiagonal() * patterns.design;
                info.block((j - 1) * p, (l - 1) * p, p, p) = block;
                info.block((l - 1) * p, (j - 1) * p, p, p) = block.transpose();
            }
        return info;
    }

    /// The outer products of each pattern's score (the sandwich's meat).
    Eigen::MatrixXd score_outer_products(const State& state) const {
        const Eigen::Index p = covariates();
        const Eigen::Index K = categories() - 1;
        Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(K * p, K * p);
        Eigen::VectorXd s(K * p);
        for (Eigen::Index i = 0; i < patterns.design.rows(); ++i) {
            for (Eigen::Index j = 1; j <= K; ++j)
                s.segment((j - 1) * p, p) =
                    (patterns.counts(i, j) - patterns.totals(i) * state.probabilities(i, j)) *
                    patterns.design.row(i).transpose();
            meat.selfadjointView<Eigen::Lower>().rankUpdate(s);
        }
        return meat.selfadjointView<Eigen::Lower>();
    }
};

bool prepare(const MultinomialData& data, Patterns& patterns, MultinomialLogitFit& fit) {
    auto fail = [&](std::string message) {
        fit.status = FitStatus::invalid_input;
        fit.error = std::move(message);
        return false;
    };
    const Eigen::Index rows = data.design.rows();
    if (rows == 0 || data.design.cols() == 0)
        return fail("the design has no rows or no columns");
    if (data.counts.rows() != rows)
        return fail("the counts have " + std::to_string(data.counts.rows()) + " rows, the design " +
                    std::to_string(rows));
    if (data.counts.cols() < 2)
        return fail("fewer than two categories");
    if (!data.design.allFinite() || !data.counts.allFinite())
        return fail("a value of the design or the counts is not finite");
    if ((data.counts.array() < 0.0).any())
        return fail("a negative count");
    FitDiagnostics& diagnostics = fit.diagnostics;
    std::vector<Eigen::Index> kept;
    for (Eigen::Index i = 0; i < rows; ++i) {
        if (data.counts.row(i).sum() == 0.0) {
            diagnostics.empty_rows.push_back(static_cast<int>(i));
            continue;
        }
        kept.push_back(i);
        if ((data.counts.row(i).array() == 0.0).any())
            diagnostics.boundary_rows.push_back(static_cast<int>(i));
    }
    for (Eigen::Index j = 0; j < data.counts.cols(); ++j)
        if (data.counts.col(j).sum() == 0.0)
            diagnostics.empty_categories.push_back(static_cast<int>(j));
    const auto m = static_cast<Eigen::Index>(kept.size());
    patterns.design.resize(m, data.design.cols());
    patterns.counts.resize(m, data.counts.cols());
    for (Eigen::Index r = 0; r < m; ++r) {
        const Eigen::Index i = kept[static_cast<std::size_t>(r)];
        patterns.design.row(r) = data.design.row(i);
        patterns.counts.row(r) = data.counts.row(i);
        patterns.original_row.push_back(static_cast<int>(i));
    }
    patterns.totals = patterns.counts.rowwise().sum();
    if (!diagnostics.empty_rows.empty())
        diagnostics.notes.push_back(std::to_string(diagnostics.empty_rows.size()) +
                                    " covariate patterns without observations left out: " +
                                    detail::index_list(diagnostics.empty_rows));
    if (!diagnostics.empty_categories.empty())
        diagnostics.notes.push_back(
            "categories without any observation: " + detail::index_list(diagnostics.empty_categories) +
            " (their log-odds have no finite estimate)");
    if (!diagnostics.boundary_rows.empty())
        diagnostics.notes.push_back(std::to_string(diagnostics.boundary_rows.size()) +
                                    " covariate patterns with a zero count in some category: " +
                                    detail::index_list(diagnostics.boundary_rows));
    const std::vector<int> dependent = detail::dependent_columns(patterns.design);
    if (!dependent.empty()) {
        fit.status = FitStatus::rank_deficient;
        fit.error = "design columns " + detail::index_list(dependent) +
                    " are linear combinations of the others over the " + std::to_string(m) +
                    " covariate patterns with data";
        return false;
    }
    return true;
}

} // namespace

MultinomialLogitFit fit_multinomial_logit(const MultinomialData& data, const FitOptions& options) {
    MultinomialLogitFit fit;
    Patterns patterns;
    if (!prepare(data, patterns, fit))
        return fit;
    const MultinomialModel model{patterns};
    const Eigen::Index p = model.covariates();
    const Eigen::Index J = model.categories();
    const Eigen::Index m = patterns.design.rows();
    FitDiagnostics& diagnostics = fit.diagnostics;

    // Start at equal probabilities: the log-likelihood is concave, Newton with halving converges
    // from anywhere when a finite estimate exists.
    auto run = detail::maximise_likelihood(model, Eigen::VectorXd::Zero((J - 1) * p), options, diagnostics);
    fit.iterations = run.iterations;

    // The step looked at, as log-odds of each category against the pattern's most frequent one:
    // separation moves some by about 1 per step, towards 0 for categories not observed there.
    const Eigen::MatrixXd eta_step = patterns.design * model.as_matrix(run.probe_step);
    bool towards_boundaries = true;
    for (Eigen::Index i = 0; i < m; ++i) {
        Eigen::Index reference = 0;
        patterns.counts.row(i).maxCoeff(&reference);
        auto eta_change = [&](Eigen::Index j) { return j == 0 ? 0.0 : eta_step(i, j - 1); };
        bool diverging = false;
        for (Eigen::Index j = 0; j < J; ++j) {
            const double change = eta_change(j) - eta_change(reference);
            if (std::abs(change) <= options.diverging_step)
                continue;
            diverging = true;
            if (patterns.counts(i, j) != 0.0 || change > 0.0)
                towards_boundaries = false;
        }
        if (diverging)
            diagnostics.diverging_rows.push_back(patterns.original_row[static_cast<std::size_t>(i)]);
    }
    if (!diagnostics.diverging_rows.empty())
        diagnostics.diverging_coefficients = detail::moving_coefficients(run.probe_step);
    diagnostics.complete_separation = !diagnostics.diverging_rows.empty() &&
                                      static_cast<Eigen::Index>(diagnostics.diverging_rows.size()) == m;

    if (!diagnostics.diverging_rows.empty() && towards_boundaries) {
        fit.status = FitStatus::separated;
        diagnostics.notes.push_back(
            std::string(diagnostics.complete_separation ? "complete" : "quasi-complete") +
            " separation: no finite maximum-likelihood estimate; in covariate patterns " +
            detail::index_list(diagnostics.diverging_rows) +
            " the probabilities of unobserved categories run to 0 along parameters " +
            detail::index_list(diagnostics.diverging_coefficients));
    } else if (!diagnostics.diverging_rows.empty() || !run.settled || run.step_failed) {
        fit.status = FitStatus::not_converged;
        diagnostics.notes.push_back("not converged after " + std::to_string(fit.iterations) + " iterations" +
                                    (run.step_failed ? " (the information matrix could not be solved)" : ""));
    } else {
        State polished = model.evaluate(run.coefficients + run.probe_step);
        if (std::isfinite(polished.deviance) && polished.deviance <= run.state.deviance + 1e-12) {
            run.coefficients += run.probe_step;
            run.state = std::move(polished);
        }
        fit.status = FitStatus::converged;
    }

    const detail::InverseInformation inverse = detail::invert_information(model.information(run.state));
    diagnostics.information_reciprocal_condition = inverse.reciprocal_condition;
    if (inverse.singular)
        diagnostics.notes.push_back("the Fisher information is singular: standard errors are infinite");
    fit.coefficients = model.as_matrix(run.coefficients);
    fit.covariance = inverse.covariance;
    fit.robust_covariance = detail::sandwich(inverse.covariance, model.score_outer_products(run.state));
    const Eigen::VectorXd se = detail::standard_errors_of(fit.covariance);
    const Eigen::VectorXd robust_se = detail::standard_errors_of(fit.robust_covariance);
    fit.standard_errors = model.as_matrix(se);
    fit.robust_standard_errors = model.as_matrix(robust_se);

    // Fitted probabilities of every input pattern, empty ones included.
    fit.fitted_probabilities = log_probabilities(data.design, fit.coefficients).array().exp();

    fit.deviance = run.state.deviance;
    fit.log_likelihood = run.state.log_likelihood;
    fit.parameters = static_cast<int>((J - 1) * p);
    fit.residual_df = static_cast<int>(m * (J - 1)) - fit.parameters;
    fit.aic = -2.0 * fit.log_likelihood + 2.0 * fit.parameters;
    fit.bic = -2.0 * fit.log_likelihood + std::log(patterns.totals.sum()) * fit.parameters;
    return fit;
}

} // namespace migsim::stats
