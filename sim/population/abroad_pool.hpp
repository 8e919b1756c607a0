#pragma once
// The abroad pool: persons who emigrated, with the partner region they went to, followed so that
// they may return (return, circular and temporary migration are spells of the same person) and so
// that the register can keep counting those it was never told about.
//
// Pruning rule: a person is followed for at most `max_years_abroad` years after the departure;
// then (or at death abroad) the person leaves the pool. The register's own records of such persons
// are kept apart (sources/register.hpp), so pruning never changes what the register counts.
#include <cstdint>
#include <vector>

#include "population/population.hpp"

namespace migsim {

struct AbroadPool {
    AreaPersons persons; ///< the persons, with the columns they had when present
    // The spell abroad.
    std::vector<StoredMonth> departed;          ///< month of the emigration
    std::vector<std::uint8_t> destination;      ///< partner region: foreign group index 0..G-1
    std::vector<std::uint16_t> last_area;       ///< small area lived in before leaving
    std::vector<StoredMonth> deregistered_from; ///< register: not counted from this month on

    std::size_t size() const { return persons.size(); }
    void append(const PersonRecord& person, Month departure, std::uint8_t partner, std::uint16_t area,
                StoredMonth register_end);
    /// Removes the persons at `ascending` positions, as AreaPersons::remove does.
    void remove(const std::vector<std::uint32_t>& ascending);
    std::size_t bytes() const;
};

} // namespace migsim
