// links: migsim_stats
// The baseline-category multinomial logit (sim/stats/multinomial_logit.hpp) against counts drawn
// from known coefficients (four categories, an intercept, a uniform and a binary covariate, 200
// covariate patterns of 10..40 persons; fixed seeds):
//  - one data set: each of the 9 coefficients within 3 of its standard errors of the truth;
//  - 1,000 replicates: mean reported standard error (Fisher and sandwich) over the spread of the
//    estimates is 1 within 4 of its own standard errors (about 0.022: a 13 % error lands 6 SE
//    away); the estimates are unbiased within 4 SE;
//  - with two categories it is the binomial logit, to rounding.
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>
#include <pcg_random.hpp>

#include "stats/glm.hpp"
#include "stats/multinomial_logit.hpp"
#include "support/replicate_spread.hpp"

namespace migsim::stats {
namespace {

struct Setting {
    Eigen::MatrixXd design;
    Eigen::VectorXd persons;
    /// covariates x (J - 1): category j against category 0.
    Eigen::MatrixXd beta{{0.2, -0.5, -1.0}, {0.8, -0.6, 0.4}, {-0.3, 0.9, 0.5}};

    Eigen::MatrixXd probabilities() const {
        Eigen::MatrixXd p(design.rows(), beta.cols() + 1);
        p.col(0).setOnes();
        p.rightCols(beta.cols()) = (design * beta).array().exp();
        return p.array().colwise() / p.rowwise().sum().array();
    }
};

Setting setting() {
    pcg32 rng(20240613u);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    std::bernoulli_distribution binary(0.5);
    std::uniform_int_distribution<int> persons(10, 40);
    Setting s;
    s.design.resize(200, 3);
    s.persons.resize(200);
    for (int i = 0; i < 200; ++i) {
        s.design.row(i) << 1.0, uniform(rng), binary(rng) ? 1.0 : 0.0;
        s.persons(i) = persons(rng);
    }
    return s;
}

/// Multinomial counts by successive binomials: category j gets Binomial(rest, p_j / (1 - sum_<j p)).
Eigen::MatrixXd draw_counts(pcg32& rng, const Eigen::VectorXd& persons, const Eigen::MatrixXd& p) {
    Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(p.rows(), p.cols());
    for (Eigen::Index i = 0; i < p.rows(); ++i) {
        int rest = static_cast<int>(persons(i));
        double remaining = 1.0;
        for (Eigen::Index j = 0; j + 1 < p.cols(); ++j) {
            const double share = std::clamp(p(i, j) / remaining, 0.0, 1.0);
            const int drawn = std::binomial_distribution<int>(rest, share)(rng);
            counts(i, j) = drawn;
            rest -= drawn;
            remaining -= p(i, j);
        }
        counts(i, p.cols() - 1) = rest;
    }
    return counts;
}

TEST(MultinomialLogit, RecoversKnownCoefficientsWithinThreeStandardErrors) {
    const Setting s = setting();
    pcg32 rng(7u);
    const MultinomialLogitFit fit =
        fit_multinomial_logit({s.design, draw_counts(rng, s.persons, s.probabilities())});
    ASSERT_EQ(fit.status, FitStatus::converged) << fit.error;
    EXPECT_EQ(fit.parameters, 9);
    EXPECT_EQ(fit.residual_df, 200 * 3 - 9);
    for (Eigen::Index k = 0; k < s.beta.rows(); ++k)
        for (Eigen::Index j = 0; j < s.beta.cols(); ++j)
            EXPECT_LT(std::abs(fit.coefficients(k, j) - s.beta(k, j)), 3.0 * fit.standard_errors(k, j))
                << "covariate " << k << ", category " << j + 1;
}

TEST(MultinomialLogit, StandardErrorsMatchTheSpreadOverReplicates) {
    const Setting s = setting();
    const Eigen::MatrixXd p = s.probabilities();
    pcg32 rng(8u);
    const auto k = static_cast<std::size_t>(s.beta.size());
    std::vector<std::vector<double>> estimate(k), fisher_se(k), robust_se(k);
    for (int r = 0; r < 1000; ++r) {
        const MultinomialLogitFit fit = fit_multinomial_logit({s.design, draw_counts(rng, s.persons, p)});
        ASSERT_EQ(fit.status, FitStatus::converged) << "replicate " << r;
        for (std::size_t i = 0; i < k; ++i) {
            const auto e = static_cast<Eigen::Index>(i);
            estimate[i].push_back(fit.coefficients(e));
            fisher_se[i].push_back(fit.standard_errors(e));
            robust_se[i].push_back(fit.robust_standard_errors(e));
        }
    }
    for (std::size_t i = 0; i < k; ++i) {
        const testing::ReplicateSpread spread = testing::spread_of(estimate[i]);
        const double truth = s.beta(static_cast<Eigen::Index>(i));
        EXPECT_NEAR(spread.mean, truth, 4.0 * spread.mean_se) << "parameter " << i;
        const testing::SeRatio fisher = testing::se_ratio(fisher_se[i], estimate[i]);
        const testing::SeRatio robust = testing::se_ratio(robust_se[i], estimate[i]);
        EXPECT_NEAR(fisher.ratio, 1.0, 4.0 * fisher.se) << "parameter " << i;
        EXPECT_NEAR(robust.ratio, 1.0, 4.0 * robust.se) << "parameter " << i;
        std::printf("parameter %zu: mean %.4f (truth %.4f), SE ratio Fisher %.3f, sandwich %.3f (+- %.3f)\n",
                    i, spread.mean, truth, fisher.ratio, robust.ratio, fisher.se);
    }
}

TEST(MultinomialLogit, TwoCategoriesAreTheBinomialLogit) {
    const Setting s = setting();
    Setting two = s;
    two.beta = s.beta.leftCols(1);
    pcg32 rng(9u);
    const Eigen::MatrixXd counts = draw_counts(rng, s.persons, two.probabilities());
    const MultinomialLogitFit multinomial = fit_multinomial_logit({s.design, counts});
    const GlmFit binomial = fit_binomial_logit({s.design, counts.col(1), s.persons, {}, {}});
    ASSERT_EQ(multinomial.status, FitStatus::converged);
    ASSERT_EQ(binomial.status, FitStatus::converged);
    EXPECT_LT((multinomial.coefficients.col(0) - binomial.coefficients).cwiseAbs().maxCoeff(), 1e-9);
    EXPECT_LT((multinomial.standard_errors.col(0) - binomial.standard_errors).cwiseAbs().maxCoeff(), 1e-9);
    EXPECT_LT(
        (multinomial.robust_standard_errors.col(0) - binomial.robust_standard_errors).cwiseAbs().maxCoeff(),
        1e-9);
    EXPECT_NEAR(multinomial.deviance, binomial.deviance, 1e-8);
    EXPECT_NEAR(multinomial.log_likelihood, binomial.log_likelihood, 1e-8);
}

} // namespace
} // namespace migsim::stats
