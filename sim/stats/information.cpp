#include "stats/information.hpp"

#include <cmath>
#include <limits>

#include "stats/fit_result.hpp"

namespace migsim::stats {

const char* to_string(FitStatus status) {
    switch (status) {
    case FitStatus::converged:
        return "converged";
    case FitStatus::separated:
        return "separated";
    case FitStatus::not_converged:
        return "not converged";
    case FitStatus::rank_deficient:
        return "rank deficient";
    case FitStatus::invalid_input:
        return "invalid input";
    }
    return "unknown";
}

namespace detail {

namespace {
constexpr double infinity = std::numeric_limits<double>::infinity();
/// Below this reciprocal condition the inverse has no correct digit left.
constexpr double singular_reciprocal_condition = 1e-15;
} // namespace

InverseInformation invert_information(const Eigen::MatrixXd& information) {
    const Eigen::Index k = information.rows();
    InverseInformation result;
    result.covariance = Eigen::MatrixXd::Zero(k, k);
    result.covariance.diagonal().setConstant(infinity);
    if (k == 0 || !information.allFinite())
        return result;
    const Eigen::VectorXd diagonal = information.diagonal();
    if ((diagonal.array() <= 0.0).any())
        return result;
    const Eigen::VectorXd inverse_scale = diagonal.array().sqrt().inverse();
    const Eigen::MatrixXd scaled = inverse_scale.asDiagonal() * information * inverse_scale.asDiagonal();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(scaled);
    if (eigen.info() != Eigen::Success)
        return result;
    const Eigen::VectorXd& values = eigen.eigenvalues(); // ascending
    const double largest = values(k - 1);
    result.reciprocal_condition = largest > 0.0 ? std::max(0.0, values(0)) / largest : 0.0;
    if (result.reciprocal_condition < singular_reciprocal_condition)
        return result;
    const Eigen::MatrixXd scaled_inverse =
        eigen.eigenvectors() * values.cwiseInverse().asDiagonal() * eigen.eigenvectors().transpose();
    result.covariance = inverse_scale.asDiagonal() * scaled_inverse * inverse_scale.asDiagonal();
    result.singular = false;
    return result;
}

Eigen::MatrixXd sandwich(const Eigen::MatrixXd& bread, const Eigen::MatrixXd& meat) {
    if (!bread.allFinite())
        return bread;
    const Eigen::MatrixXd product = bread * meat * bread;
    return 0.5 * (product + product.transpose());
}

Eigen::VectorXd standard_errors_of(const Eigen::MatrixXd& covariance) {
    return covariance.diagonal().array().max(0.0).sqrt();
}

std::vector<int> dependent_columns(const Eigen::MatrixXd& design) {
    Eigen::MatrixXd scaled = design;
    std::vector<int> dependent;
    for (Eigen::Index j = 0; j < scaled.cols(); ++j) {
        const double norm = scaled.col(j).norm();
        if (norm > 0.0)
            scaled.col(j) /= norm;
    }
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(scaled);
    const auto& pivots = qr.colsPermutation().indices();
    for (Eigen::Index j = qr.rank(); j < scaled.cols(); ++j)
        dependent.push_back(static_cast<int>(pivots(j)));
    return dependent;
}

std::string index_list(const std::vector<int>& indices) {
    std::string text;
    for (std::size_t i = 0; i < indices.size(); ++i) {
        if (i > 0)
            text += ", ";
        if (i == 8) {
            text += "... (" + std::to_string(indices.size()) + " in all)";
            break;
        }
        text += std::to_string(indices[i]);
    }
    return text;
}

} // namespace detail
} // namespace migsim::stats
