#pragma once
// Linear algebra the likelihood fits share: inverting the Fisher information with a measure of how
// near to singular it is, the sandwich covariance, and finding linearly dependent design columns.
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace migsim::stats::detail {

struct InverseInformation {
    /// The inverse; +infinity on the diagonal (and 0 elsewhere) when the information is singular.
    Eigen::MatrixXd covariance;
    /// Smallest over largest eigenvalue of the information scaled to unit diagonal (0 if singular).
    double reciprocal_condition = 0.0;
    bool singular = true;
};

/// The inverse of a symmetric positive semi-definite information matrix. Scaling to unit diagonal
/// first makes the condition number independent of the units of the covariates.
InverseInformation invert_information(const Eigen::MatrixXd& information);

/// bread * meat * bread, symmetrised.
Eigen::MatrixXd sandwich(const Eigen::MatrixXd& bread, const Eigen::MatrixXd& meat);

/// sqrt of the diagonal (+infinity stays +infinity).
Eigen::VectorXd standard_errors_of(const Eigen::MatrixXd& covariance);

/// Columns of `design` that are linear combinations of earlier pivots (empty: full column rank),
/// found by a rank-revealing QR of the design with columns scaled to unit length.
std::vector<int> dependent_columns(const Eigen::MatrixXd& design);

/// "0, 3, 7"
std::string index_list(const std::vector<int>& indices);

} // namespace migsim::stats::detail
