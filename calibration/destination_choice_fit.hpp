#pragma once
// The fit of internal migration's destination choice (processes/internal_migration.hpp): from the
// moves of each mover age group g, the log attraction a_jg of every area and the decay distance D_g
// of the model
//     P_g(j | i) = P_j^gamma exp(a_jg) exp(-d_ij / D_g) / sum_{k != i} P_k^gamma exp(a_kg) exp(-d_ik / D_g),
// by maximum likelihood, so that the scenario's tables internal_migration.attraction and
// internal_migration.distance_decay are fitted, not typed in.
//
// The likelihood. Each origin's O_ig movers choose their destinations independently: the flows
// F_ijg are multinomial given O_ig, which is the Poisson log-linear model of the flows with origin
// effects (Flowerdew & Aitkin 1982; Baker 1994, the multinomial-Poisson transformation). Its
// log-likelihood depends on the flows only through the arrivals I_jg = sum_i F_ijg and the distance
// moved T_g = sum_ij F_ijg d_ij, its sufficient statistics; the expected arrivals are
// mu_jg = sum_{i != j} O_ig P_g(j | i), the expected distance sum_i O_ig sum_j P_g(j | i) d_ij.
//
// Why the distance moved is needed: the arrivals alone do not identify D_g. For any decay, the
// attractions can be balanced so that every mu_jg equals I_jg exactly (the doubly constrained
// model fits both margins whatever its deterrence parameter: Wilson 1970; Senior 1979), so only
// how far the movers went tells a short decay from a long one (Hyman 1969, the mean trip length).
// A register has it: each move's origin and destination.
//
// Identification: a_0g = 0 for each group (the first area is the reference); P_j^gamma is given
// (gamma the scenario's population_exponent), so a_jg is the attraction beyond population.
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace migsim {

/// What a register gives about one year's moves between n areas, in G mover age groups.
struct DestinationChoiceData {
    Eigen::MatrixXd distance_km; ///< n x n, d_ij, symmetric, 0 on the diagonal
    Eigen::VectorXd population;  ///< n, P_j (persons at the start of the period)
    double population_exponent = 1.0;
    Eigen::MatrixXd moves_out;         ///< n x G, O_ig: movers leaving area i
    Eigen::MatrixXd arrivals;          ///< n x G, I_jg: movers arriving in area j
    Eigen::VectorXd distance_moved_km; ///< G, T_g: the km of all the group's moves, summed
};

/// The arrivals and distance moved of a flow matrix (n x n, flows[i](j) from i to j) of one group.
struct FlowMargins {
    Eigen::VectorXd moves_out;
    Eigen::VectorXd arrivals;
    double distance_moved_km = 0.0;
};
FlowMargins flow_margins(const Eigen::MatrixXd& flows, const Eigen::MatrixXd& distance_km);

/// The fit of one mover age group. Parameters: a_1..a_{n-1} (a_0 = 0), then log D.
struct DestinationChoiceGroupFit {
    Eigen::VectorXd log_attraction;    ///< n, a_j, with a_0 = 0
    Eigen::VectorXd log_attraction_se; ///< n, 0 for the reference area
    double log_decay = 0.0;            ///< log D_g (D in km)
    double log_decay_se = 0.0;
    double decay_km = 0.0; ///< D_g = exp(log_decay)
    /// The sandwich covariance of (a_1..a_{n-1}, log D): the inverse expected information around
    /// the exact multinomial covariance of the sufficient statistics, Cov(I_g) =
    /// sum_i O_ig (diag(p_i) - p_i p_i^T), with the distance moved alike. The standard errors are
    /// its diagonal. For this model the two coincide with the inverse information at the estimate;
    /// computing both keeps the check honest.
    Eigen::MatrixXd covariance;
    Eigen::MatrixXd model_covariance; ///< the inverse expected information alone
    double log_likelihood = 0.0;      ///< multinomial, without the multinomial coefficients
    int iterations = 0;
    bool converged = false;
};

struct DestinationChoiceFit {
    std::vector<DestinationChoiceGroupFit> groups; ///< by mover age group
};

/// The fit, or a message (sizes that do not match, negative or non-finite counts, an area
/// without arrivals, fewer than 3 areas...): never a NaN.
struct DestinationChoiceFitResult {
    std::optional<DestinationChoiceFit> fit;
    std::string error;
    bool ok() const { return fit.has_value(); }
};

DestinationChoiceFitResult fit_destination_choice(const DestinationChoiceData& data,
                                                  int max_iterations = 100);

/// Writes the fitted tables in the formats of internal_migration.attraction
/// (`area,age_group,log_attraction`) and internal_migration.distance_decay
/// (`age_group,distance_decay_km`); `area_labels` the areas' labels in the outputs, `age_groups`
/// the groups' names. A message when a file cannot be written, else nothing; each file is written
/// to a temporary name and renamed, so that no half-written table is left.
std::optional<std::string> write_destination_choice_tables(const DestinationChoiceFit& fit,
                                                           const std::vector<std::string>& area_labels,
                                                           const std::vector<std::string>& age_groups,
                                                           const std::string& attraction_path,
                                                           const std::string& decay_path);

} // namespace migsim
