#pragma once
// Newton's method on a concave log-likelihood, shared by the GLMs and the multinomial logit: full
// steps, halved while the deviance would rise (McCullagh & Nelder 1989, sec. 2.5), stopped when the
// deviance no longer changes or after max_iterations; then one more step is computed and returned
// without being taken, for the caller to look at (separation shows in it).
#include <cmath>
#include <utility>

#include <Eigen/Dense>

#include "stats/fit_result.hpp"

namespace migsim::stats::detail {

template <class State>
struct NewtonRun {
    Eigen::VectorXd coefficients;
    State state;
    Eigen::VectorXd probe_step; ///< the next Newton step from the last iterate (0 if unsolvable)
    int iterations = 0;
    bool settled = false;     ///< the deviance stopped changing
    bool step_failed = false; ///< the information could not be solved, or the deviance was not finite
};

inline double largest_magnitude(const Eigen::VectorXd& v) {
    return v.size() == 0 ? 0.0 : v.cwiseAbs().maxCoeff();
}

/// `model` provides State evaluate(coefficients), and score(state), information(state); State has
/// a `deviance`. `start` counts as the first iteration.
template <class Model>
auto maximise_likelihood(const Model& model, Eigen::VectorXd start, const FitOptions& options,
                         FitDiagnostics& diagnostics) {
    using State = decltype(model.evaluate(start));
    NewtonRun<State> run;
    run.coefficients = std::move(start);
    run.state = model.evaluate(run.coefficients);
    run.iterations = 1;
    diagnostics.largest_coefficient_path.push_back(largest_magnitude(run.coefficients));
    auto newton_step = [&](Eigen::VectorXd& step) {
        const Eigen::LDLT<Eigen::MatrixXd> solver(model.information(run.state));
        step = solver.solve(model.score(run.state));
        return solver.info() == Eigen::Success && step.allFinite();
    };
    if (!std::isfinite(run.state.deviance)) {
        run.step_failed = true;
        run.probe_step = Eigen::VectorXd::Zero(run.coefficients.size());
        return run;
    }
    while (!run.settled && run.iterations < options.max_iterations) {
        Eigen::VectorXd step;
        if (!newton_step(step)) {
            run.step_failed = true;
            break;
        }
        double length = 1.0;
        State next = model.evaluate(run.coefficients + step);
        auto acceptable = [&](const State& s) {
            return std::isfinite(s.deviance) && s.deviance <= run.state.deviance * (1.0 + 1e-12) + 1e-12;
        };
        for (int halving = 0; halving < 30 && !acceptable(next); ++halving) {
            length *= 0.5;
            next = model.evaluate(run.coefficients + length * step);
        }
        if (!std::isfinite(next.deviance)) {
            run.step_failed = true;
            break;
        }
        ++run.iterations;
        run.settled = std::abs(next.deviance - run.state.deviance) / (std::abs(next.deviance) + 0.1) <
                      options.tolerance;
        run.coefficients += length * step;
        run.state = std::move(next);
        diagnostics.largest_coefficient_path.push_back(largest_magnitude(run.coefficients));
    }
    if (!newton_step(run.probe_step)) {
        run.step_failed = true;
        run.probe_step = Eigen::VectorXd::Zero(run.coefficients.size());
    }
    return run;
}

/// Coefficients that take part in the run-away direction: at least a tenth of its largest move.
inline std::vector<int> moving_coefficients(const Eigen::VectorXd& step) {
    std::vector<int> moving;
    const double largest = largest_magnitude(step);
    for (Eigen::Index j = 0; j < step.size(); ++j)
        if (largest > 0.0 && std::abs(step(j)) >= 0.1 * largest)
            moving.push_back(static_cast<int>(j));
    return moving;
}

} // namespace migsim::stats::detail
