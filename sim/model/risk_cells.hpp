#pragma once
// Risk cells a module can extend. A pass (the month's pass over persons present, the pass over the
// abroad pool) precomputes its hazards and thresholds for every risk cell, so that the loop over
// persons only computes each person's cell and compares draws with integer thresholds. Each pass
// has base dimensions of its own, computed from the core columns (monthly pass: sex, emigration
// status, age; abroad pass: sex, birthplace, years abroad, age). A module adds a dimension of its
// own when it joins a pass: a category read from a one-byte column that any module owns (a
// migrant type, a partner country) or the whole months elapsed since a month a column holds
// (months since arrival, months past an intended departure), each mapped to a few categories by a
// lookup table. Dimensions are shared by name: two modules that declare the same one get one
// handle. A contribution (a competing event or an independent draw) names the dimensions its
// hazard reads; its table spans the base cells times those dimensions, so that a dimension costs
// only the tables that use it.
//
// The categories of an extension dimension are computed for a chunk of persons in a loop without
// branches (a table look-up), so adding one keeps the pass chunked and branch-free.
#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "population/person_table.hpp"

namespace migsim {

/// A dimension a module added to a pass: its index among the pass's extension dimensions.
struct DimensionId {
    std::uint32_t index;
};

/// An extension dimension of the risk cells: how a person's category is read from a column.
struct CellDimension {
    enum class Kind : std::uint8_t {
        category, ///< lookup[value] of a one-byte column
        elapsed,  ///< lookup[whole months completed since the month in a StoredMonth column]
    };
    std::string name; ///< shared by the modules that use it: "spells.type"
    Kind kind = Kind::category;
    std::uint32_t column = 0; ///< the column's index in the run's layout
    int categories = 1;       ///< the number of categories (the lookup's values are below it)
    /// category: 256 entries, one per value. elapsed: entry k is the category of k + first_month
    /// completed months (calendar.hpp: m - e - 1 at the start of month m for an event of month e);
    /// fewer months (an event to come, or `never`) take entry 0, more take the last entry.
    std::vector<std::uint8_t> lookup;
    int first_month = 0;

    /// A dimension of the values of a one-byte column: `lookup[value]` (256 entries).
    static CellDimension of_category(std::string name, Column<std::uint8_t> column,
                                     std::vector<std::uint8_t> lookup);
    /// A dimension of the months completed since the month in `column`: `lookup[k]` is the
    /// category of first_month + k completed months, clamped at both ends.
    static CellDimension of_elapsed_months(std::string name, Column<StoredMonth> column, int first_month,
                                           std::vector<std::uint8_t> lookup);

    /// The categories of persons first .. first + count - 1 of `persons` at the start of month `now`.
    void categorise(const PersonTable& persons, std::size_t first, std::size_t count, Month now,
                    std::uint8_t* out) const;
    /// The lookup with each category multiplied by `factor`: what the dimension adds to a cell's
    /// index in a table where it has that stride (times the base cells), for add_offsets().
    std::vector<std::uint32_t> offsets(std::uint32_t factor) const;
    /// Adds `offset[entry]` (an `offsets()` table) to out[j] for persons first .. first + count - 1:
    /// the category and its place in a table in one look-up, without a pass over the categories.
    void add_offsets(const PersonTable& persons, std::size_t first, std::size_t count, Month now,
                     const std::uint32_t* __restrict offset, std::uint32_t* __restrict out) const;
    /// The same for one person (row `row`): the offset to add to its cell.
    std::uint32_t offset_of(const PersonTable& persons, std::size_t row, Month now,
                            const std::uint32_t* offset) const {
        if (kind == Kind::category)
            return offset[persons.data(Column<std::uint8_t>{column})[row]];
        const int last = static_cast<int>(lookup.size()) - 1;
        const int k = now - 1 - first_month - persons.data(Column<StoredMonth>{column})[row];
        return offset[k < 0 ? 0 : (k > last ? last : k)];
    }
    bool same_as(const CellDimension& other) const;
};

/// At most this many extension dimensions in one pass.
inline constexpr std::size_t max_cell_dimensions = 16;
/// At most this many cells in one table (cells x events x 4 bytes of thresholds).
inline constexpr std::size_t max_table_cells = std::size_t{1} << 22;

/// The extension dimensions of a pass and the tables that use them.
class CellDimensions {
public:
    /// The dimension's handle; a dimension already declared by another module under the same name
    /// is shared if it is the same, and refused (std::logic_error) if it is not.
    DimensionId declare(CellDimension dimension);
    std::size_t size() const { return dimensions_.size(); }
    const CellDimension& at(std::size_t d) const { return dimensions_[d]; }

    /// The strides of a table over `base_cells` base cells and the dimensions `used` (every other
    /// dimension has stride 0), and its number of cells.
    struct Layout {
        std::array<std::uint32_t, max_cell_dimensions> stride{};
        std::size_t cells = 0;
    };
    Layout layout(std::size_t base_cells, const std::vector<DimensionId>& used) const;

private:
    std::vector<CellDimension> dimensions_;
};

/// The categories of a cell's extension dimensions, for a contribution's hazard. A contribution
/// reads only the dimensions it named when it joined the pass.
class CellCategories {
public:
    int operator[](DimensionId d) const { return category_[d.index]; }
    void set(DimensionId d, int category) { category_[d.index] = static_cast<std::uint8_t>(category); }

private:
    std::array<std::uint8_t, max_cell_dimensions> category_{};
};

/// Calls `visit(extension_offset, categories)` for every combination of the categories of the
/// dimensions `used` of a table laid out by `layout` (the extension offset to add, times the base
/// cells, to a base cell).
template <class Visit>
void for_each_extension(const CellDimensions& dimensions, const std::vector<DimensionId>& used,
                        const CellDimensions::Layout& layout, Visit&& visit) {
    std::vector<int> category(used.size(), 0);
    CellCategories categories;
    for (;;) {
        std::size_t offset = 0;
        for (std::size_t u = 0; u < used.size(); ++u) {
            categories.set(used[u], category[u]);
            offset += static_cast<std::size_t>(layout.stride[used[u].index]) * category[u];
        }
        visit(offset, categories);
        std::size_t u = 0;
        for (; u < used.size(); ++u) {
            if (++category[u] < dimensions.at(used[u].index).categories)
                break;
            category[u] = 0;
        }
        if (u == used.size())
            return;
    }
}

} // namespace migsim
