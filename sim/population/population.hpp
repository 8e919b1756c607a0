#pragma once
// The synthetic population as columns (structure of arrays), one block per small area, so that a
// thread owns whole areas and a hot loop touches only the columns it needs. Persons who emigrate
// move to the abroad pool (abroad_pool.hpp), from which they may return.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "population/person_id.hpp"

namespace migsim {

/// Generation in the sense of UNECE (2015): 1 = foreign-born, 2 = native-born with a foreign-born
/// mother, 0 = native-born of a native-born mother.
enum Generation : std::uint8_t { native_of_native = 0, first_generation = 1, second_generation = 2 };

/// Origin 0 is the native-born; 1..G are the country-of-birth groups of the foreign-born.
inline constexpr std::uint8_t native_born = 0;

/// One person, for appending. The columns below hold the same fields.
struct PersonRecord {
    PersonId id = 0;
    StoredMonth birth = 0;
    std::uint8_t sex = 0;
    std::uint8_t origin = native_born;
    std::uint8_t generation = native_of_native;
    StoredMonth first_arrival = never;   ///< first arrival in the country (never: native-born)
    StoredMonth latest_arrival = never;  ///< latest arrival, first or return (never: never left)
    StoredMonth registered_from = never; ///< register: counted from this month on (never: not registered)
};

/// The persons present in one small area.
struct AreaPersons {
    std::vector<PersonId> id;
    std::vector<StoredMonth> birth;
    std::vector<std::uint8_t> sex;
    std::vector<std::uint8_t> origin;
    std::vector<std::uint8_t> generation;
    std::vector<StoredMonth> first_arrival;
    std::vector<StoredMonth> latest_arrival;
    std::vector<StoredMonth> registered_from;

    std::size_t size() const { return id.size(); }
    void reserve(std::size_t n);
    void append(const PersonRecord& person);
    PersonRecord record(std::size_t i) const;
    /// Removes the persons at `ascending` indices: each is replaced by the last person, from the
    /// highest index down. The work is proportional to the removals, not to the area's size, and
    /// the resulting order depends only on which persons left, so runs stay reproducible.
    void remove(const std::vector<std::uint32_t>& ascending);
    /// Bytes held by the columns (capacity, not size).
    std::size_t bytes() const;
};

/// A small area: its label, where it lies and how urban it is.
struct SmallArea {
    std::string label; ///< e.g. "A001"
    double x_km = 0.0;
    double y_km = 0.0;
    double urbanity = 0.0; ///< 0 = most rural .. 1 = most urban
};

/// Persons present in the country, by area.
struct Population {
    std::vector<SmallArea> areas;
    std::vector<AreaPersons> persons; ///< one block per area, same order as `areas`

    int area_count() const { return static_cast<int>(areas.size()); }
    std::size_t size() const;
    std::size_t bytes() const;
};

} // namespace migsim
