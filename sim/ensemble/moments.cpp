#include "ensemble/moments.hpp"

#include <cstring>
#include <limits>
#include <stdexcept>

namespace migsim {

namespace {

constexpr uint128 uint128_max = ~uint128{0};

uint128 saturating_add(uint128 a, uint128 b, bool& saturated) {
    uint128 sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) {
        saturated = true;
        return uint128_max;
    }
    return sum;
}

uint128 magnitude(int128 value) {
    return value < 0 ? uint128(0) - static_cast<uint128>(value) : static_cast<uint128>(value);
}

} // namespace

void ExactSums::add(const std::vector<std::int64_t>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int128 x = values[i];
        sum[i] += x;
        // |x| < 2^63, so x^2 < 2^126 fits.
        const uint128 x2 = magnitude(x) * magnitude(x);
        sum_of_squares[i] = saturating_add(sum_of_squares[i], x2, saturated);
    }
}

void ExactSums::add(const ExactSums& other) {
    saturated = saturated || other.saturated;
    for (std::size_t i = 0; i < sum.size(); ++i) {
        sum[i] += other.sum[i];
        sum_of_squares[i] = saturating_add(sum_of_squares[i], other.sum_of_squares[i], saturated);
    }
}

RealMoments RealMoments::of(const std::vector<double>& values) {
    return {1, values, std::vector<double>(values.size(), 0.0)};
}

RealMoments RealMoments::merged(const RealMoments& left, const RealMoments& right) {
    if (left.count == 0)
        return right;
    if (right.count == 0)
        return left;
    RealMoments result;
    result.count = left.count + right.count;
    const double a = static_cast<double>(left.count);
    const double b = static_cast<double>(right.count);
    const double n = static_cast<double>(result.count);
    const double weight_b = b / n;
    const double weight_ab = a * b / n;
    result.mean.resize(left.mean.size());
    result.m2.resize(left.mean.size());
    for (std::size_t i = 0; i < left.mean.size(); ++i) {
        const double delta = right.mean[i] - left.mean[i];
        result.mean[i] = left.mean[i] + delta * weight_b;
        result.m2[i] = left.m2[i] + right.m2[i] + delta * delta * weight_ab;
    }
    return result;
}

void OrderedTree::push(TreeNode node) {
    stack_.push_back(std::move(node));
    // Two siblings on top (same level, the left one's index even and the right one next to it)
    // become their parent.
    while (stack_.size() >= 2) {
        TreeNode& left = stack_[stack_.size() - 2];
        const TreeNode& right = stack_.back();
        if (left.level != right.level || left.index % 2 != 0 || right.index != left.index + 1)
            break;
        TreeNode parent{left.level + 1, left.index / 2, RealMoments::merged(left.moments, right.moments)};
        stack_.pop_back();
        stack_.back() = std::move(parent);
    }
}

RealMoments OrderedTree::root() const {
    if (stack_.empty())
        return {};
    // The pending nodes are the binary digits of the number of replicates, largest first: the
    // tree's root merges the first with the merge of the rest, and so on from the last.
    RealMoments result = stack_.back().moments;
    for (std::size_t i = stack_.size() - 1; i-- > 0;)
        result = RealMoments::merged(stack_[i].moments, result);
    return result;
}

MeanVariance exact_mean_variance(std::uint64_t count, int128 sum, uint128 sum_of_squares) {
    MeanVariance result;
    if (count == 0)
        return result;
    const auto n = static_cast<long double>(count);
    result.mean = static_cast<double>(static_cast<long double>(sum) / n);
    result.mean_square = static_cast<double>(static_cast<long double>(sum_of_squares) / n);
    if (count < 2)
        return result;
    // n sum(x^2) - sum(x)^2 = n^2 times the mean squared deviation: exact when it fits.
    uint128 scaled = 0;
    uint128 square = 0;
    const uint128 sum_magnitude = magnitude(sum);
    const bool exact = sum_of_squares != uint128_max &&
                       !__builtin_mul_overflow(sum_of_squares, static_cast<uint128>(count), &scaled) &&
                       !__builtin_mul_overflow(sum_magnitude, sum_magnitude, &square) && scaled >= square;
    if (exact) {
        result.variance = static_cast<double>(static_cast<long double>(scaled - square) / (n * (n - 1.0L)));
    } else {
        const long double mean = static_cast<long double>(sum) / n;
        const long double deviations =
            static_cast<long double>(sum_of_squares) - mean * static_cast<long double>(sum);
        result.variance = static_cast<double>(deviations > 0 ? deviations / (n - 1.0L) : 0.0L);
    }
    return result;
}

MeanVariance real_mean_variance(std::uint64_t count, double mean, double m2) {
    MeanVariance result;
    if (count == 0)
        return result;
    const double n = static_cast<double>(count);
    result.mean = mean;
    result.mean_square = mean * mean + m2 / n;
    result.variance = count > 1 ? m2 / (n - 1.0) : 0.0;
    return result;
}

void ByteReader::copy(void* target, std::size_t size) {
    if (size > bytes_.size() - offset_)
        throw std::runtime_error("a rank's state ends early: the ranks do not run one migsim");
    if (size > 0)
        std::memcpy(target, bytes_.data() + offset_, size);
    offset_ += size;
}

void write_moments(ByteWriter& out, const RealMoments& moments) {
    out.put(moments.count);
    out.put_vector(moments.mean);
    out.put_vector(moments.m2);
}

RealMoments read_moments(ByteReader& in) {
    RealMoments moments;
    moments.count = in.get<std::uint64_t>();
    moments.mean = in.get_vector<double>();
    moments.m2 = in.get_vector<double>();
    return moments;
}

} // namespace migsim
