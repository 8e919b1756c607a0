// links: migsim_stats
// Data sets without a finite maximum-likelihood estimate are reported, not fitted silently
// (sim/stats/fit_result.hpp): complete and quasi-complete separation in the logit, a factor level
// with no events in the Poisson model, a category never observed and a separated pattern in the
// multinomial logit; well-posed data with zero counts are not taken for separated; collinear
// columns and impossible counts are refused with a message. No result holds a NaN.
#include <cmath>

#include <gtest/gtest.h>

#include "stats/glm.hpp"
#include "stats/multinomial_logit.hpp"

namespace migsim::stats {
namespace {

template <class Fit>
void expect_no_nan(const Fit& fit) {
    EXPECT_FALSE(fit.coefficients.array().isNaN().any());
    EXPECT_FALSE(fit.standard_errors.array().isNaN().any());
    EXPECT_FALSE(fit.robust_standard_errors.array().isNaN().any());
    EXPECT_FALSE(std::isnan(fit.deviance));
    EXPECT_FALSE(std::isnan(fit.log_likelihood));
}

bool contains(const std::vector<int>& list, int value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

/// Ten individuals at x = -5..-1, 1..5, with y = 1 exactly when x > 0; `ties` adds two at x = 0,
/// one with y = 0 and one with y = 1.
GlmData separated_logit(bool ties) {
    const int rows = ties ? 12 : 10;
    GlmData data;
    data.design.resize(rows, 2);
    data.response.resize(rows);
    int r = 0;
    for (int x = -5; x <= 5; ++x) {
        if (x == 0)
            continue;
        data.design.row(r) << 1.0, x;
        data.response(r++) = x > 0 ? 1.0 : 0.0;
    }
    if (ties) {
        data.design.row(r) << 1.0, 0.0;
        data.response(r++) = 0.0;
        data.design.row(r) << 1.0, 0.0;
        data.response(r++) = 1.0;
    }
    return data;
}

TEST(Separation, CompleteSeparationInTheLogitIsReported) {
    const GlmFit fit = fit_binomial_logit(separated_logit(false));
    EXPECT_EQ(fit.status, FitStatus::separated);
    EXPECT_TRUE(fit.diagnostics.complete_separation);
    EXPECT_EQ(fit.diagnostics.diverging_rows.size(), 10u);
    EXPECT_TRUE(contains(fit.diagnostics.diverging_coefficients, 1)); // the slope runs away
    EXPECT_LE(fit.iterations, FitOptions{}.max_iterations);
    // The largest coefficient grows at every one of the last iterations.
    const auto& path = fit.diagnostics.largest_coefficient_path;
    ASSERT_GE(path.size(), 6u);
    for (std::size_t i = path.size() - 5; i < path.size(); ++i)
        EXPECT_GT(path[i], path[i - 1]);
    EXPECT_FALSE(fit.diagnostics.notes.empty());
    expect_no_nan(fit);
}

TEST(Separation, QuasiCompleteSeparationKeepsTheTiedRowsOutOfTheDivergence) {
    const GlmFit fit = fit_binomial_logit(separated_logit(true));
    EXPECT_EQ(fit.status, FitStatus::separated);
    EXPECT_FALSE(fit.diagnostics.complete_separation);
    EXPECT_EQ(fit.diagnostics.diverging_rows.size(), 10u);
    EXPECT_FALSE(contains(fit.diagnostics.diverging_rows, 10));
    EXPECT_FALSE(contains(fit.diagnostics.diverging_rows, 11));
    EXPECT_EQ(fit.diagnostics.diverging_coefficients, std::vector<int>{1});
    // At x = 0 the fitted probability is the tied rows' share, 1/2, whatever the slope.
    EXPECT_NEAR(fit.fitted(10), 0.5, 1e-6);
    expect_no_nan(fit);
}

TEST(Separation, PoissonLevelWithoutEventsIsReported) {
    // Three areas, the third with person-years but no deaths: its log rate goes to -infinity.
    GlmData data;
    data.design.resize(6, 3);
    data.design << 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1;
    data.response = Eigen::VectorXd{{4, 6, 9, 11, 0, 0}};
    data.offset = Eigen::VectorXd{{100, 120, 150, 170, 90, 80}}.array().log();
    const GlmFit fit = fit_poisson_loglinear(data);
    EXPECT_EQ(fit.status, FitStatus::separated);
    EXPECT_EQ(fit.diagnostics.diverging_rows, (std::vector<int>{4, 5}));
    EXPECT_EQ(fit.diagnostics.diverging_coefficients, std::vector<int>{2});
    EXPECT_EQ(fit.diagnostics.boundary_rows, (std::vector<int>{4, 5}));
    EXPECT_LT(fit.fitted(4), 1e-6);
    expect_no_nan(fit);
}

TEST(Separation, ZeroCountsWithAFiniteEstimateAreNotSeparation) {
    GlmData data;
    data.design.resize(6, 2);
    data.design << 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1;
    data.response = Eigen::VectorXd{{0, 2, 1, 0, 0, 3}};
    const GlmFit fit = fit_poisson_loglinear(data);
    EXPECT_EQ(fit.status, FitStatus::converged);
    EXPECT_TRUE(fit.diagnostics.diverging_rows.empty());
    EXPECT_EQ(fit.diagnostics.boundary_rows, (std::vector<int>{0, 3, 4}));
    EXPECT_NEAR(fit.coefficients(0), std::log(1.0), 1e-10); // 3 events in 3 rows
    EXPECT_NEAR(fit.coefficients(1), std::log(1.0), 1e-10);
}

TEST(Separation, MultinomialCategoryWithoutObservationsIsReported) {
    // Four categories; the third (index 2) is never observed.
    MultinomialData data;
    data.design.resize(4, 2);
    data.design << 1, 0, 1, 1, 1, 2, 1, 3;
    data.counts.resize(4, 4);
    data.counts << 10, 5, 0, 3, 8, 6, 0, 4, 6, 7, 0, 6, 5, 9, 0, 7;
    const MultinomialLogitFit fit = fit_multinomial_logit(data);
    EXPECT_EQ(fit.diagnostics.empty_categories, std::vector<int>{2});
    EXPECT_EQ(fit.status, FitStatus::separated);
    EXPECT_EQ(fit.diagnostics.boundary_rows.size(), 4u);
    // The run-away parameters are those of category 2 (indices 2 and 3).
    for (int index : fit.diagnostics.diverging_coefficients)
        EXPECT_TRUE(index == 2 || index == 3) << index;
    EXPECT_LT(fit.fitted_probabilities.col(2).maxCoeff(), 1e-6);
    expect_no_nan(fit);
}

TEST(Separation, MultinomialCategoryObservedOnlyInOnePatternIsReported) {
    // Category 2 occurs only where x = 1: its x coefficient runs to +infinity.
    MultinomialData data;
    data.design.resize(4, 2);
    data.design << 1, 0, 1, 0, 1, 1, 1, 1;
    data.counts.resize(4, 3);
    data.counts << 10, 5, 0, 8, 6, 0, 6, 7, 4, 5, 9, 3;
    const MultinomialLogitFit fit = fit_multinomial_logit(data);
    EXPECT_EQ(fit.status, FitStatus::separated);
    EXPECT_TRUE(fit.diagnostics.empty_categories.empty());
    EXPECT_EQ(fit.diagnostics.diverging_rows, (std::vector<int>{0, 1}));
    expect_no_nan(fit);
}

TEST(Separation, MultinomialWithoutZerosConverges) {
    MultinomialData data;
    data.design.resize(4, 2);
    data.design << 1, 0, 1, 0, 1, 1, 1, 1;
    data.counts.resize(4, 3);
    data.counts << 10, 5, 1, 8, 6, 2, 6, 7, 4, 5, 9, 3;
    const MultinomialLogitFit fit = fit_multinomial_logit(data);
    EXPECT_EQ(fit.status, FitStatus::converged);
    // Saturated in x: fitted probabilities are the observed shares of the two x groups.
    EXPECT_NEAR(fit.fitted_probabilities(0, 2), 3.0 / 32.0, 1e-9);
    EXPECT_NEAR(fit.fitted_probabilities(2, 1), 16.0 / 34.0, 1e-9);
}

TEST(FitInput, CollinearColumnsAreRefusedWithTheirNames) {
    GlmData data;
    data.design.resize(4, 3);
    data.design << 1, 1, 2, 1, 2, 4, 1, 3, 6, 1, 4, 8;
    data.response = Eigen::VectorXd{{1, 2, 3, 4}};
    const GlmFit fit = fit_poisson_loglinear(data);
    EXPECT_EQ(fit.status, FitStatus::rank_deficient);
    EXPECT_NE(fit.error.find("design columns"), std::string::npos) << fit.error;
}

TEST(FitInput, ImpossibleCountsAreRefused) {
    GlmData data;
    data.design = Eigen::MatrixXd::Ones(2, 1);
    data.response = Eigen::VectorXd{{3, 1}};
    data.trials = Eigen::VectorXd{{2, 4}};
    const GlmFit more_successes_than_trials = fit_binomial_logit(data);
    EXPECT_EQ(more_successes_than_trials.status, FitStatus::invalid_input);
    EXPECT_NE(more_successes_than_trials.error.find("row 0"), std::string::npos);
    data.trials.resize(0);
    data.response = Eigen::VectorXd{{-1, 2}};
    EXPECT_EQ(fit_poisson_loglinear(data).status, FitStatus::invalid_input);
    data.response = Eigen::VectorXd{{1, std::nan("")}};
    EXPECT_EQ(fit_poisson_loglinear(data).status, FitStatus::invalid_input);
    MultinomialData one_category{Eigen::MatrixXd::Ones(2, 1), Eigen::MatrixXd::Ones(2, 1)};
    EXPECT_EQ(fit_multinomial_logit(one_category).status, FitStatus::invalid_input);
}

TEST(FitInput, RowsWithoutDataAreLeftOutAndListed) {
    GlmData data;
    data.design = Eigen::MatrixXd::Ones(3, 1);
    data.response = Eigen::VectorXd{{2, 0, 3}};
    data.trials = Eigen::VectorXd{{5, 0, 5}};
    const GlmFit fit = fit_binomial_logit(data);
    EXPECT_EQ(fit.status, FitStatus::converged);
    EXPECT_EQ(fit.diagnostics.empty_rows, std::vector<int>{1});
    EXPECT_NEAR(fit.fitted(1), 0.5, 1e-12); // predicted for the empty row too
}

} // namespace
} // namespace migsim::stats
