// links: migsim_estimators
// Multiple-system estimation from three lists (sim/estimators/multiple_system.hpp):
//  - closed forms: the model with all two-way interactions fits the 7 cells exactly, so its
//    unobserved cell is n111 n100 n010 n001 / (n110 n101 n011); under [12][3] list 3 is
//    independent of lists 1-2 jointly, so it is the dual-system estimate of list 3 against "list 1
//    or 2": n001 x (persons on 1 or 2 but not 3) / (persons on 1 or 2 and on 3);
//  - a zero cell that makes an interaction infinite leaves that model out of the choice;
//  - lists 1 and 2 dependent (log odds ratio log 4), list 3 independent, 20,000 persons, 1,000
//    replicates: BIC chooses a model with the 1-2 interaction every time, the estimate is unbiased
//    within 4 SE and its standard error matches the replicate spread within 4 of its SE (0.022),
//    while the DSE of lists 1 and 2 alone is biased down by N (p1 p2 / p11 - 1) from their
//    marginal 2x2 table (over 6 SE).
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>
#include <pcg_random.hpp>

#include "estimators/dual_system.hpp"
#include "estimators/multiple_system.hpp"
#include "support/replicate_spread.hpp"

namespace migsim {
namespace {

ThreeListCounts example_counts() {
    ThreeListCounts counts;
    counts.at(1, 0, 0) = 420;
    counts.at(0, 1, 0) = 310;
    counts.at(0, 0, 1) = 260;
    counts.at(1, 1, 0) = 380;
    counts.at(1, 0, 1) = 150;
    counts.at(0, 1, 1) = 120;
    counts.at(1, 1, 1) = 140;
    return counts;
}

TEST(MultipleSystem, AllTwoWayInteractionsGiveTheClosedForm) {
    const ThreeListCounts n = example_counts();
    const ThreeListModelFit fit = fit_three_list_model(n, lists_1_2 | lists_1_3 | lists_2_3);
    ASSERT_TRUE(fit.usable()) << fit.problem;
    EXPECT_EQ(fit.name, "[12][13][23]");
    EXPECT_EQ(fit.residual_df, 0);
    const double unobserved = n.at(1, 1, 1) * n.at(1, 0, 0) * n.at(0, 1, 0) * n.at(0, 0, 1) /
                              (n.at(1, 1, 0) * n.at(1, 0, 1) * n.at(0, 1, 1));
    EXPECT_NEAR(fit.unobserved, unobserved, 1e-8 * unobserved);
    EXPECT_NEAR(fit.population, n.observed() + unobserved, 1e-8 * unobserved);
}

TEST(MultipleSystem, ListThreeIndependentOfTheOthersIsItsDualSystemEstimate) {
    const ThreeListCounts n = example_counts();
    const ThreeListModelFit fit = fit_three_list_model(n, lists_1_2);
    ASSERT_TRUE(fit.usable()) << fit.problem;
    EXPECT_EQ(fit.name, "[12][3]");
    const double on_1_or_2_not_3 = n.at(1, 0, 0) + n.at(0, 1, 0) + n.at(1, 1, 0);
    const double on_1_or_2_and_3 = n.at(1, 0, 1) + n.at(0, 1, 1) + n.at(1, 1, 1);
    const double unobserved = n.at(0, 0, 1) * on_1_or_2_not_3 / on_1_or_2_and_3;
    EXPECT_NEAR(fit.unobserved, unobserved, 1e-8 * unobserved);
    // The same as a Lincoln-Petersen estimate with list A = "1 or 2" and list B = 3.
    const PopulationSizeEstimate dse = dual_system_estimate(
        {on_1_or_2_not_3 + on_1_or_2_and_3, on_1_or_2_and_3 + n.at(0, 0, 1), on_1_or_2_and_3});
    EXPECT_NEAR(fit.population, dse.population, 1e-8 * dse.population);
}

TEST(MultipleSystem, ModelNamesAndOrder) {
    const MultipleSystemEstimate estimate = multiple_system_estimate(example_counts());
    ASSERT_TRUE(estimate.ok()) << estimate.error;
    std::vector<std::string> names;
    for (const auto& model : estimate.models)
        names.push_back(model.name);
    EXPECT_EQ(names, (std::vector<std::string>{"[1][2][3]", "[12][3]", "[13][2]", "[23][1]", "[12][13]",
                                               "[12][23]", "[13][23]", "[12][13][23]"}));
    // The choice is the smallest BIC among the usable models.
    for (const auto& model : estimate.models) {
        if (model.usable()) {
            EXPECT_GE(model.bic, estimate.chosen_model().bic);
        }
    }
    const MultipleSystemEstimate by_aic = multiple_system_estimate(example_counts(), ModelSelection::aic);
    for (const auto& model : by_aic.models)
        EXPECT_GE(model.aic, by_aic.chosen_model().aic);
}

TEST(MultipleSystem, AModelWithAnInfiniteInteractionIsLeftOutOfTheChoice) {
    ThreeListCounts n = example_counts();
    n.at(1, 1, 1) = 0; // nobody on all three lists: with all two-way terms, mu111 = 0 needs -infinity
    const MultipleSystemEstimate estimate = multiple_system_estimate(n);
    ASSERT_TRUE(estimate.ok()) << estimate.error;
    const ThreeListModelFit& saturated = estimate.models.back();
    EXPECT_EQ(saturated.status, stats::FitStatus::separated);
    EXPECT_FALSE(saturated.problem.empty());
    EXPECT_NE(estimate.chosen, 7);
    EXPECT_TRUE(std::isfinite(estimate.population));

    n.at(0, 1, 1) = -1;
    EXPECT_FALSE(multiple_system_estimate(n).ok());
}

TEST(MultipleSystem, DependenceBetweenTwoListsIsModelledWhileTheirDualSystemEstimateIsBiased) {
    // Cell probabilities proportional to exp(u1 x1 + u2 x2 + u3 x3 + u12 x1 x2).
    const double u1 = 0.2, u2 = -0.1, u3 = -0.4, u12 = std::log(4.0);
    std::vector<double> p(8);
    double total = 0.0;
    for (int cell = 0; cell < 8; ++cell) {
        const int x1 = (cell >> 2) & 1, x2 = (cell >> 1) & 1, x3 = cell & 1;
        p[static_cast<std::size_t>(cell)] = std::exp(u1 * x1 + u2 * x2 + u3 * x3 + u12 * x1 * x2);
        total += p[static_cast<std::size_t>(cell)];
    }
    for (double& share : p)
        share /= total;
    // Lists 1 and 2 by their marginal 2x2 table.
    const double p11 = p[6] + p[7];
    const double p1 = p[4] + p[5] + p[6] + p[7];
    const double p2 = p[2] + p[3] + p[6] + p[7];
    const int population = 20000;
    const double expected_dse_bias = population * (p1 * p2 / p11 - 1.0);

    pcg32 rng(15u);
    std::vector<double> estimates, standard_errors, dse;
    int with_interaction = 0;
    int exactly_12_3 = 0;
    for (int r = 0; r < 1000; ++r) {
        ThreeListCounts counts;
        int rest = population;
        double remaining = 1.0;
        for (std::size_t cell = 0; cell < 8; ++cell) {
            const int drawn =
                cell == 7
                    ? rest
                    : std::binomial_distribution<int>(rest, std::clamp(p[cell] / remaining, 0.0, 1.0))(rng);
            counts.cells[cell] = drawn;
            rest -= drawn;
            remaining -= p[cell];
        }
        const MultipleSystemEstimate estimate = multiple_system_estimate(counts);
        ASSERT_TRUE(estimate.ok()) << estimate.error;
        if (estimate.chosen_model().interactions & lists_1_2)
            ++with_interaction;
        if (estimate.chosen_model().interactions == lists_1_2)
            ++exactly_12_3;
        estimates.push_back(estimate.population);
        standard_errors.push_back(estimate.standard_error());
        const double on_1 = counts.at(1, 0, 0) + counts.at(1, 0, 1) + counts.at(1, 1, 0) + counts.at(1, 1, 1);
        const double on_2 = counts.at(0, 1, 0) + counts.at(0, 1, 1) + counts.at(1, 1, 0) + counts.at(1, 1, 1);
        dse.push_back(dual_system_estimate({on_1, on_2, counts.at(1, 1, 0) + counts.at(1, 1, 1)}).population);
    }
    EXPECT_EQ(with_interaction, 1000);
    const testing::ReplicateSpread mse = testing::spread_of(estimates);
    EXPECT_NEAR(mse.mean, population, 4.0 * mse.mean_se);
    const testing::SeRatio ratio = testing::se_ratio(standard_errors, estimates);
    EXPECT_NEAR(ratio.ratio, 1.0, 4.0 * ratio.se);
    const testing::ReplicateSpread two_lists = testing::spread_of(dse);
    EXPECT_LT(two_lists.mean - population, -6.0 * two_lists.mean_se);
    EXPECT_NEAR(two_lists.mean - population, expected_dse_bias, 4.0 * two_lists.mean_se);
    std::printf(
        "MSE mean %.1f (SE %.2f, SE ratio %.3f +- %.3f; [12][3] chosen %d times); DSE(1,2) bias %.1f, "
        "expected %.1f (SE %.2f)\n",
        mse.mean, mse.mean_se, ratio.ratio, ratio.se, exactly_12_3, two_lists.mean - population,
        expected_dse_bias, two_lists.mean_se);
}

} // namespace
} // namespace migsim
