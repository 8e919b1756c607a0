#include "calibration/integerise.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "calibration/streams.hpp"

namespace migsim {

namespace {

/// Which `units` of the candidates get one more: highest priority first, then the keyed tie-break,
/// then the index (the draws of two cells are equal with probability 2^-32).
std::vector<std::size_t> largest_priorities(const std::vector<double>& priority, std::int64_t units,
                                            std::uint64_t tie_seed, std::uint64_t first_cell,
                                            std::uint64_t cell_stride, std::int64_t tie_month) {
    std::vector<std::size_t> order(priority.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::vector<std::uint32_t> tie(priority.size());
    for (std::size_t i = 0; i < priority.size(); ++i)
        tie[i] = keyed_draw(tie_seed, first_cell + i * cell_stride, tie_month, areas_stream);
    const auto chosen = static_cast<std::ptrdiff_t>(units);
    std::partial_sort(order.begin(), order.begin() + chosen, order.end(), [&](std::size_t a, std::size_t b) {
        if (priority[a] != priority[b])
            return priority[a] > priority[b];
        if (tie[a] != tie[b])
            return tie[a] < tie[b];
        return a < b;
    });
    order.resize(static_cast<std::size_t>(units));
    return order;
}

} // namespace

IntegeriseResult integerise_columns(const Eigen::MatrixXd& fitted,
                                    const std::vector<std::int64_t>& column_margins, std::uint64_t tie_seed) {
    IntegeriseResult result;
    const Eigen::Index rows = fitted.rows();
    const Eigen::Index cols = fitted.cols();
    if (static_cast<Eigen::Index>(column_margins.size()) != cols) {
        result.error = "there are " + std::to_string(column_margins.size()) + " column margins for " +
                       std::to_string(cols) + " columns";
        return result;
    }
    // A plain loop, not Eigen's reductions (GCC 12 warns falsely inside them with AVX-512).
    for (Eigen::Index k = 0; k < fitted.size(); ++k)
        if (!std::isfinite(fitted.data()[k]) || fitted.data()[k] < 0.0) {
            result.error = "a fitted count is negative or not finite";
            return result;
        }

    CountMatrix counts(rows, cols);
    std::vector<double> row_deficit(static_cast<std::size_t>(rows), 0.0);
    std::vector<double> priority(static_cast<std::size_t>(rows));
    for (Eigen::Index j = 0; j < cols; ++j) {
        std::int64_t floors = 0;
        for (Eigen::Index i = 0; i < rows; ++i) {
            const double value = fitted(i, j);
            const double down = std::floor(value);
            counts(i, j) = static_cast<std::int64_t>(down);
            floors += counts(i, j);
            // A structural zero stays zero: it comes last whatever its row's deficit.
            priority[static_cast<std::size_t>(i)] =
                value > 0.0 ? (value - down) + row_deficit[static_cast<std::size_t>(i)]
                            : -std::numeric_limits<double>::infinity();
        }
        const std::int64_t units = column_margins[static_cast<std::size_t>(j)] - floors;
        if (units < 0 || units > rows) {
            result.error = "column " + std::to_string(j) + ": margin " +
                           std::to_string(column_margins[static_cast<std::size_t>(j)]) +
                           " cannot be reached by rounding its cells (sum of cells rounded down " +
                           std::to_string(floors) + ", " + std::to_string(rows) + " cells)";
            return result;
        }
        const auto first_cell = static_cast<std::uint64_t>(j);
        for (const std::size_t i :
             largest_priorities(priority, units, tie_seed, first_cell, static_cast<std::uint64_t>(cols), 0))
            counts(static_cast<Eigen::Index>(i), j) += 1;
        for (Eigen::Index i = 0; i < rows; ++i)
            row_deficit[static_cast<std::size_t>(i)] += fitted(i, j) - static_cast<double>(counts(i, j));
    }
    result.counts = std::move(counts);
    return result;
}

RoundedVector round_to_total(const std::vector<double>& values, std::int64_t total, std::uint64_t tie_seed) {
    RoundedVector result;
    std::vector<std::int64_t> rounded(values.size());
    std::vector<double> remainder(values.size());
    std::int64_t floors = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]) || values[i] < 0.0) {
            result.error = "value " + std::to_string(i) + " is negative or not finite";
            return result;
        }
        const double down = std::floor(values[i]);
        rounded[i] = static_cast<std::int64_t>(down);
        remainder[i] = values[i] - down;
        floors += rounded[i];
    }
    const std::int64_t units = total - floors;
    if (units < 0 || units > static_cast<std::int64_t>(values.size())) {
        result.error = "total " + std::to_string(total) + " cannot be reached by rounding " +
                       std::to_string(values.size()) + " values whose rounded-down sum is " +
                       std::to_string(floors);
        return result;
    }
    for (const std::size_t i : largest_priorities(remainder, units, tie_seed, 0, 1, 1))
        rounded[i] += 1;
    result.values = std::move(rounded);
    return result;
}

} // namespace migsim
