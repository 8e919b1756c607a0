#pragma once
// Finite Markov chains on plain matrices (rows = from-state, columns = to-state, rows sum to 1):
// the transition matrix of a shorter period from that of a longer one (a monthly matrix from a
// quarterly one, as labour force survey flows are published), and the stationary distribution.
// docs/methods.md, "Matrix root of a transition matrix".
#include <string>

#include <Eigen/Dense>

namespace migsim::stats {

enum class RootStatus {
    exact,             ///< the principal root is itself a transition matrix
    regularised,       ///< the principal root had negative entries; each row was projected onto the
                       ///< probability simplex (the nearest transition matrix, row by row)
    no_principal_root, ///< an eigenvalue on the closed negative real axis (a negative real one, or
                       ///< 0): the principal root is complex or not defined
    invalid_input,     ///< not square, a negative or non-finite entry, a row not summing to 1
};

const char* to_string(RootStatus status);

struct TransitionRoot {
    RootStatus status = RootStatus::invalid_input;
    std::string error;
    /// The shorter period's transition matrix (rows sum to 1, entries >= 0); empty unless the
    /// status is exact or regularised.
    Eigen::MatrixXd transition;
    Eigen::MatrixXd principal_root;     ///< before any regularisation
    double most_negative_entry = 0.0;   ///< of the principal root (0 when none is negative)
    double regularisation_change = 0.0; ///< largest |change| of an entry made by the projection
    /// max |transition^periods - given| over the entries: how well the result reproduces the given
    /// matrix (about 1e-15 for an exact root; larger after regularisation).
    double reproduction_error = 0.0;
};

/// The principal `periods`-th root R of the transition matrix `longer` (R^periods = longer), e.g.
/// periods = 3 for a monthly matrix from a quarterly one (Higham & Lin 2011). The principal root
/// exists, and is real, when no eigenvalue lies on the closed negative real axis; its rows sum to 1 but it
/// may have negative entries (a transition impossible within the longer period but reachable through
/// intermediate states); then each row is replaced by its Euclidean projection onto the simplex
/// {x >= 0, sum x = 1} (Kreinin & Sidelnikova 2001, the QOM method) and the status says so.
/// `row_sum_tolerance`: how far from 1 a row of `longer` may sum.
TransitionRoot transition_matrix_root(const Eigen::MatrixXd& longer, int periods,
                                      double row_sum_tolerance = 1e-9);

/// The Euclidean projection of `row` onto the probability simplex (Michelot 1986; Duchi et al.
/// 2008): max(row_i - tau, 0) with tau such that the result sums to 1.
Eigen::VectorXd project_onto_simplex(const Eigen::VectorXd& row);

enum class StationaryStatus {
    unique,        ///< one closed class: pi is unique
    not_unique,    ///< several closed classes: pi depends on where the chain starts
    invalid_input, ///< not square, negative or non-finite entries, rows not summing to 1
};

struct StationaryDistribution {
    StationaryStatus status = StationaryStatus::invalid_input;
    std::string error;
    Eigen::VectorXd probabilities; ///< pi with pi P = pi, sum pi = 1 (empty unless unique)
    double residual = 0.0;         ///< max |pi P - pi|
};

/// Solves pi (P - I) = 0 with sum pi = 1: the n equations of the left eigenvector with one of
/// them replaced by the normalisation, by a full-pivoting LU. The chain need not be aperiodic.
StationaryDistribution stationary_distribution(const Eigen::MatrixXd& transition,
                                               double row_sum_tolerance = 1e-9);

} // namespace migsim::stats
