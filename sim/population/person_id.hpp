#pragma once
// Person ids. A person's id is the key of every random draw the person makes (core/rng.hpp), so
// it depends only on how the person came to be, never on how many others were created before:
// one extra birth in a paired scenario leaves every other newborn's and every immigrant's draws
// unchanged (common random numbers, docs/model.md).
//
// Layout of the 64 bits: the way the person came to be (2 bits), the month of creation (14 bits,
// months since January 1800) and a serial (48 bits) that is unique within that way and month:
//  - a person of the base population: the person's index in the base population;
//  - an immigrant: the origin group (16 bits) and the rank of the arrival among the group's
//    arrivals of that month (32 bits);
//  - a newborn: a hash of the mother's id (one child per mother and month), re-hashed with an
//    attempt number in the rare case that two newborns of the same month collide, so that ids
//    stay unique; the Model checks every month's newborns.
// Ids of different ways or months differ in their high bits, so uniqueness within each (way,
// month) makes ids unique for the whole run.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "core/calendar.hpp"
#include "core/rng.hpp"

namespace migsim {

using PersonId = std::uint64_t;

enum class PersonSource : std::uint64_t { base_population = 0, immigrant = 1, newborn = 2 };

inline constexpr int person_id_month_bits = 14;
inline constexpr int person_id_serial_bits = 48;
inline constexpr std::uint64_t person_id_serial_limit = std::uint64_t{1} << person_id_serial_bits;
inline constexpr Month person_id_month_limit = Month{1} << person_id_month_bits;
inline constexpr std::uint64_t immigrant_rank_limit = std::uint64_t{1} << 32;
inline constexpr int immigrant_group_limit = 1 << 16;

/// The id of the person created in `month` by `source` with `serial`; throws std::out_of_range
/// when the month or the serial does not fit (months after the year 3165, 2^48 persons).
constexpr PersonId make_person_id(PersonSource source, Month month, std::uint64_t serial) {
    if (month < 0 || month >= person_id_month_limit || serial >= person_id_serial_limit)
        throw std::out_of_range("person id: creation month or serial out of range");
    return (static_cast<std::uint64_t>(source) << (person_id_month_bits + person_id_serial_bits)) |
           (static_cast<std::uint64_t>(month) << person_id_serial_bits) | serial;
}

constexpr PersonSource person_source(PersonId id) {
    return static_cast<PersonSource>(id >> (person_id_month_bits + person_id_serial_bits));
}
constexpr Month person_creation_month(PersonId id) {
    return static_cast<Month>((id >> person_id_serial_bits) & (person_id_month_limit - 1));
}

/// The `index`-th person (from 0) of a base population of month `start`.
constexpr PersonId base_population_id(Month start, std::uint64_t index) {
    return make_person_id(PersonSource::base_population, start, index);
}

/// The `rank`-th arrival (from 0) of origin group `group` (0-based) in month `month`.
constexpr PersonId immigrant_id(Month month, int group, std::uint64_t rank) {
    if (group < 0 || group >= immigrant_group_limit || rank >= immigrant_rank_limit)
        throw std::out_of_range("person id: too many origin groups or arrivals in a month");
    return make_person_id(PersonSource::immigrant, month, (static_cast<std::uint64_t>(group) << 32) | rank);
}

/// Ranks of immigrant_id() from 2^31 on number the children who arrive with an immigrant mother:
/// child c (0..15) of the arrival of rank r takes rank 2^31 + 16 r + c.
inline constexpr std::uint64_t arriving_children_rank = std::uint64_t{1} << 31;

/// The `child`-th child (0..15) who arrives with the immigrant `mother` (an immigrant_id of rank
/// below 2^27, the same group and month).
constexpr PersonId arriving_child_id(PersonId mother, int child) {
    const std::uint64_t rank = mother & 0xffffffffULL;
    if (rank >= (std::uint64_t{1} << 27) || child < 0 || child >= 16)
        throw std::out_of_range("person id: too many arrivals or children in a month");
    return (mother & ~0xffffffffULL) |
           (arriving_children_rank + 16 * rank + static_cast<std::uint64_t>(child));
}

/// The child born in `month` to the mother `mother`; `attempt` > 0 only to resolve a collision.
constexpr PersonId newborn_id(PersonId mother, Month month, std::uint32_t attempt = 0) {
    const std::uint64_t hash =
        mix64(mother ^ mix64(static_cast<std::uint64_t>(month) * 0x9e3779b97f4a7c15ULL + attempt));
    return make_person_id(PersonSource::newborn, month, hash & (person_id_serial_limit - 1));
}

/// Makes the ids of one month's newborns unique: `ids[i]` is newborn_id(mothers[i], month). Where
/// two are equal, the child of the mother with the larger id takes newborn_id(mother, month, k)
/// with the next attempt k, until no two are equal; the result depends only on the mothers, not
/// on their order. Returns the number of re-hashes (about 10^-8 a month at Denmark's size).
std::size_t make_newborn_ids_unique(std::vector<PersonId>& ids, const std::vector<PersonId>& mothers,
                                    Month month);

} // namespace migsim
