// The estimators of sensitivity studies against the exact indices of analytic test functions, run
// through the same code as a scenario study (a study file, run_study): Ishigami (a = 7, b = 0.1) and
// Sobol's G function. At N = 2^13 the 95 % bootstrap intervals of Ishigami's indices are at most
// about +-0.03 wide (half-widths of 1.96 SE: SE <= 0.016); a defect that moves an index by 0.1 or
// more lands over 6 SE outside: a Jansen total without its factor 2 doubles S_T1 = 0.56, a
// first-order estimator with f(A) in place of f(B) gives S_i - f0^2 / V, 0.4 less for Ishigami.
#include <algorithm>
#include <cmath>
#include <set>

#include <gtest/gtest.h>

#include "sensitivity/sensitivity.hpp"

namespace migsim {
namespace {

StudyResult run(const std::string& text) {
    const StudyLoad load = load_study_text(text, "test_study.toml");
    std::string problems;
    for (const auto& p : load.problems)
        problems += p.to_string() + "\n";
    EXPECT_TRUE(load.ok()) << problems;
    const Ranks ranks;
    return *run_study(*load.study, nullptr, {}, ranks);
}

void expect_within_intervals(const SobolIndices& got, const ExactIndices& exact) {
    for (std::size_t i = 0; i < exact.first.size(); ++i) {
        SCOPED_TRACE(i + 1);
        EXPECT_LE(got.first_low[i], exact.first[i]);
        EXPECT_GE(got.first_high[i], exact.first[i]);
        EXPECT_LE(got.total_low[i], exact.total[i]);
        EXPECT_GE(got.total_high[i], exact.total[i]);
        // The intervals are of the size the theory gives, not so wide that anything passes.
        EXPECT_LT(got.first_high[i] - got.first_low[i], 0.1);
        EXPECT_LT(got.total_high[i] - got.total_low[i], 0.1);
    }
}

TEST(SensitivityIndices, IshigamiSobolIndicesHoldTheExactValuesInTheirIntervals) {
    const StudyResult result = run(R"([study]
method = "sobol"
samples = 8192
seed = 1
model = "ishigami"
a = 7
b = 0.1
)");
    const ExactIndices exact = ishigami_indices(7.0, 0.1);
    // The exact values themselves (Saltelli et al. 2008, The Primer, section 3.6).
    EXPECT_NEAR(exact.first[0], 0.3139, 1e-4);
    EXPECT_NEAR(exact.first[1], 0.4424, 1e-4);
    EXPECT_NEAR(exact.total[0], 0.5576, 1e-4);
    EXPECT_NEAR(exact.total[2], 0.2437, 1e-4);
    ASSERT_EQ(result.sobol.size(), 1u);
    expect_within_intervals(result.sobol[0], exact);
    EXPECT_EQ(result.noise_variance[0], 0.0);
}

TEST(SensitivityIndices, SobolGIndicesHoldTheExactValuesInTheirIntervals) {
    const StudyResult result = run(R"([study]
method = "sobol"
samples = 8192
seed = 1
model = "sobol_g"
a = [0, 1, 4.5, 9, 99, 99, 99, 99]
)");
    const ExactIndices exact = sobol_g_indices({0, 1, 4.5, 9, 99, 99, 99, 99});
    EXPECT_NEAR(exact.first[0], 0.7162, 1e-4);
    EXPECT_NEAR(exact.first[1], 0.1790, 1e-4);
    expect_within_intervals(result.sobol[0], exact);
}

TEST(SensitivityIndices, MorrisRanksTheImportantFactorsOfGFirst) {
    const StudyResult result = run(R"([study]
method = "morris"
trajectories = 50
seed = 1
model = "sobol_g"
a = [0, 1, 4.5, 9, 99, 99, 99, 99]
)");
    const MorrisIndices& m = result.morris[0];
    // x1 and x2 (a = 0 and 1) matter, x3 and x4 a little, x5-x8 (a = 99) not at all: each group
    // apart from the next by more than 4 standard errors of mu*.
    const auto apart = [&](std::size_t more, std::size_t less) {
        return m.mu_star[more] - m.mu_star[less] > 4.0 * std::hypot(m.mu_star_se[more], m.mu_star_se[less]);
    };
    EXPECT_TRUE(apart(0, 1));
    EXPECT_TRUE(apart(1, 2));
    EXPECT_TRUE(apart(2, 3));
    for (std::size_t unimportant = 4; unimportant < 8; ++unimportant)
        EXPECT_TRUE(apart(3, unimportant)) << unimportant;
}

TEST(SensitivityIndices, MorrisTrajectoriesMoveEachFactorOnceByDeltaOnTheGrid) {
    const int levels = 6;
    const Design design = morris_design(20, levels, 5, 9);
    ASSERT_EQ(design.points(), 20u * 6u);
    const double delta = morris_delta(levels);
    EXPECT_DOUBLE_EQ(delta, 0.6);
    for (std::size_t t = 0; t < 20; ++t) {
        std::set<int> moved;
        for (std::size_t s = 1; s <= 5; ++s) {
            const std::size_t p = t * 6 + s;
            const int i = design.moved[p];
            moved.insert(i);
            EXPECT_NEAR(std::abs(design.point(p)[i] - design.point(p - 1)[i]), delta, 1e-12);
            for (std::size_t j = 0; j < 5; ++j) {
                const double level = design.point(p)[j] * (levels - 1);
                EXPECT_NEAR(level, std::round(level), 1e-12); // on the grid
                EXPECT_GE(design.point(p)[j], 0.0);
                EXPECT_LE(design.point(p)[j], 1.0);
                if (static_cast<int>(j) != i) {
                    EXPECT_EQ(design.point(p)[j], design.point(p - 1)[j]);
                }
            }
        }
        EXPECT_EQ(moved.size(), 5u);
    }
}

TEST(SensitivityIndices, ALinearFunctionHasElementaryEffectsEqualToItsSlopes) {
    // y = sum of c_i u_i: every elementary effect of factor i is c_i exactly, so mu = mu* = c_i
    // and sigma = 0 (Morris 1991).
    const Design design = morris_design(8, 4, 3, 2);
    const double slopes[] = {2.0, -3.0, 0.5};
    std::vector<double> y;
    for (std::size_t p = 0; p < design.points(); ++p)
        y.push_back(slopes[0] * design.point(p)[0] + slopes[1] * design.point(p)[1] +
                    slopes[2] * design.point(p)[2]);
    const MorrisIndices m = morris_indices(design, y);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_NEAR(m.mu[i], slopes[i], 1e-12);
        EXPECT_NEAR(m.mu_star[i], std::abs(slopes[i]), 1e-12);
        EXPECT_NEAR(m.sigma[i], 0.0, 1e-12);
    }
}

TEST(SensitivityIndices, TheSameStudyGivesTheSameBitsAtOneAndTwoThreads) {
    const StudyLoad load = load_study_text(R"([study]
method = "sobol"
samples = 512
seed = 4
model = "ishigami"
)",
                                           "test_study.toml");
    const Ranks ranks;
    StudyOptions one;
    one.threads = 1;
    StudyOptions two;
    two.threads = 2;
    const StudyResult a = *run_study(*load.study, nullptr, one, ranks);
    const StudyResult b = *run_study(*load.study, nullptr, two, ranks);
    EXPECT_EQ(a.values, b.values);
    EXPECT_EQ(a.sobol[0].first, b.sobol[0].first);
    EXPECT_EQ(a.sobol[0].total_high, b.sobol[0].total_high);
}

} // namespace
} // namespace migsim
