#pragma once
// Which series an ensemble folds for each dataset of a run, and how one replicate's output
// contents become their values (docs/ensembles.md gives the statistics made of them).
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ensemble/replicate_fold.hpp"
#include "ensemble/run_datasets.hpp"

namespace migsim {

/// Half-width of a nominal 95 % normal interval in standard errors: the 0.975 quantile of N(0, 1).
inline constexpr double normal_quantile_975 = 1.959963984540054;

inline constexpr std::size_t no_series = std::numeric_limits<std::size_t>::max();

/// The series of a dataset or a margin: its values x, the target t aligned to its cells, the
/// error e = x - t (x itself when the target is "zero"), the squared error q, the coverage c of its
/// declared interval (1 when the interval holds the target) and its declared variance v.
struct SeriesIndex {
    std::size_t x = no_series, t = no_series, e = no_series, q = no_series, c = no_series, v = no_series;
};

class EnsemblePlan {
public:
    /// The plan of every dataset of `run_layout`, over the coordinates of `first` (one replicate's
    /// contents; every other must have the same).
    EnsemblePlan(const OutputSchema& run_layout, const OutputContents& first);

    const std::vector<SeriesSpec>& specs() const { return specs_; }
    const std::vector<DatasetGeometry>& geometries() const { return geometries_; }
    /// By geometry: the dataset's series, then its margins' (in the order of its layout's margins).
    const std::vector<SeriesIndex>& dataset_series(std::size_t geometry) const {
        return series_[geometry].first;
    }
    const std::vector<SeriesIndex>& margin_series(std::size_t geometry) const {
        return series_[geometry].second;
    }

    /// One replicate's values of every series, in the order of specs().
    std::vector<SeriesValues> observe(const OutputContents& contents) const;

private:
    std::size_t add(const std::string& name, bool integer, std::size_t cells, bool keep);

    std::vector<SeriesSpec> specs_;
    std::vector<DatasetGeometry> geometries_;
    /// By geometry: {the dataset's index (one element)}, {each margin's}.
    std::vector<std::pair<std::vector<SeriesIndex>, std::vector<SeriesIndex>>> series_;
};

} // namespace migsim
