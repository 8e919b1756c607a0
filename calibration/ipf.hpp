#pragma once
// Two-dimensional iterative proportional fitting (Deming & Stephan 1940, "On a least squares
// adjustment of a sampled frequency table when the expected marginal totals are known", Ann. Math.
// Statist. 11(4)): the matrix closest to a seed, in the sense of minimum discrimination
// information, whose row and column sums are given.
#include <string>

#include <Eigen/Dense>

namespace migsim {

struct IpfOptions {
    /// Convergence: every row and column sum within tolerance x max(1, grand total) of its margin.
    /// The same relative tolerance decides whether the row and column margins have equal totals.
    double tolerance = 1e-10;
    int max_iterations = 1000; ///< one iteration = one row pass and one column pass
};

enum class IpfStatus {
    converged,
    not_converged,      ///< margins consistent, but max_iterations was not enough
    shape_mismatch,     ///< margin lengths differ from the seed's rows / columns
    invalid_value,      ///< a negative or non-finite value in the seed or the margins
    totals_differ,      ///< row margins and column margins do not have the same total
    unreachable_margin, ///< a positive margin over a row or column whose seed is all zero
};

struct IpfResult {
    IpfStatus status = IpfStatus::invalid_value;
    Eigen::MatrixXd fitted;        ///< empty unless the inputs were consistent
    int iterations = 0;            ///< iterations done
    double max_margin_error = 0.0; ///< largest |sum - margin| over rows and columns at the end
    std::string error;             ///< what was wrong with the inputs, in words; empty when converged

    bool converged() const { return status == IpfStatus::converged; }
};

/// Fits `seed` (non-negative) to `row_margins` and `column_margins` by alternately scaling rows and
/// columns. Zeros of the seed stay zero. Inconsistent inputs give an error status, never an
/// exception.
IpfResult fit_ipf(const Eigen::MatrixXd& seed, const Eigen::VectorXd& row_margins,
                  const Eigen::VectorXd& column_margins, const IpfOptions& options = {});

const char* to_string(IpfStatus status);

} // namespace migsim
