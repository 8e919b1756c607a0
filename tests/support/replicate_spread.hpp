#pragma once
// Summaries of replicate estimates for statistical tests: the mean with its standard error, the
// standard deviation with its own standard error (from the fourth central moment, so that it holds
// for skewed estimators too), and the ratio of a mean reported standard error to that spread.
#include <cmath>
#include <vector>

namespace migsim::testing {

struct ReplicateSpread {
    double mean = 0.0;
    double mean_se = 0.0; ///< sd / sqrt(R)
    double sd = 0.0;      ///< with divisor R - 1
    double sd_se = 0.0;   ///< SE(s) = SE(s^2) / (2 s), Var(s^2) ~ (m4 - (R-3)/(R-1) s^4) / R
};

inline ReplicateSpread spread_of(const std::vector<double>& values) {
    ReplicateSpread spread;
    const double r = static_cast<double>(values.size());
    for (double v : values)
        spread.mean += v / r;
    double m2 = 0.0;
    double m4 = 0.0;
    for (double v : values) {
        const double d = v - spread.mean;
        m2 += d * d / r;
        m4 += d * d * d * d / r;
    }
    const double variance = m2 * r / (r - 1.0);
    spread.sd = std::sqrt(variance);
    spread.mean_se = spread.sd / std::sqrt(r);
    const double variance_se = std::sqrt(std::max(0.0, m4 - (r - 3.0) / (r - 1.0) * variance * variance) / r);
    spread.sd_se = variance_se / (2.0 * spread.sd);
    return spread;
}

/// mean(reported SE) / empirical SD, and the standard error of that ratio (first order, treating
/// the two as independent: conservative, their covariance is positive).
struct SeRatio {
    double ratio = 0.0;
    double se = 0.0;
};

inline SeRatio se_ratio(const std::vector<double>& reported_se, const std::vector<double>& estimates) {
    const ReplicateSpread reported = spread_of(reported_se);
    const ReplicateSpread empirical = spread_of(estimates);
    SeRatio result;
    result.ratio = reported.mean / empirical.sd;
    result.se = result.ratio * std::sqrt(std::pow(empirical.sd_se / empirical.sd, 2) +
                                         std::pow(reported.mean_se / reported.mean, 2));
    return result;
}

} // namespace migsim::testing
