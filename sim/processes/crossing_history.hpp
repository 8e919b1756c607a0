#pragma once
// Border-crossing histories: a side table of the persons who crossed the border recently, each with
// the compact list of their crossings (month, direction, partner) and what the truth under the
// official definitions keeps about them (processes/migration_definitions.hpp): where they are, their
// status under the two rules of usual residence, and what is still to be resolved about their
// current stay.
//
// Memory is bounded: a crossing takes 4 bytes, a person's record 32 bytes; crossings older than
// ten years are dropped (the longest window a definition reads, the UNECE circular migrant's), and
// a record is released once it holds nothing the person's own columns do not (docs/model.md,
// "Migration under each official definition"). Crossings live in one arena in segments of 1, 2, 4,
// ... 128 crossings (ten years hold at most 121, one a month); a segment that fills is moved to one
// twice its size and the old one is kept for reuse, so the arena does not grow with turnover.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/calendar.hpp"
#include "population/person_id.hpp"

namespace migsim {

enum class CrossingDirection : std::uint8_t { in = 0, out = 1 };

/// One crossing of the border: 4 bytes.
struct Crossing {
    StoredMonth month = 0;
    std::uint8_t partner = 0; ///< the partner region (origin group index 0..G-1) left or gone to
    CrossingDirection direction = CrossingDirection::in;

    bool operator==(const Crossing&) const = default;
};
static_assert(sizeof(Crossing) == 4, "a crossing is stored in 4 bytes");

/// What a record knows about its person, as bits.
namespace history_flag {
inline constexpr std::uint16_t live = 1u << 0;                  ///< the record is in use
inline constexpr std::uint16_t present = 1u << 1;               ///< in the country (else in the abroad pool)
inline constexpr std::uint16_t twelve_month_resident = 1u << 2; ///< a usual resident under the 12-month rule
/// The 12-month status after the latest crossing is not known yet: the stay it started is shorter
/// than 12 months so far and still going on.
inline constexpr std::uint16_t twelve_month_pending = 1u << 3;
inline constexpr std::uint16_t six_month_resident = 1u << 4; ///< resident under the 6-month rule
inline constexpr std::uint16_t january_seen = 1u << 5;       ///< january_area holds the area on the
                                                             ///< 1 January inside the current stay
inline constexpr std::uint16_t stay_counted = 1u << 6;       ///< the latest crossing is counted by duration
inline constexpr std::uint16_t circular_pending = 1u << 7;   ///< circular on that 1 January if the
                                                             ///< current stay reaches 12 months
inline constexpr std::uint16_t short_circular_pending = 1u << 8; ///< the same for 3 months
} // namespace history_flag

/// A person's record: 32 bytes.
struct PersonHistory {
    PersonId id = 0;
    StoredMonth birth = 0;
    std::uint16_t area = 0;          ///< the area lived in now, or the area left while abroad
    std::uint16_t crossing_area = 0; ///< the area arrived in or left at the latest crossing
    std::uint16_t january_area = 0;  ///< see history_flag::january_seen
    std::uint8_t sex = 0;
    std::uint8_t origin = 0;
    std::uint16_t flags = 0;
    std::uint16_t generation = 0; ///< counts the record's reuses, so that a stale reference is seen
    std::uint8_t count = 0;       ///< crossings held
    std::uint8_t segment = 0;     ///< the arena segment holds 1 << segment crossings
    std::uint32_t first = 0;      ///< the segment's offset in the arena

    bool has(std::uint16_t flag) const { return (flags & flag) != 0; }
    void set(std::uint16_t flag, bool on) {
        flags = static_cast<std::uint16_t>(on ? flags | flag : flags & ~flag);
    }
};
static_assert(sizeof(PersonHistory) == 32, "a person's record is stored in 32 bytes");

/// The reference a person's column holds: the record's index (none when the person has no record).
inline constexpr std::uint32_t no_history = UINT32_MAX;

class CrossingHistories {
public:
    /// At most this many crossings in a person's record: one a month over ten years and a month.
    static constexpr int max_crossings = 128;

    /// A new record for person `id`, live, without crossings; returns its index.
    std::uint32_t create(PersonId id, StoredMonth birth, std::uint8_t sex, std::uint8_t origin);
    /// Frees a record (its index may be given to another person; its generation changes).
    void release(std::uint32_t index);
    /// Whether `index` (a person's column) refers to a live record of person `id`.
    bool holds(std::uint32_t index, PersonId id) const {
        return index < records_.size() && records_[index].has(history_flag::live) && records_[index].id == id;
    }

    PersonHistory& at(std::uint32_t index) { return records_[index]; }
    const PersonHistory& at(std::uint32_t index) const { return records_[index]; }
    /// Every slot, live or not (a record is live when it has history_flag::live).
    std::size_t slots() const { return records_.size(); }

    std::span<const Crossing> crossings(std::uint32_t index) const {
        const PersonHistory& h = records_[index];
        return {arena_.data() + h.first, h.count};
    }
    /// Appends a crossing, later than every crossing held, after dropping those before month
    /// `keep_from`. Throws std::logic_error if the record would hold more than max_crossings.
    void add(std::uint32_t index, Crossing crossing, Month keep_from);
    /// Drops the crossings before month `keep_from` (the oldest first).
    void drop_before(std::uint32_t index, Month keep_from);

    std::size_t live_records() const { return live_; }
    std::size_t crossings_held() const { return crossings_held_; }
    /// Bytes held: the records, the arena and the lists of free slots and segments (capacity).
    std::size_t bytes() const;

private:
    std::uint32_t allocate_segment(int segment);
    void free_segment(std::uint32_t first, int segment);

    std::vector<PersonHistory> records_;
    std::vector<std::uint32_t> free_records_;
    std::vector<Crossing> arena_;
    /// Free segments by size class (1 << k crossings), by offset.
    std::array<std::vector<std::uint32_t>, 8> free_segments_;
    std::size_t live_ = 0;
    std::size_t crossings_held_ = 0;
};

} // namespace migsim
