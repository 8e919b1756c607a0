#include "calibration/destination_choice_fit.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "stats/newton.hpp"

namespace migsim {

FlowMargins flow_margins(const Eigen::MatrixXd& flows, const Eigen::MatrixXd& distance_km) {
    FlowMargins margins;
    margins.moves_out = flows.rowwise().sum();
    margins.arrivals = flows.colwise().sum().transpose();
    margins.distance_moved_km = flows.cwiseProduct(distance_km).sum();
    return margins;
}

namespace {

/// One group's likelihood, with the sufficient statistics of its flows: the arrivals I_j and the
/// distance moved T. Parameters theta = (a_1..a_{n-1}, b = log D).
class GroupLikelihood {
public:
    struct State {
        double deviance = 0.0; ///< -2 x the log-likelihood
        Eigen::VectorXd score;
        Eigen::MatrixXd information; ///< expected (Fisher) information
        /// The exact multinomial covariance of the score: of (I_1..I_{n-1}, T / D).
        Eigen::MatrixXd score_covariance;
    };

    GroupLikelihood(const DestinationChoiceData& data, int group)
        : data_(data), moves_out_(data.moves_out.col(group)), arrivals_(data.arrivals.col(group)),
          distance_moved_(data.distance_moved_km(group)), n_(data.population.size()) {
        log_mass_ = data.population_exponent * data.population.array().log();
    }

    Eigen::Index parameters() const { return n_; }

    State evaluate(const Eigen::VectorXd& theta) const {
        const double inverse_decay = std::exp(-theta(n_ - 1));
        State state;
        state.score = Eigen::VectorXd::Zero(n_);
        state.information = Eigen::MatrixXd::Zero(n_, n_);
        // The log-likelihood of the flows given the origins' totals (apart from the multinomial
        // coefficients): sum_j I_j (gamma log P_j + a_j) - T / D - sum_i O_i log S_i.
        double log_likelihood = -distance_moved_ * inverse_decay;
        for (Eigen::Index j = 0; j < n_; ++j)
            log_likelihood += arrivals_(j) * (log_mass_(j) + attraction(theta, j));
        Eigen::VectorXd log_weight(n_), p(n_), x(n_);
        for (Eigen::Index i = 0; i < n_; ++i) {
            const double movers = moves_out_(i);
            if (movers <= 0.0)
                continue;
            double largest = -std::numeric_limits<double>::infinity();
            for (Eigen::Index j = 0; j < n_; ++j) {
                x(j) = data_.distance_km(i, j) * inverse_decay;
                log_weight(j) = j == i ? -std::numeric_limits<double>::infinity()
                                       : log_mass_(j) + attraction(theta, j) - x(j);
                largest = std::max(largest, log_weight(j));
            }
            p = (log_weight.array() - largest).exp();
            p(i) = 0.0; // the origin is no destination
            const double sum = p.sum();
            p /= sum;
            log_likelihood -= movers * (largest + std::log(sum));
            const double mean_x = p.dot(x);
            // The score: observed minus expected sufficient statistics.
            for (Eigen::Index j = 1; j < n_; ++j)
                state.score(j - 1) -= movers * p(j);
            state.score(n_ - 1) -= movers * mean_x;
            // Information: O_i times the covariance, under p_i, of z_ij = (indicator of j, x_ij).
            for (Eigen::Index j = 1; j < n_; ++j) {
                if (p(j) == 0.0)
                    continue;
                state.information(j - 1, j - 1) += movers * p(j);
                for (Eigen::Index k = 1; k < n_; ++k)
                    state.information(j - 1, k - 1) -= movers * p(j) * p(k);
                const double ab = movers * p(j) * (x(j) - mean_x);
                state.information(j - 1, n_ - 1) += ab;
                state.information(n_ - 1, j - 1) += ab;
            }
            state.information(n_ - 1, n_ - 1) += movers * (p.cwiseProduct(x).dot(x) - mean_x * mean_x);
        }
        for (Eigen::Index j = 1; j < n_; ++j)
            state.score(j - 1) += arrivals_(j);
        state.score(n_ - 1) += distance_moved_ * inverse_decay;
        state.deviance = -2.0 * log_likelihood;
        return state;
    }

    /// The covariance of (I_1..I_{n-1}, T) when each origin's movers are multinomial with the
    /// choice probabilities of theta, scaled to the score's units (T / D): Cov(I) =
    /// sum_i O_i (diag(p_i) - p_i p_i^T), Cov(I_j, T) = sum_i O_i p_ij (d_ij - dbar_i),
    /// Var(T) = sum_i O_i Var_{p_i}(d_i). Written from the multinomial, apart from `evaluate`.
    Eigen::MatrixXd multinomial_score_covariance(const Eigen::VectorXd& theta) const {
        const double inverse_decay = std::exp(-theta(n_ - 1));
        Eigen::MatrixXd covariance = Eigen::MatrixXd::Zero(n_, n_);
        for (Eigen::Index i = 0; i < n_; ++i) {
            const double movers = moves_out_(i);
            if (movers <= 0.0)
                continue;
            const Eigen::VectorXd d = data_.distance_km.row(i).transpose();
            Eigen::VectorXd log_weight(n_);
            for (Eigen::Index j = 0; j < n_; ++j)
                log_weight(j) = log_mass_(j) + attraction(theta, j) - d(j) * inverse_decay;
            log_weight(i) = log_weight(i == 0 ? 1 : 0); // any finite value: p_ii is set to 0 below
            Eigen::VectorXd p = (log_weight.array() - log_weight.maxCoeff()).exp();
            p(i) = 0.0;
            p /= p.sum();
            const double mean_d = p.dot(d);
            const Eigen::VectorXd arrivals_part = p.tail(n_ - 1);
            covariance.topLeftCorner(n_ - 1, n_ - 1) +=
                movers *
                (Eigen::MatrixXd(arrivals_part.asDiagonal()) - arrivals_part * arrivals_part.transpose());
            for (Eigen::Index j = 1; j < n_; ++j) {
                const double c = movers * p(j) * (d(j) - mean_d) * inverse_decay;
                covariance(j - 1, n_ - 1) += c;
                covariance(n_ - 1, j - 1) += c;
            }
            covariance(n_ - 1, n_ - 1) +=
                movers * (p.cwiseProduct(d).dot(d) - mean_d * mean_d) * inverse_decay * inverse_decay;
        }
        return covariance;
    }

    const Eigen::VectorXd& score(const State& state) const { return state.score; }
    const Eigen::MatrixXd& information(const State& state) const { return state.information; }

    /// Start: attractions from arrivals per unit of mass, the decay the mean distance moved.
    Eigen::VectorXd start() const {
        Eigen::VectorXd theta(n_);
        const double reference = std::log(arrivals_(0)) - log_mass_(0);
        for (Eigen::Index j = 1; j < n_; ++j)
            theta(j - 1) = std::log(arrivals_(j)) - log_mass_(j) - reference;
        theta(n_ - 1) = std::log(distance_moved_ / moves_out_.sum());
        return theta;
    }

private:
    double attraction(const Eigen::VectorXd& theta, Eigen::Index j) const {
        return j == 0 ? 0.0 : theta(j - 1);
    }

    const DestinationChoiceData& data_;
    Eigen::VectorXd moves_out_;
    Eigen::VectorXd arrivals_;
    double distance_moved_;
    Eigen::Index n_;
    Eigen::ArrayXd log_mass_;
};

std::optional<std::string> input_problem(const DestinationChoiceData& data) {
    const Eigen::Index n = data.population.size();
    const Eigen::Index groups = data.moves_out.cols();
    if (n < 3)
        return "at least 3 areas are needed (" + std::to_string(n) + " given)";
    if (data.distance_km.rows() != n || data.distance_km.cols() != n)
        return "distance_km must be " + std::to_string(n) + " x " + std::to_string(n) +
               " (one row and column per area)";
    if (data.moves_out.rows() != n || data.arrivals.rows() != n || data.arrivals.cols() != groups)
        return "moves_out and arrivals must both be areas x groups (" + std::to_string(n) + " x " +
               std::to_string(groups) + ")";
    if (groups < 1 || data.distance_moved_km.size() != groups)
        return "distance_moved_km must have one value per group (" + std::to_string(groups) + ")";
    if (!std::isfinite(data.population_exponent))
        return "population_exponent is not finite";
    if (!data.distance_km.allFinite() || (data.distance_km.array() < 0.0).any())
        return "distances must be finite and >= 0";
    if (!data.population.allFinite() || (data.population.array() <= 0.0).any())
        return "populations must be finite and > 0";
    for (Eigen::Index g = 0; g < groups; ++g) {
        const std::string group = "group " + std::to_string(g);
        if (!data.moves_out.col(g).allFinite() || (data.moves_out.col(g).array() < 0.0).any())
            return group + ": moves out must be finite counts >= 0";
        if (!data.arrivals.col(g).allFinite() || (data.arrivals.col(g).array() < 0.0).any())
            return group + ": arrivals must be finite counts >= 0";
        const double out = data.moves_out.col(g).sum();
        const double in = data.arrivals.col(g).sum();
        if (!(out > 0.0))
            return group + ": no moves";
        if (std::abs(out - in) > 1e-9 * out)
            return group + ": the arrivals (" + std::to_string(in) + ") are not the moves out (" +
                   std::to_string(out) + ")";
        for (Eigen::Index j = 0; j < n; ++j)
            if (!(data.arrivals(j, g) > 0.0))
                return group + ", area " + std::to_string(j) +
                       ": no arrivals, so its attraction has no finite estimate (merge the area with a "
                       "neighbour)";
        const double moved = data.distance_moved_km(g);
        if (!std::isfinite(moved) || !(moved > 0.0))
            return group + ": the distance moved must be finite and > 0";
    }
    return std::nullopt;
}

} // namespace

DestinationChoiceFitResult fit_destination_choice(const DestinationChoiceData& data, int max_iterations) {
    DestinationChoiceFitResult result;
    if (const auto problem = input_problem(data)) {
        result.error = "destination-choice fit: " + *problem;
        return result;
    }
    const Eigen::Index n = data.population.size();
    DestinationChoiceFit fit;
    for (Eigen::Index g = 0; g < data.moves_out.cols(); ++g) {
        const GroupLikelihood likelihood(data, static_cast<int>(g));
        stats::FitOptions options;
        options.max_iterations = max_iterations;
        stats::FitDiagnostics diagnostics;
        auto run = stats::detail::maximise_likelihood(likelihood, likelihood.start(), options, diagnostics);
        DestinationChoiceGroupFit group;
        group.iterations = run.iterations;
        group.converged = run.settled && !run.step_failed;
        group.log_likelihood = -0.5 * run.state.deviance;
        // The bread: the observed information, which adds to the expected one the second derivative
        // of -d_ij / D in log D times the score of log D (0 at the estimate).
        Eigen::MatrixXd bread = run.state.information;
        bread(n - 1, n - 1) += run.state.score(n - 1);
        const Eigen::LDLT<Eigen::MatrixXd> solver(bread);
        const Eigen::MatrixXd bread_inverse = solver.solve(Eigen::MatrixXd::Identity(n, n));
        const Eigen::LDLT<Eigen::MatrixXd> expected_solver(run.state.information);
        group.model_covariance = expected_solver.solve(Eigen::MatrixXd::Identity(n, n));
        group.covariance =
            bread_inverse * likelihood.multinomial_score_covariance(run.coefficients) * bread_inverse;
        if (solver.info() != Eigen::Success || !group.covariance.allFinite() ||
            !run.coefficients.allFinite() || !group.model_covariance.allFinite() ||
            (group.covariance.diagonal().array() <= 0.0).any()) {
            result.error = "destination-choice fit: group " + std::to_string(g) +
                           ": the information is singular (the data do not identify the parameters)";
            return result;
        }
        group.log_attraction = Eigen::VectorXd::Zero(n);
        group.log_attraction_se = Eigen::VectorXd::Zero(n);
        group.log_attraction.tail(n - 1) = run.coefficients.head(n - 1);
        group.log_attraction_se.tail(n - 1) = group.covariance.diagonal().head(n - 1).cwiseSqrt();
        group.log_decay = run.coefficients(n - 1);
        group.log_decay_se = std::sqrt(group.covariance(n - 1, n - 1));
        group.decay_km = std::exp(group.log_decay);
        fit.groups.push_back(std::move(group));
    }
    result.fit = std::move(fit);
    return result;
}

namespace {

std::optional<std::string> write_atomically(const std::string& path, const std::string& text) {
    const std::string temporary = path + ".part";
    {
        std::ofstream out(temporary, std::ios::binary);
        out << text;
        out.close();
        if (!out) {
            std::filesystem::remove(temporary);
            return "cannot write " + path;
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary);
        return "cannot write " + path + ": " + error.message();
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> write_destination_choice_tables(const DestinationChoiceFit& fit,
                                                           const std::vector<std::string>& area_labels,
                                                           const std::vector<std::string>& age_groups,
                                                           const std::string& attraction_path,
                                                           const std::string& decay_path) {
    if (fit.groups.size() != age_groups.size())
        return "the fit has " + std::to_string(fit.groups.size()) + " groups, the names " +
               std::to_string(age_groups.size());
    for (const auto& group : fit.groups)
        if (static_cast<std::size_t>(group.log_attraction.size()) != area_labels.size())
            return "the fit has " + std::to_string(group.log_attraction.size()) + " areas, the labels " +
                   std::to_string(area_labels.size());
    std::ostringstream attraction, decay;
    attraction.precision(17);
    decay.precision(17);
    attraction << "area,age_group,log_attraction\n";
    for (std::size_t a = 0; a < area_labels.size(); ++a)
        for (std::size_t g = 0; g < age_groups.size(); ++g)
            attraction << area_labels[a] << ',' << age_groups[g] << ','
                       << fit.groups[g].log_attraction(static_cast<Eigen::Index>(a)) << '\n';
    decay << "age_group,distance_decay_km\n";
    for (std::size_t g = 0; g < age_groups.size(); ++g)
        decay << age_groups[g] << ',' << fit.groups[g].decay_km << '\n';
    if (auto problem = write_atomically(attraction_path, attraction.str()))
        return problem;
    return write_atomically(decay_path, decay.str());
}

} // namespace migsim
