#include "stats/markov_chain.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <functional>
#include <vector>

#include <unsupported/Eigen/MatrixFunctions>

namespace migsim::stats {

const char* to_string(RootStatus status) {
    switch (status) {
    case RootStatus::exact:
        return "exact";
    case RootStatus::regularised:
        return "regularised";
    case RootStatus::no_principal_root:
        return "no principal root";
    case RootStatus::invalid_input:
        return "invalid input";
    }
    return "unknown";
}

namespace {

/// Why `transition` is not a transition matrix, or "" when it is one.
std::string transition_matrix_problem(const Eigen::MatrixXd& transition, double row_sum_tolerance) {
    if (transition.rows() == 0 || transition.rows() != transition.cols())
        return "the matrix is " + std::to_string(transition.rows()) + " x " +
               std::to_string(transition.cols()) + ", not square";
    if (!transition.allFinite())
        return "an entry is not finite";
    for (Eigen::Index i = 0; i < transition.rows(); ++i) {
        if ((transition.row(i).array() < 0.0).any())
            return "row " + std::to_string(i) + " has a negative entry";
        const double sum = transition.row(i).sum();
        if (std::abs(sum - 1.0) > row_sum_tolerance)
            return "row " + std::to_string(i) + " sums to " + std::to_string(sum) + ", not 1";
    }
    return "";
}

/// Entries more negative than this are a property of the root, not rounding.
constexpr double negative_entry_threshold = 1e-12;

} // namespace

Eigen::VectorXd project_onto_simplex(const Eigen::VectorXd& row) {
    std::vector<double> sorted(row.data(), row.data() + row.size());
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    double partial_sum = 0.0;
    double threshold = 0.0;
    for (std::size_t j = 0; j < sorted.size(); ++j) {
        partial_sum += sorted[j];
        const double candidate = (partial_sum - 1.0) / static_cast<double>(j + 1);
        if (sorted[j] - candidate > 0.0)
            threshold = candidate;
    }
    return (row.array() - threshold).max(0.0);
}

TransitionRoot transition_matrix_root(const Eigen::MatrixXd& longer, int periods, double row_sum_tolerance) {
    TransitionRoot result;
    result.error = transition_matrix_problem(longer, row_sum_tolerance);
    if (result.error.empty() && periods < 1)
        result.error = "the number of periods is " + std::to_string(periods) + ", not at least 1";
    if (!result.error.empty())
        return result;

    // The principal root is defined when no eigenvalue lies on the closed negative real axis
    // (Higham 2008, Functions of Matrices, thm. 7.2).
    const Eigen::EigenSolver<Eigen::MatrixXd> eigen(longer, false);
    for (Eigen::Index i = 0; i < eigen.eigenvalues().size(); ++i) {
        const std::complex<double> value = eigen.eigenvalues()(i);
        if (std::abs(value.imag()) <= 1e-12 && value.real() <= 1e-12) {
            result.status = RootStatus::no_principal_root;
            result.error = "eigenvalue " + std::to_string(value.real()) +
                           " lies on the closed negative real axis: no real principal root";
            return result;
        }
    }
    // Schur-Pade algorithm for real matrix powers (Higham & Lin 2011, SIAM J. Matrix Anal. Appl.
    // 32(3)), as Eigen's MatrixPower implements it.
    result.principal_root = longer.pow(1.0 / static_cast<double>(periods));
    result.most_negative_entry = std::min(0.0, result.principal_root.minCoeff());
    result.transition = result.principal_root;
    if (result.most_negative_entry < -negative_entry_threshold) {
        for (Eigen::Index i = 0; i < result.transition.rows(); ++i)
            if ((result.principal_root.row(i).array() < 0.0).any())
                result.transition.row(i) =
                    project_onto_simplex(result.principal_root.row(i).transpose()).transpose();
        result.status = RootStatus::regularised;
    } else {
        // Rounding-level negatives (and row sums off by rounding) are cleaned, not reported.
        result.transition = result.transition.cwiseMax(0.0);
        const Eigen::VectorXd sums = result.transition.rowwise().sum();
        result.transition = sums.cwiseInverse().asDiagonal() * result.transition;
        result.status = RootStatus::exact;
    }
    result.regularisation_change = (result.transition - result.principal_root).cwiseAbs().maxCoeff();
    Eigen::MatrixXd power = Eigen::MatrixXd::Identity(longer.rows(), longer.cols());
    for (int p = 0; p < periods; ++p)
        power = power * result.transition;
    result.reproduction_error = (power - longer).cwiseAbs().maxCoeff();
    return result;
}

StationaryDistribution stationary_distribution(const Eigen::MatrixXd& transition, double row_sum_tolerance) {
    StationaryDistribution result;
    result.error = transition_matrix_problem(transition, row_sum_tolerance);
    if (!result.error.empty())
        return result;
    const Eigen::Index n = transition.rows();
    // pi (P - I) = 0, transposed: (P' - I) pi' = 0, of rank n - 1 exactly when one closed class
    // exists; its n equations sum to 0, so any one of them can give way to sum pi = 1.
    Eigen::MatrixXd equations = transition.transpose() - Eigen::MatrixXd::Identity(n, n);
    Eigen::FullPivLU<Eigen::MatrixXd> rank_check(equations);
    rank_check.setThreshold(1e-10);
    if (rank_check.rank() < n - 1) {
        result.status = StationaryStatus::not_unique;
        result.error = "the chain has " + std::to_string(n - rank_check.rank()) +
                       " closed classes: the stationary distribution is not unique";
        return result;
    }
    equations.row(n - 1).setOnes();
    Eigen::VectorXd right = Eigen::VectorXd::Zero(n);
    right(n - 1) = 1.0;
    result.probabilities = equations.fullPivLu().solve(right);
    result.residual = (result.probabilities.transpose() * transition - result.probabilities.transpose())
                          .cwiseAbs()
                          .maxCoeff();
    result.status = StationaryStatus::unique;
    return result;
}

} // namespace migsim::stats
