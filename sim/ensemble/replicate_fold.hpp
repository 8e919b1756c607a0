#pragma once
// Folds the replicates of a rank into moments as they finish, in any order on any thread, with
// bounded memory: a replicate's values are kept only until the replicates before it are in (a
// replicate that finishes early waits), then folded in replicate order (ensemble/moments.hpp).
// Across ranks the first rank absorbs the others' folds in rank order. The result is the same bits
// whatever the numbers of ranks and threads.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ensemble/moments.hpp"

namespace migsim {

/// One series of values that every replicate gives: a dataset's values, its errors, a margin...
struct SeriesSpec {
    std::string name;     ///< for messages
    bool integer = false; ///< summed exactly; otherwise folded in the tree
    std::size_t cells = 0;
    bool keep = false; ///< every replicate's values are kept (a small series)

    bool operator==(const SeriesSpec&) const = default;
};

/// A replicate's values of one series.
using SeriesValues = std::variant<std::vector<std::int64_t>, std::vector<double>>;

/// The moments of a series over the replicates, cell by cell.
struct SeriesSummary {
    std::uint64_t count = 0;
    std::vector<MeanVariance> cells;
    /// Each replicate's values, when the series keeps them: [replicate][cell].
    std::vector<std::vector<double>> replicates;
};

class ReplicateFold {
public:
    /// The fold of replicates first..last-1 (a rank's share) of `total`.
    ReplicateFold(std::vector<SeriesSpec> series, std::uint64_t first, std::uint64_t last,
                  std::uint64_t total);

    const std::vector<SeriesSpec>& series() const { return series_; }

    /// Replicate `replicate`'s values of every series, in the order of series(). Safe to call from
    /// several threads. Throws std::invalid_argument when the values do not match the series.
    void add(std::uint64_t replicate, std::vector<SeriesValues> values);

    /// Whether every replicate of the range is folded.
    bool complete() const;

    /// The state of a complete fold, for the first rank.
    std::string serialise() const;
    /// The complete fold of the next rank's range, on the first rank: its range must start where
    /// this one's ends. Throws std::runtime_error when it does not fit.
    void absorb(std::string_view state);

    /// The moments over every replicate 0..total-1, once all are folded (throws std::logic_error
    /// otherwise).
    std::vector<SeriesSummary> summaries() const;

private:
    void fold(std::uint64_t replicate, std::vector<SeriesValues>& values);

    std::vector<SeriesSpec> series_;
    std::uint64_t first_;
    std::uint64_t next_; ///< the next replicate to fold
    std::uint64_t last_; ///< the end of the range folded so far (grows as ranks are absorbed)
    std::uint64_t total_;
    std::vector<std::size_t> integer_series_; ///< series numbers of the exact sums, in order
    std::vector<std::size_t> real_offset_;    ///< per series: its first cell among the real cells
    std::size_t real_cells_ = 0;
    std::vector<ExactSums> sums_;                       ///< of the integer series
    OrderedTree tree_;                                  ///< of all real series, concatenated
    std::map<std::uint64_t, std::vector<double>> kept_; ///< kept series' values by replicate, concatenated
    std::map<std::uint64_t, std::vector<SeriesValues>> waiting_;
    mutable std::mutex mutex_;
};

} // namespace migsim
