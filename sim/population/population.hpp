#pragma once
// The synthetic population: the persons present in the country as person tables (person_table.hpp),
// one per small area, so that a thread owns whole areas and a hot loop touches only the columns it
// needs. Persons who emigrate move to the abroad pool (abroad_pool.hpp), from which they may return.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "population/families.hpp"
#include "population/person_id.hpp"
#include "population/person_table.hpp"

namespace migsim {

/// The label of the synthetic area at `index` (0-based) in the order of the outputs: "A001", "A002",
/// ... (more digits beyond 999 areas). Scenario tables by area name synthetic areas by it.
inline std::string synthetic_area_label(int index) {
    std::string digits = std::to_string(index + 1);
    if (digits.size() < 3)
        digits.insert(0, 3 - digits.size(), '0');
    return "A" + digits;
}

/// A small area: its label, where it lies and how urban it is.
struct SmallArea {
    std::string label; ///< e.g. "A001", or a real area's code ("101")
    double x_km = 0.0;
    double y_km = 0.0;
    double urbanity = 0.0;   ///< 0 = most rural .. 1 = most urban
    std::string name = "";   ///< a real area's name; empty for synthetic areas
    std::string region = ""; ///< a real area's region; empty for synthetic areas
};

/// Persons present in the country, by area; a base population also holds the persons abroad at
/// the start (the abroad pool's first members) and the links of children to their mothers.
struct Population {
    std::vector<SmallArea> areas;
    std::vector<PersonTable> persons; ///< one table per area, same order as `areas`
    /// A base population's persons abroad at the start (abroad scope, spell columns set); empty in
    /// a run's state, whose pool is RunState::abroad.
    PersonTable abroad;
    /// A base population's children under 15 and their mothers (population/families.hpp).
    std::vector<FamilyLink> families;

    int area_count() const { return static_cast<int>(areas.size()); }
    std::size_t size() const;
    std::size_t bytes() const;
    /// The same areas and persons in tables over `layout` (a layout that begins with the core
    /// columns): the core columns are copied, every other column takes its initial value, and
    /// each table reserves `reserve_factor` times its size; the persons abroad and the family
    /// links likewise.
    Population with_layout(const ColumnLayout& layout, double reserve_factor) const;
    /// The same, taking over this population's columns instead of copying them (a table of the
    /// base population that already has the room keeps its storage).
    Population into_layout(const ColumnLayout& layout, double reserve_factor) &&;
};

} // namespace migsim
