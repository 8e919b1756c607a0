#include "calibration/ipf.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace migsim {

namespace {

// Plain loops rather than Eigen's reductions: GCC 12 with AVX-512 warns (falsely) inside Eigen's
// vectorised reductions, and these matrices are small.

bool all_valid(const Eigen::MatrixXd& values) {
    const double* data = values.data();
    for (Eigen::Index k = 0; k < values.size(); ++k)
        if (!std::isfinite(data[k]) || data[k] < 0.0)
            return false;
    return true;
}

double total(const Eigen::VectorXd& values) {
    double sum = 0.0;
    for (Eigen::Index k = 0; k < values.size(); ++k)
        sum += values[k];
    return sum;
}

Eigen::VectorXd row_sums(const Eigen::MatrixXd& x) {
    Eigen::VectorXd sums = Eigen::VectorXd::Zero(x.rows());
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            sums[i] += x(i, j);
    return sums;
}

Eigen::VectorXd column_sums(const Eigen::MatrixXd& x) {
    Eigen::VectorXd sums = Eigen::VectorXd::Zero(x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            sums[j] += x(i, j);
    return sums;
}

IpfResult failure(IpfStatus status, std::string error) {
    IpfResult result;
    result.status = status;
    result.error = std::move(error);
    return result;
}

double max_margin_error(const Eigen::MatrixXd& fitted, const Eigen::VectorXd& row_margins,
                        const Eigen::VectorXd& column_margins) {
    double worst = 0.0;
    const Eigen::VectorXd rows = row_sums(fitted);
    for (Eigen::Index i = 0; i < rows.size(); ++i)
        worst = std::max(worst, std::abs(rows[i] - row_margins[i]));
    const Eigen::VectorXd columns = column_sums(fitted);
    for (Eigen::Index j = 0; j < columns.size(); ++j)
        worst = std::max(worst, std::abs(columns[j] - column_margins[j]));
    return worst;
}

} // namespace

const char* to_string(IpfStatus status) {
    switch (status) {
    case IpfStatus::converged:
        return "converged";
    case IpfStatus::not_converged:
        return "not converged";
    case IpfStatus::shape_mismatch:
        return "shape mismatch";
    case IpfStatus::invalid_value:
        return "invalid value";
    case IpfStatus::totals_differ:
        return "totals differ";
    case IpfStatus::unreachable_margin:
        return "unreachable margin";
    }
    return "unknown";
}

IpfResult fit_ipf(const Eigen::MatrixXd& seed, const Eigen::VectorXd& row_margins,
                  const Eigen::VectorXd& column_margins, const IpfOptions& options) {
    if (row_margins.size() != seed.rows() || column_margins.size() != seed.cols())
        return failure(IpfStatus::shape_mismatch,
                       "seed is " + std::to_string(seed.rows()) + " x " + std::to_string(seed.cols()) +
                           " but there are " + std::to_string(row_margins.size()) + " row margins and " +
                           std::to_string(column_margins.size()) + " column margins");
    if (!all_valid(seed))
        return failure(IpfStatus::invalid_value, "the seed has a negative or non-finite value");
    if (!all_valid(row_margins) || !all_valid(column_margins))
        return failure(IpfStatus::invalid_value, "a margin is negative or not finite");

    const double row_total = total(row_margins);
    const double column_total = total(column_margins);
    const double scale = std::max({1.0, row_total, column_total});
    if (std::abs(row_total - column_total) > options.tolerance * scale)
        return failure(IpfStatus::totals_differ, "row margins total " + std::to_string(row_total) +
                                                     " but column margins total " +
                                                     std::to_string(column_total));

    const Eigen::VectorXd seed_rows = row_sums(seed);
    const Eigen::VectorXd seed_columns = column_sums(seed);
    for (Eigen::Index i = 0; i < seed.rows(); ++i)
        if (row_margins[i] > 0.0 && seed_rows[i] <= 0.0)
            return failure(IpfStatus::unreachable_margin, "row " + std::to_string(i) + " has margin " +
                                                              std::to_string(row_margins[i]) +
                                                              " but its seed is all zero");
    for (Eigen::Index j = 0; j < seed.cols(); ++j)
        if (column_margins[j] > 0.0 && seed_columns[j] <= 0.0)
            return failure(IpfStatus::unreachable_margin, "column " + std::to_string(j) + " has margin " +
                                                              std::to_string(column_margins[j]) +
                                                              " but its seed is all zero");

    IpfResult result;
    result.fitted = seed;
    const double tolerance = options.tolerance * scale;
    Eigen::MatrixXd& x = result.fitted;
    for (result.iterations = 0; result.iterations < options.max_iterations;) {
        // A row or column whose sum is zero also has a zero margin (checked above): leave it.
        const Eigen::VectorXd rows = row_sums(x);
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            if (rows[i] > 0.0)
                x.row(i) *= row_margins[i] / rows[i];
        const Eigen::VectorXd columns = column_sums(x);
        for (Eigen::Index j = 0; j < x.cols(); ++j)
            if (columns[j] > 0.0)
                x.col(j) *= column_margins[j] / columns[j];
        ++result.iterations;
        result.max_margin_error = max_margin_error(x, row_margins, column_margins);
        if (result.max_margin_error <= tolerance) {
            result.status = IpfStatus::converged;
            return result;
        }
    }
    result.max_margin_error = max_margin_error(x, row_margins, column_margins);
    result.status = IpfStatus::not_converged;
    result.error = "no convergence after " + std::to_string(result.iterations) +
                   " iterations: largest margin error " + std::to_string(result.max_margin_error);
    return result;
}

} // namespace migsim
