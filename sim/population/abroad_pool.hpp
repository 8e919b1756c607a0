#pragma once
// The abroad pool: persons who emigrated, with the partner region they went to, followed so that
// they may return (return, circular and temporary migration are spells of the same person). Its
// table holds every column a person has (person_table.hpp) and the columns of the spell abroad
// (abroad scope: departure month, partner region, last area, and any a source keeps about the
// departure).
//
// Pruning rule: a person is followed for 12 x max_years_abroad months after the departure; then
// (or at death abroad) the person leaves the pool. Sources keep their own records of such persons
// (a register keeps counting those it was never told about).
#include <cstdint>
#include <vector>

#include "population/person_table.hpp"

namespace migsim {

struct AbroadPool {
    PersonTable persons; ///< abroad scope

    AbroadPool() = default;
    explicit AbroadPool(const ColumnLayout& layout) : persons(layout, ColumnScope::abroad) {}

    std::size_t size() const { return persons.size(); }
    /// Sets the spell columns of row `row` of a table of abroad scope (a person about to leave).
    static void start_spell(PersonTable& leaving, std::size_t row, Month departure, std::uint8_t partner,
                            std::uint16_t area);
    /// Appends row `row` of `leaving` (abroad scope, spell set).
    void admit(const PersonTable& leaving, std::size_t row) { persons.append(leaving, row); }
    /// Removes the persons at `ascending` rows, as PersonTable::remove does.
    void remove(const std::vector<std::uint32_t>& ascending) { persons.remove(ascending); }
    std::size_t bytes() const { return persons.bytes(); }
};

} // namespace migsim
