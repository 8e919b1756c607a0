#pragma once
// A run's datasets read by path from its output contents, as the ensembles and comparisons see
// them: a dataset's values, the values of its declared target aligned to its cells, and its
// margins. Nothing here knows which datasets a run has: the run's layout says (io/summary_layouts),
// so that a dataset added to the layout is summarised like the others.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ensemble/replicate_fold.hpp"
#include "io/output_contents.hpp"
#include "io/summary_layouts.hpp"

namespace migsim {

/// The arrays of `contents` by full path ("/truth/population"), with their groups.
struct NamedArray {
    const OutputGroup* group = nullptr;
    const OutputArray* array = nullptr;
};
std::map<std::string, NamedArray> named_arrays(const OutputContents& contents);

/// Where a dataset's cells go when they are summed over some of its dims: each cell's cell of the
/// result (or -1 when the result leaves the cell out).
struct CellMap {
    std::vector<Coordinate> coordinates; ///< of the result, in its dims' order
    std::vector<std::int64_t> cell_of;   ///< by cell of the source
    std::size_t cells = 0;               ///< of the result

    /// The source's values summed into the result's cells.
    SeriesValues sum(const SeriesValues& values) const;
};

/// One dataset of a run as the first replicate gave it: its coordinates, its target's cells
/// matched to its own (by label; the target summed over the dims the dataset lacks), its margins.
struct DatasetGeometry {
    SummarisedDataset layout;
    std::vector<Coordinate> coordinates; ///< of the dataset's dims, in their order
    std::size_t cells = 0;
    bool has_target = false; ///< a target other than "zero"
    bool integer_target = false;
    CellMap target;               ///< the target's cells into the dataset's
    std::vector<CellMap> margins; ///< as layout.margins

    /// The geometry of `layout`'s dataset in `first` (the first replicate's contents). Throws
    /// std::invalid_argument when the contents miss the dataset or its target, or a label of the
    /// dataset has no match in the target.
    DatasetGeometry(const SummarisedDataset& layout, const std::map<std::string, NamedArray>& first);

    /// The dataset's values in `arrays` (another replicate: its coordinates must be the same).
    SeriesValues values(const std::map<std::string, NamedArray>& arrays) const;
    /// Its target's values, aligned to its cells.
    SeriesValues target_values(const std::map<std::string, NamedArray>& arrays) const;
    /// Its declared variance's values.
    std::vector<double> variance_values(const std::map<std::string, NamedArray>& arrays) const;
};

/// The geometries of every dataset of `run_layout` in `first`.
std::vector<DatasetGeometry> dataset_geometries(const OutputSchema& run_layout, const OutputContents& first);

/// a - b, cell by cell (integers stay exact).
SeriesValues difference(const SeriesValues& a, const SeriesValues& b);
/// Each value squared, as reals.
std::vector<double> squares(const SeriesValues& values);
/// The values as reals.
std::vector<double> reals(const SeriesValues& values);

} // namespace migsim
