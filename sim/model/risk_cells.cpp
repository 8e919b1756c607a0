#include "model/risk_cells.hpp"

namespace migsim {

CellDimension CellDimension::of_category(std::string name, Column<std::uint8_t> column,
                                         std::vector<std::uint8_t> lookup) {
    if (lookup.size() != 256)
        throw std::logic_error("cell dimension " + name + ": a category lookup has 256 entries");
    CellDimension d;
    d.name = std::move(name);
    d.kind = Kind::category;
    d.column = column.index;
    d.categories = 1 + *std::max_element(lookup.begin(), lookup.end());
    d.lookup = std::move(lookup);
    return d;
}

CellDimension CellDimension::of_elapsed_months(std::string name, Column<StoredMonth> column, int first_month,
                                               std::vector<std::uint8_t> lookup) {
    if (lookup.empty())
        throw std::logic_error("cell dimension " + name + ": an empty lookup");
    CellDimension d;
    d.name = std::move(name);
    d.kind = Kind::elapsed;
    d.column = column.index;
    d.categories = 1 + *std::max_element(lookup.begin(), lookup.end());
    d.lookup = std::move(lookup);
    d.first_month = first_month;
    return d;
}

void CellDimension::categorise(const PersonTable& persons, std::size_t first, std::size_t count, Month now,
                               std::uint8_t* out) const {
    const std::uint8_t* lookup_table = lookup.data();
    if (kind == Kind::category) {
        const std::uint8_t* value = persons.data(Column<std::uint8_t>{column}) + first;
        for (std::size_t j = 0; j < count; ++j)
            out[j] = lookup_table[value[j]];
        return;
    }
    const StoredMonth* month = persons.data(Column<StoredMonth>{column}) + first;
    const int last = static_cast<int>(lookup.size()) - 1;
    const int shift = now - 1 - first_month; // completed months are now - e - 1
    for (std::size_t j = 0; j < count; ++j) {
        const int k = shift - month[j];
        out[j] = lookup_table[k < 0 ? 0 : (k > last ? last : k)];
    }
}

std::vector<std::uint32_t> CellDimension::offsets(std::uint32_t factor) const {
    std::vector<std::uint32_t> offset(lookup.size());
    for (std::size_t k = 0; k < lookup.size(); ++k)
        offset[k] = factor * lookup[k];
    return offset;
}

void CellDimension::add_offsets(const PersonTable& persons, std::size_t first, std::size_t count, Month now,
                                const std::uint32_t* __restrict offset, std::uint32_t* __restrict out) const {
    // The same entries as categorise() reads. `offset` and `out` are distinct tables (__restrict):
    // with that the compiler loads the offsets of eight persons at once (a gather).
    if (kind == Kind::category) {
        const std::uint8_t* value = persons.data(Column<std::uint8_t>{column}) + first;
        for (std::size_t j = 0; j < count; ++j)
            out[j] += offset[value[j]];
        return;
    }
    const StoredMonth* month = persons.data(Column<StoredMonth>{column}) + first;
    const int last = static_cast<int>(lookup.size()) - 1;
    const int shift = now - 1 - first_month;
    for (std::size_t j = 0; j < count; ++j) {
        // Clamped in two steps, each a select rather than a branch.
        int k = shift - month[j];
        k = k < 0 ? 0 : k;
        k = k > last ? last : k;
        out[j] += offset[k];
    }
}

bool CellDimension::same_as(const CellDimension& other) const {
    return name == other.name && kind == other.kind && column == other.column &&
           categories == other.categories && lookup == other.lookup && first_month == other.first_month;
}

DimensionId CellDimensions::declare(CellDimension dimension) {
    for (std::size_t d = 0; d < dimensions_.size(); ++d) {
        if (dimensions_[d].name != dimension.name)
            continue;
        if (!dimensions_[d].same_as(dimension))
            throw std::logic_error("cell dimension " + dimension.name +
                                   " declared twice with different columns or categories");
        return DimensionId{static_cast<std::uint32_t>(d)};
    }
    if (dimensions_.size() == max_cell_dimensions)
        throw std::logic_error("a pass holds at most " + std::to_string(max_cell_dimensions) +
                               " extension dimensions; " + dimension.name + " is one too many");
    dimensions_.push_back(std::move(dimension));
    return DimensionId{static_cast<std::uint32_t>(dimensions_.size() - 1)};
}

CellDimensions::Layout CellDimensions::layout(std::size_t base_cells,
                                              const std::vector<DimensionId>& used) const {
    Layout layout;
    std::size_t extension = 1;
    for (const DimensionId d : used) {
        if (d.index >= dimensions_.size())
            throw std::logic_error("a contribution names a cell dimension the pass does not have");
        if (layout.stride[d.index] != 0)
            continue; // named twice
        layout.stride[d.index] = static_cast<std::uint32_t>(extension);
        extension *= static_cast<std::size_t>(dimensions_[d.index].categories);
        if (extension * base_cells > max_table_cells)
            throw std::logic_error("a risk-cell table over " + std::to_string(extension * base_cells) +
                                   " cells: too many; use fewer categories");
    }
    layout.cells = extension * base_cells;
    return layout;
}

} // namespace migsim
