// links: migsim_stats
// Transition-matrix roots and stationary distributions (sim/stats/markov_chain.hpp):
//  - a quarterly matrix made as the cube of a known monthly one gives that monthly matrix back,
//    and its cube reproduces the quarterly matrix within 1e-10;
//  - a quarterly matrix with a transition impossible within a quarter but reachable in two steps
//    has a principal root with a negative entry: the projection is applied and reported;
//  - a matrix with a negative eigenvalue has no real principal root and says so;
//  - the "Land of Oz" weather chain (Kemeny, Snell & Thompson 1974, Introduction to Finite
//    Mathematics, ch. 4) has the stationary distribution (2/5, 1/5, 2/5).
#include <gtest/gtest.h>

#include "stats/markov_chain.hpp"

namespace migsim::stats {
namespace {

/// Monthly flows between employed, unemployed and inactive (labour force survey states).
Eigen::MatrixXd monthly_labour_flows() {
    return Eigen::MatrixXd{{0.960, 0.015, 0.025}, {0.200, 0.700, 0.100}, {0.030, 0.020, 0.950}};
}

TEST(TransitionRoot, CubeRootOfAQuarterlyMatrixReproducesItWithinRounding) {
    const Eigen::MatrixXd monthly = monthly_labour_flows();
    const Eigen::MatrixXd quarterly = monthly * monthly * monthly;
    const TransitionRoot root = transition_matrix_root(quarterly, 3);
    ASSERT_EQ(root.status, RootStatus::exact) << root.error;
    EXPECT_LT((root.transition - monthly).cwiseAbs().maxCoeff(), 1e-10);
    EXPECT_LT((root.transition * root.transition * root.transition - quarterly).cwiseAbs().maxCoeff(), 1e-10);
    EXPECT_LT(root.reproduction_error, 1e-10);
    EXPECT_EQ(root.most_negative_entry, 0.0);
    EXPECT_LT(root.regularisation_change, 1e-12);
}

TEST(TransitionRoot, NegativeEntriesOfThePrincipalRootAreProjectedAndReported) {
    // Within a quarter 0 -> 2 never happens, yet 0 -> 1 and 1 -> 2 do: a monthly chain would
    // produce 0 -> 2 in three months, so the exact root needs a negative 0 -> 2 entry.
    const Eigen::MatrixXd quarterly{{0.90, 0.10, 0.00}, {0.00, 0.90, 0.10}, {0.00, 0.00, 1.00}};
    const TransitionRoot root = transition_matrix_root(quarterly, 3);
    ASSERT_EQ(root.status, RootStatus::regularised) << root.error;
    EXPECT_LT(root.principal_root(0, 2), 0.0);
    EXPECT_EQ(root.most_negative_entry, root.principal_root(0, 2));
    // The principal root itself is an exact root with rows summing to 1.
    EXPECT_LT(
        (root.principal_root * root.principal_root * root.principal_root - quarterly).cwiseAbs().maxCoeff(),
        1e-12);
    EXPECT_LT((root.principal_root.rowwise().sum().array() - 1.0).abs().maxCoeff(), 1e-12);
    // The regularised matrix is a transition matrix, close to the root, reproducing the quarter
    // up to the size of the entry it removed.
    EXPECT_GE(root.transition.minCoeff(), 0.0);
    EXPECT_LT((root.transition.rowwise().sum().array() - 1.0).abs().maxCoeff(), 1e-15);
    EXPECT_GT(root.regularisation_change, 0.0);
    EXPECT_LT(root.regularisation_change, 2.0 * std::abs(root.most_negative_entry));
    EXPECT_GT(root.reproduction_error, 0.0);
    EXPECT_LT(root.reproduction_error, 3.0 * std::abs(root.most_negative_entry));
    // Rows without a negative entry are left as they are.
    EXPECT_EQ(root.transition.row(1), root.principal_root.row(1));
}

TEST(TransitionRoot, ProjectionOntoTheSimplexByHand) {
    // Sorted 0.6, 0.5, -0.05: tau = (0.6 + 0.5 - 1) / 2 = 0.05 keeps two entries positive.
    const Eigen::VectorXd projected = project_onto_simplex(Eigen::VectorXd{{0.5, 0.6, -0.05}});
    EXPECT_NEAR(projected(0), 0.45, 1e-15);
    EXPECT_NEAR(projected(1), 0.55, 1e-15);
    EXPECT_EQ(projected(2), 0.0);
    const Eigen::VectorXd inside{{0.2, 0.3, 0.5}};
    EXPECT_LT((project_onto_simplex(inside) - inside).cwiseAbs().maxCoeff(), 1e-15);
}

TEST(TransitionRoot, NegativeEigenvalueHasNoRealPrincipalRoot) {
    const Eigen::MatrixXd alternating{{0.1, 0.9}, {0.9, 0.1}}; // eigenvalues 1 and -0.8
    const TransitionRoot root = transition_matrix_root(alternating, 3);
    EXPECT_EQ(root.status, RootStatus::no_principal_root);
    EXPECT_NE(root.error.find("negative real axis"), std::string::npos) << root.error;
    EXPECT_EQ(root.transition.size(), 0);
}

TEST(TransitionRoot, RowsNotSummingToOneAreRefused) {
    const TransitionRoot root = transition_matrix_root(Eigen::MatrixXd{{0.9, 0.2}, {0.1, 0.9}}, 3);
    EXPECT_EQ(root.status, RootStatus::invalid_input);
    EXPECT_NE(root.error.find("row 0 sums to"), std::string::npos) << root.error;
    EXPECT_EQ(transition_matrix_root(monthly_labour_flows(), 0).status, RootStatus::invalid_input);
}

TEST(StationaryDistribution, LandOfOz) {
    const Eigen::MatrixXd weather{{0.50, 0.25, 0.25}, {0.50, 0.00, 0.50}, {0.25, 0.25, 0.50}};
    const StationaryDistribution pi = stationary_distribution(weather);
    ASSERT_EQ(pi.status, StationaryStatus::unique) << pi.error;
    EXPECT_NEAR(pi.probabilities(0), 0.4, 1e-14);
    EXPECT_NEAR(pi.probabilities(1), 0.2, 1e-14);
    EXPECT_NEAR(pi.probabilities(2), 0.4, 1e-14);
    EXPECT_LT(pi.residual, 1e-15);
}

TEST(StationaryDistribution, PeriodicChainHasOneToo) {
    const StationaryDistribution pi = stationary_distribution(Eigen::MatrixXd{{0.0, 1.0}, {1.0, 0.0}});
    ASSERT_EQ(pi.status, StationaryStatus::unique);
    EXPECT_NEAR(pi.probabilities(0), 0.5, 1e-15);
}

TEST(StationaryDistribution, TwoClosedClassesAreReported) {
    const Eigen::MatrixXd split{
        {0.7, 0.3, 0.0, 0.0}, {0.4, 0.6, 0.0, 0.0}, {0.0, 0.0, 0.5, 0.5}, {0.0, 0.0, 0.2, 0.8}};
    const StationaryDistribution pi = stationary_distribution(split);
    EXPECT_EQ(pi.status, StationaryStatus::not_unique);
    EXPECT_NE(pi.error.find("2 closed classes"), std::string::npos) << pi.error;
}

TEST(StationaryDistribution, TheMonthlyRootKeepsTheQuarterlyChainsDistribution) {
    const Eigen::MatrixXd monthly = monthly_labour_flows();
    const StationaryDistribution of_month = stationary_distribution(monthly);
    const StationaryDistribution of_quarter = stationary_distribution(monthly * monthly * monthly);
    ASSERT_EQ(of_month.status, StationaryStatus::unique);
    EXPECT_LT((of_month.probabilities - of_quarter.probabilities).cwiseAbs().maxCoeff(), 1e-12);
}

} // namespace
} // namespace migsim::stats
