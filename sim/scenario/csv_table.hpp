#pragma once
// Reading the scenario's CSV tables: a header line of column names, then one row per combination
// of key columns (categories such as sex, and one single-year index such as age), every
// combination exactly once. `#` lines are comments. The reader checks the shape and every cell and
// reports each problem with file, line and column; the table loaders (tables.cpp) then only deal
// with what the numbers mean.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/parameters.hpp"

namespace migsim {

struct CategoryColumn {
    std::string name;
    std::vector<std::string> levels;
};

enum class IndexCoverage {
    full,       ///< exactly first..last
    open_ended, ///< first..L for one L <= last; the row at L holds everybody of L and over
    contiguous, ///< some unbroken lo..hi within first..last
};

/// The single-year key column; a table keyed by categories only has none: an empty name, with
/// first = last = 0 (`no_index()`).
struct IndexColumn {
    std::string name;
    int first = 0;
    int last = oldest_age;
    IndexCoverage coverage = IndexCoverage::full;
    std::string range_note = ""; ///< why the range is what it is: " (returns.max_years_abroad = 10)"
};

inline IndexColumn no_index() {
    return {"", 0, 0, IndexCoverage::full};
}

struct ValueColumn {
    std::string name;
    double min = 0.0;
    double max = unbounded;
    bool integral = false;
};

struct TableSpec {
    std::vector<CategoryColumn> categories; ///< combination index: the first category varies slowest
    IndexColumn index;
    std::vector<ValueColumn> values;
    /// The columns in the order the format is documented, for messages (when not keys then values).
    std::vector<std::string> documented_order = {};
};

/// A table that passed every check of its spec.
class TableGrid {
public:
    TableGrid(int combinations, int first_index, int last_index, int value_columns);

    int combinations() const { return combinations_; }
    int first_index() const { return first_index_; }
    int last_index() const { return last_index_; } ///< for open-ended tables, the open last row
    double value(int combination, int index, int column) const {
        return values_[slot(combination, index) * value_columns_ + column];
    }
    int line(int combination, int index) const { return lines_[slot(combination, index)]; }

private:
    friend std::optional<TableGrid> parse_table(std::string_view, const TableContext&, const TableSpec&);
    std::size_t slot(int combination, int index) const {
        return static_cast<std::size_t>(combination) * static_cast<std::size_t>(width_) +
               static_cast<std::size_t>(index - first_index_);
    }
    int combinations_;
    int first_index_;
    int last_index_;
    int width_;
    int value_columns_;
    std::vector<double> values_;
    std::vector<int> lines_; ///< CSV line of each row, 0 = absent
};

/// Reads and checks the table at context.path (or context.content when given); nothing (and
/// problems) when anything is wrong. Only a regular file of at most limits::table_file_bytes is read.
std::optional<TableGrid> read_table(const TableContext& context, const TableSpec& spec);

/// The same on a table's text; context.path names it in messages.
std::optional<TableGrid> parse_table(std::string_view content, const TableContext& context,
                                     const TableSpec& spec);

} // namespace migsim
