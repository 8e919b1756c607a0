#pragma once
// Moments over replicates that give the same bits however the replicates are spread over threads
// and ranks.
//  - Counts are summed exactly: the sum of the values and of their squares in 128-bit integers, so
//    that the order of the additions cannot matter.
//  - Real values are folded by the pairwise update of Chan, Golub & LeVeque (1979), which merges
//    the mean and the sum of squared deviations of two sets; a single value merged into a set is
//    Welford's (1962) update. Floating-point merges depend on their order, so the merges follow
//    one fixed binary tree over the replicate numbers 0..R-1 (node (level l, index i) holds the
//    replicates i 2^l .. (i + 1) 2^l - 1), whatever rank or thread computed which replicate. A
//    rank folds its own replicates into the nodes of the tree that lie wholly in its range (at most
//    two per level: memory O(log R)); the first rank absorbs the others' nodes in range order and
//    completes the same tree.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace migsim {

__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

/// Exact sums of integer values and of their squares, cell by cell. The sum of squares saturates
/// at 2^128 - 1 (and says so) rather than wrapping: it only grows, so whether it saturates does not
/// depend on the order of the additions.
struct ExactSums {
    std::vector<int128> sum;
    std::vector<uint128> sum_of_squares;
    bool saturated = false;

    explicit ExactSums(std::size_t cells = 0) : sum(cells, 0), sum_of_squares(cells, 0) {}
    void add(const std::vector<std::int64_t>& values);
    void add(const ExactSums& other);
};

/// Means and sums of squared deviations (M2) of real values over a set of replicates.
struct RealMoments {
    std::uint64_t count = 0;
    std::vector<double> mean;
    std::vector<double> m2;

    /// One replicate's values: count 1, M2 0.
    static RealMoments of(const std::vector<double>& values);
    /// `left` followed by `right` (Chan et al. 1979): n = a + b, d = mean_b - mean_a,
    /// mean = mean_a + d b / n, M2 = M2_a + M2_b + d^2 a b / n.
    static RealMoments merged(const RealMoments& left, const RealMoments& right);
};

/// A node of the fixed tree over replicate numbers.
struct TreeNode {
    int level = 0;
    std::uint64_t index = 0; ///< the node holds replicates index 2^level .. (index + 1) 2^level - 1
    RealMoments moments;
};

/// Folds replicates given in increasing order (one by one, or as nodes another rank completed)
/// into the tree: a binary counter whose digits are the completed nodes.
class OrderedTree {
public:
    /// Replicate `replicate`'s values.
    void push_replicate(std::uint64_t replicate, const std::vector<double>& values) {
        push({0, replicate, RealMoments::of(values)});
    }
    /// A node another rank completed; nodes come in the order of the replicates they hold.
    void push(TreeNode node);
    /// The nodes not yet merged, first replicates first.
    const std::vector<TreeNode>& pending() const { return stack_; }
    /// The moments of every replicate pushed: the pending nodes merged from the last to the first,
    /// which is the root of the tree over 0..R-1 when the replicates pushed are all of 0..R-1.
    RealMoments root() const;

private:
    std::vector<TreeNode> stack_;
};

/// The mean and the variance (divisor n - 1) of `count` values from their exact sums, computed
/// from n sum(x^2) - sum(x)^2 in exact integers where it fits, in long double otherwise.
struct MeanVariance {
    double mean = 0.0;
    double variance = 0.0;
    double mean_square = 0.0; ///< sum(x^2) / n
};
MeanVariance exact_mean_variance(std::uint64_t count, int128 sum, uint128 sum_of_squares);
/// The same from real moments: variance M2 / (n - 1), mean square mean^2 + M2 / n.
MeanVariance real_mean_variance(std::uint64_t count, double mean, double m2);

/// Byte strings of the states ranks exchange (host byte order: the ranks of a job run one binary).
class ByteWriter {
public:
    template <class T>
    void put(const T& value) {
        bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    template <class T>
    void put_vector(const std::vector<T>& values) {
        put<std::uint64_t>(values.size());
        bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
    }
    void put_text(std::string_view text) {
        put<std::uint64_t>(text.size());
        bytes_.append(text);
    }
    std::string take() { return std::move(bytes_); }

private:
    std::string bytes_;
};

class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}
    template <class T>
    T get() {
        T value;
        copy(&value, sizeof value);
        return value;
    }
    template <class T>
    std::vector<T> get_vector() {
        std::vector<T> values(get<std::uint64_t>());
        copy(values.data(), values.size() * sizeof(T));
        return values;
    }
    std::string get_text() {
        std::string text(get<std::uint64_t>(), '\0');
        copy(text.data(), text.size());
        return text;
    }
    bool done() const { return offset_ == bytes_.size(); }

private:
    void copy(void* target, std::size_t size);
    std::string_view bytes_;
    std::size_t offset_ = 0;
};

void write_moments(ByteWriter& out, const RealMoments& moments);
RealMoments read_moments(ByteReader& in);

} // namespace migsim
