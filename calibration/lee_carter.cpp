#include "calibration/lee_carter.hpp"

#include <cmath>
#include <stdexcept>

namespace migsim {

namespace {

std::string data_problem(const DeathsAndExposure& data, const LeeCarterOptions& options) {
    if (data.deaths.rows() != data.person_years.rows() || data.deaths.cols() != data.person_years.cols())
        return "deaths and person-years differ in shape";
    if (data.deaths.rows() < 2)
        return "fewer than two ages";
    if (data.deaths.cols() < 3)
        return "fewer than three years (the drift's standard error needs three)";
    if (!data.deaths.allFinite() || !data.person_years.allFinite())
        return "a count is not finite";
    if ((data.deaths.array() < 0.0).any())
        return "negative deaths";
    if ((data.person_years.array() <= 0.0).any())
        return "a cell without person-years";
    if (!(options.deaths_for_zero_cells > 0.0))
        return "deaths_for_zero_cells must be positive";
    return "";
}

/// The k whose fitted deaths sum_x E_x exp(a_x + b_x k) equal `deaths`, by Newton's method from
/// `start`. The function is convex in k; started where its slope is positive, Newton converges to
/// the root on the increasing side (the only one when every b_x > 0).
bool solve_k(const Eigen::VectorXd& a, const Eigen::VectorXd& b, const Eigen::VectorXd& person_years,
             double deaths, double start, double& k) {
    k = start;
    for (int iteration = 0; iteration < 100; ++iteration) {
        const Eigen::ArrayXd fitted = person_years.array() * (a + b * k).array().exp();
        const double excess = fitted.sum() - deaths;
        const double slope = (fitted * b.array()).sum();
        if (!(slope > 0.0))
            return false;
        const double step = excess / slope;
        k -= step;
        if (std::abs(step) <= 1e-13 * (1.0 + std::abs(k)))
            return std::isfinite(k);
    }
    return false;
}

} // namespace

LeeCarterFit fit_lee_carter(const DeathsAndExposure& data, const LeeCarterOptions& options) {
    LeeCarterFit fit;
    fit.first_year = data.first_year;
    fit.first_age = data.first_age;
    fit.error = data_problem(data, options);
    if (!fit.error.empty())
        return fit;
    const Eigen::Index ages = data.deaths.rows();
    const Eigen::Index years = data.deaths.cols();

    // First stage: a_x the mean log rate over the years, then the leading singular vector pair of
    // the centred log rates Z = U S V'.
    Eigen::MatrixXd log_rates(ages, years);
    for (Eigen::Index x = 0; x < ages; ++x)
        for (Eigen::Index t = 0; t < years; ++t) {
            double deaths = data.deaths(x, t);
            if (deaths == 0.0) {
                deaths = options.deaths_for_zero_cells;
                ++fit.zero_death_cells;
            }
            log_rates(x, t) = std::log(deaths / data.person_years(x, t));
        }
    Eigen::VectorXd a = log_rates.rowwise().mean();
    const Eigen::MatrixXd centred = log_rates.colwise() - a;
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(centred, Eigen::ComputeThinU | Eigen::ComputeThinV);
    const Eigen::VectorXd u = svd.matrixU().col(0);
    const double u_sum = u.sum();
    if (std::abs(u_sum) < 1e-8) {
        fit.error = "the age loadings of the first singular vector sum to 0: b cannot be normalised";
        return fit;
    }
    // Normalisation: b = u / sum(u) sums to 1, k = s v sum(u) sums to 0 (the rows of Z are centred).
    fit.b = u / u_sum;
    fit.first_stage_k = svd.singularValues()(0) * u_sum * svd.matrixV().col(0);
    fit.explained_variance =
        svd.singularValues()(0) * svd.singularValues()(0) / svd.singularValues().squaredNorm();

    // Second stage: each year's k such that the fitted deaths equal the observed deaths.
    fit.k.resize(years);
    for (Eigen::Index t = 0; t < years; ++t) {
        double k = 0.0;
        if (!solve_k(a, fit.b, data.person_years.col(t), data.deaths.col(t).sum(), fit.first_stage_k(t), k)) {
            fit.error = "no k reproduces the deaths of " + std::to_string(data.first_year + t);
            return fit;
        }
        fit.k(t) = k;
    }
    // Re-centre so that k sums to 0 again, moving its mean into a (a_x + b_x k_t is unchanged).
    const double k_mean = fit.k.mean();
    fit.k.array() -= k_mean;
    fit.a = a + fit.b * k_mean;

    // Random walk with drift.
    const double steps = static_cast<double>(years - 1);
    fit.drift = (fit.k(years - 1) - fit.k(0)) / steps;
    const Eigen::VectorXd changes = fit.k.tail(years - 1) - fit.k.head(years - 1);
    fit.innovation_sd = std::sqrt((changes.array() - fit.drift).square().sum() / (steps - 1.0));
    fit.drift_se = fit.innovation_sd / std::sqrt(steps);
    return fit;
}

double LeeCarterFit::k_at(int year) const {
    if (year < first_year)
        throw std::invalid_argument("Lee-Carter k asked for " + std::to_string(year) +
                                    ", before the first year fitted (" + std::to_string(first_year) + ")");
    if (year <= last_year())
        return k(year - first_year);
    return k(k.size() - 1) + static_cast<double>(year - last_year()) * drift;
}

double LeeCarterFit::k_standard_error(int year) const {
    if (year <= last_year())
        return 0.0;
    const auto horizon = static_cast<double>(year - last_year());
    return std::sqrt(horizon * innovation_sd * innovation_sd + horizon * horizon * drift_se * drift_se);
}

Eigen::VectorXd LeeCarterFit::rates(int year, double k_standard_errors) const {
    const double index = k_at(year) + k_standard_errors * k_standard_error(year);
    return (a + b * index).array().exp();
}

} // namespace migsim
