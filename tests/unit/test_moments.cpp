// links: migsim_studies
// Moments over replicates: exact integer sums, Chan's pairwise update along the fixed tree, and the
// fold of replicates that arrive in any order on any rank: the same bits whatever the split.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

#include "ensemble/moments.hpp"
#include "ensemble/replicate_fold.hpp"

namespace migsim {
namespace {

/// Values with a large mean and a small spread: where a one-pass sum of squares loses every digit.
std::vector<std::vector<double>> replicates_of(std::size_t replicates, std::size_t cells, unsigned seed) {
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<std::vector<double>> values(replicates, std::vector<double>(cells));
    for (auto& replicate : values)
        for (std::size_t c = 0; c < cells; ++c)
            replicate[c] = 1e8 + 1000.0 * static_cast<double>(c) + noise(engine);
    return values;
}

struct TwoPass {
    double mean = 0.0;
    double variance = 0.0;
};

TwoPass two_pass(const std::vector<double>& x) {
    TwoPass r;
    r.mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    for (const double v : x)
        r.variance += (v - r.mean) * (v - r.mean);
    r.variance /= static_cast<double>(x.size() - 1);
    return r;
}

TEST(Moments, ExactSumsGiveTheMeanAndVarianceOfTheValues) {
    // Values near 2^40: their squares near 2^80 need the 128-bit sums.
    const std::vector<std::int64_t> values = {(std::int64_t{1} << 40) + 3, (std::int64_t{1} << 40) - 5,
                                              (std::int64_t{1} << 40) + 11, (std::int64_t{1} << 40)};
    ExactSums sums(1);
    for (const std::int64_t v : values)
        sums.add(std::vector<std::int64_t>{v});
    const MeanVariance mv = exact_mean_variance(values.size(), sums.sum[0], sums.sum_of_squares[0]);
    // Deviations from 2^40: 3, -5, 11, 0; mean 9/4; sum of squared deviations 155 - 81/4.
    EXPECT_DOUBLE_EQ(mv.mean, std::ldexp(1.0, 40) + 2.25);
    EXPECT_DOUBLE_EQ(mv.variance, (155.0 - 81.0 / 4.0) / 3.0);
    EXPECT_FALSE(sums.saturated);
}

TEST(Moments, ASumOfSquaresThatOverflowsSaturatesInsteadOfWrapping) {
    ExactSums sums(1);
    const std::int64_t big = std::numeric_limits<std::int64_t>::max();
    for (int i = 0; i < 64; ++i)
        sums.add(std::vector<std::int64_t>{big});
    EXPECT_TRUE(sums.saturated);
    EXPECT_EQ(sums.sum_of_squares[0], ~uint128{0});
}

TEST(Moments, WelfordAndChanAlongTheTreeEqualTwoPass) {
    for (const std::size_t replicates : {2u, 3u, 7u, 64u, 100u}) {
        const auto values = replicates_of(replicates, 5, 11);
        OrderedTree tree;
        for (std::size_t r = 0; r < replicates; ++r)
            tree.push_replicate(r, values[r]);
        const RealMoments root = tree.root();
        ASSERT_EQ(root.count, replicates);
        for (std::size_t c = 0; c < 5; ++c) {
            std::vector<double> column;
            for (const auto& replicate : values)
                column.push_back(replicate[c]);
            const TwoPass expected = two_pass(column);
            const MeanVariance got = real_mean_variance(root.count, root.mean[c], root.m2[c]);
            // Relative to the variance (about 1), not to the mean (1e8): what a one-pass
            // sum(x^2) - n mean^2 would get wrong entirely.
            EXPECT_NEAR(got.mean, expected.mean, 1e-7) << replicates;
            EXPECT_NEAR(got.variance, expected.variance, 1e-7 * expected.variance) << replicates;
        }
    }
}

TEST(Moments, ASingleValueMergedIsWelfordsUpdate) {
    // Welford (1962): mean_n = mean + d / n, M2_n = M2 + d (x - mean_n).
    const RealMoments left{3, {10.0}, {8.0}};
    const RealMoments merged = RealMoments::merged(left, RealMoments::of({14.0}));
    const double mean = 10.0 + 4.0 / 4.0;
    EXPECT_DOUBLE_EQ(merged.mean[0], mean);
    EXPECT_DOUBLE_EQ(merged.m2[0], 8.0 + 4.0 * (14.0 - mean));
}

/// The root of the tree when replicates 0..R-1 are split at `cuts` among "ranks", each folding its
/// own range, the first absorbing the others' pending nodes in order.
RealMoments root_with_cuts(const std::vector<std::vector<double>>& values, std::vector<std::size_t> cuts) {
    cuts.insert(cuts.begin(), 0);
    cuts.push_back(values.size());
    OrderedTree first;
    for (std::size_t rank = 0; rank + 1 < cuts.size(); ++rank) {
        OrderedTree own;
        for (std::size_t r = cuts[rank]; r < cuts[rank + 1]; ++r)
            own.push_replicate(r, values[r]);
        for (const TreeNode& node : own.pending())
            first.push(node);
    }
    return first.root();
}

TEST(Moments, TheTreeGivesTheSameBitsHoweverTheReplicatesAreSplit) {
    for (const std::size_t replicates : {5u, 13u, 32u, 37u}) {
        const auto values = replicates_of(replicates, 3, 5);
        const RealMoments reference = root_with_cuts(values, {});
        // Every split in two, and some in three and more.
        std::vector<std::vector<std::size_t>> splits;
        for (std::size_t a = 0; a <= replicates; ++a)
            splits.push_back({a});
        splits.push_back({1, 2});
        splits.push_back({3, 4, 11 % replicates == 0 ? 4 : std::min<std::size_t>(11, replicates)});
        splits.push_back({replicates / 3, 2 * replicates / 3});
        for (const auto& cuts : splits) {
            const RealMoments got = root_with_cuts(values, cuts);
            ASSERT_EQ(got.count, reference.count);
            for (std::size_t c = 0; c < 3; ++c) {
                // Bit for bit, not nearly.
                EXPECT_EQ(got.mean[c], reference.mean[c]) << replicates << " cut at " << cuts.front();
                EXPECT_EQ(got.m2[c], reference.m2[c]) << replicates << " cut at " << cuts.front();
            }
        }
    }
}

std::vector<SeriesSpec> specs() {
    return {{"counts", true, 4, false}, {"reals", false, 3, false}, {"totals", true, 2, true}};
}

std::vector<SeriesValues> observation(std::uint64_t r) {
    const auto x = static_cast<std::int64_t>(r);
    const auto y = static_cast<double>(r);
    return {std::vector<std::int64_t>{x, x * x, 1000 - x, 7},
            std::vector<double>{1e6 + std::sin(y), std::cos(y) / 3.0, y * 0.1},
            std::vector<std::int64_t>{x % 5, -x}};
}

std::vector<SeriesSummary> folded(std::uint64_t replicates, const std::vector<std::uint64_t>& cuts,
                                  const std::vector<std::uint64_t>& order) {
    std::vector<std::uint64_t> bounds = {0};
    bounds.insert(bounds.end(), cuts.begin(), cuts.end());
    bounds.push_back(replicates);
    std::vector<std::unique_ptr<ReplicateFold>> ranks;
    for (std::size_t k = 0; k + 1 < bounds.size(); ++k)
        ranks.push_back(std::make_unique<ReplicateFold>(specs(), bounds[k], bounds[k + 1], replicates));
    for (const std::uint64_t r : order)
        for (std::size_t k = 0; k + 1 < bounds.size(); ++k)
            if (r >= bounds[k] && r < bounds[k + 1])
                ranks[k]->add(r, observation(r));
    for (std::size_t k = 1; k < ranks.size(); ++k)
        ranks[0]->absorb(ranks[k]->serialise());
    return ranks[0]->summaries();
}

void expect_identical(const std::vector<SeriesSummary>& a, const std::vector<SeriesSummary>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t s = 0; s < a.size(); ++s) {
        ASSERT_EQ(a[s].cells.size(), b[s].cells.size());
        for (std::size_t c = 0; c < a[s].cells.size(); ++c) {
            EXPECT_EQ(a[s].cells[c].mean, b[s].cells[c].mean);
            EXPECT_EQ(a[s].cells[c].variance, b[s].cells[c].variance);
            EXPECT_EQ(a[s].cells[c].mean_square, b[s].cells[c].mean_square);
        }
        EXPECT_EQ(a[s].replicates, b[s].replicates);
    }
}

TEST(ReplicateFold, AnyOrderOfArrivalAndAnySplitGiveTheSameBits) {
    const std::uint64_t replicates = 23;
    std::vector<std::uint64_t> in_order(replicates);
    std::iota(in_order.begin(), in_order.end(), 0);
    const auto reference = folded(replicates, {}, in_order);
    std::mt19937 engine(3);
    for (int trial = 0; trial < 10; ++trial) {
        std::vector<std::uint64_t> shuffled = in_order;
        std::shuffle(shuffled.begin(), shuffled.end(), engine);
        expect_identical(folded(replicates, {}, shuffled), reference);
        expect_identical(folded(replicates, {static_cast<std::uint64_t>(trial + 1)}, shuffled), reference);
        expect_identical(folded(replicates, {5, 12, 12, 20}, shuffled), reference);
    }
}

TEST(ReplicateFold, SummariesEqualADirectComputationOverTheReplicates) {
    const std::uint64_t replicates = 9;
    std::vector<std::uint64_t> order(replicates);
    std::iota(order.begin(), order.end(), 0);
    const auto summaries = folded(replicates, {4}, order);
    for (std::size_t s = 0; s < 3; ++s)
        for (std::size_t c = 0; c < summaries[s].cells.size(); ++c) {
            std::vector<double> column;
            for (std::uint64_t r = 0; r < replicates; ++r)
                column.push_back(
                    std::visit([&](const auto& v) { return static_cast<double>(v[c]); }, observation(r)[s]));
            const TwoPass expected = two_pass(column);
            EXPECT_NEAR(summaries[s].cells[c].mean, expected.mean, 1e-9 * (1.0 + std::abs(expected.mean)));
            EXPECT_NEAR(summaries[s].cells[c].variance, expected.variance, 1e-9 * (1.0 + expected.variance));
        }
    // The kept series has each replicate's values, in replicate order.
    ASSERT_EQ(summaries[2].replicates.size(), replicates);
    EXPECT_EQ(summaries[2].replicates[7], (std::vector<double>{2.0, -7.0}));
}

TEST(ReplicateFold, RefusesReplicatesTwiceOutOfRangeOrOfAnotherShape) {
    ReplicateFold fold(specs(), 0, 4, 4);
    fold.add(1, observation(1));
    EXPECT_THROW(fold.add(1, observation(1)), std::invalid_argument);
    EXPECT_THROW(fold.add(4, observation(4)), std::invalid_argument);
    std::vector<SeriesValues> wrong = observation(2);
    wrong[1] = std::vector<double>{1.0};
    EXPECT_THROW(fold.add(2, wrong), std::invalid_argument);
    EXPECT_THROW(fold.summaries(), std::logic_error); // replicates 0, 2, 3 missing
}

TEST(ReplicateFold, AbsorbsOnlyTheNextRangeOfTheSameSeries) {
    ReplicateFold first(specs(), 0, 2, 4);
    ReplicateFold third(specs(), 3, 4, 4);
    for (std::uint64_t r : {0u, 1u})
        first.add(r, observation(r));
    third.add(3, observation(3));
    EXPECT_THROW(first.absorb(third.serialise()), std::runtime_error); // replicate 2 is missing
    EXPECT_THROW(first.absorb("not a fold"), std::runtime_error);
}

} // namespace
} // namespace migsim
