#pragma once
// Integerisation of fitted (real-valued) counts so that margins are kept exactly: every cell is
// rounded down or up (never further than 1 from its real value) and the numbers rounded up are
// chosen by largest remainders.
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace migsim {

using CountMatrix = Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic>;

struct IntegeriseResult {
    CountMatrix counts; ///< empty on error
    std::string error;  ///< empty on success
    bool ok() const { return error.empty(); }
};

/// Controlled rounding of `fitted` (non-negative) column by column. Each column j is rounded to
/// sum exactly to column_margins[j]: its cells are first rounded down, then the missing units
/// go to the cells with the largest priority, priority = fractional part + the row's rounding
/// deficit carried from the columns already done (sum over earlier columns of fitted - rounded).
/// The carried deficit keeps every row total close to the row's fitted total (typically within
/// 1; never a guarantee). Cells whose fitted value is 0 stay 0. Equal priorities are ordered by
/// keyed_draw(tie_seed, cell, 0, areas_stream), cell = row x cols + column, so the result is deterministic.
/// Errors (returned, never thrown): a negative or non-finite cell, a margin vector of the wrong
/// length, or a column margin that cannot be reached by rounding each cell down or up.
IntegeriseResult integerise_columns(const Eigen::MatrixXd& fitted,
                                    const std::vector<std::int64_t>& column_margins, std::uint64_t tie_seed);

struct RoundedVector {
    std::vector<std::int64_t> values; ///< empty on error
    std::string error;
    bool ok() const { return error.empty(); }
};

/// Largest-remainder rounding of non-negative `values` to integers summing exactly to `total`
/// (each value rounded down or up); ties ordered by keyed_draw(tie_seed, index, 1, areas_stream).
RoundedVector round_to_total(const std::vector<double>& values, std::int64_t total, std::uint64_t tie_seed);

} // namespace migsim
