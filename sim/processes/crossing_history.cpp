#include "processes/crossing_history.hpp"

#include <algorithm>
#include <stdexcept>

namespace migsim {

std::uint32_t CrossingHistories::create(PersonId id, StoredMonth birth, std::uint8_t sex,
                                        std::uint8_t origin) {
    std::uint32_t index;
    if (!free_records_.empty()) {
        index = free_records_.back();
        free_records_.pop_back();
    } else {
        index = static_cast<std::uint32_t>(records_.size());
        if (index == no_history)
            throw std::length_error("more crossing histories than 32-bit indices number");
        records_.emplace_back();
    }
    PersonHistory& h = records_[index];
    const std::uint16_t generation = h.generation;
    h = PersonHistory{};
    h.generation = generation;
    h.id = id;
    h.birth = birth;
    h.sex = sex;
    h.origin = origin;
    h.flags = history_flag::live;
    h.segment = 0;
    h.first = allocate_segment(0);
    ++live_;
    return index;
}

void CrossingHistories::release(std::uint32_t index) {
    PersonHistory& h = records_[index];
    if (!h.has(history_flag::live))
        throw std::logic_error("a crossing history released twice");
    free_segment(h.first, h.segment);
    crossings_held_ -= h.count;
    h.count = 0;
    h.flags = 0;
    ++h.generation;
    free_records_.push_back(index);
    --live_;
}

void CrossingHistories::add(std::uint32_t index, Crossing crossing, Month keep_from) {
    drop_before(index, keep_from);
    PersonHistory& h = records_[index];
    if (h.count > 0 && arena_[h.first + h.count - 1u].month >= crossing.month)
        throw std::logic_error("crossings are added in the order of their months");
    if (h.count == (1u << h.segment)) {
        if (h.segment + 1 >= static_cast<int>(free_segments_.size()))
            throw std::logic_error("a person crossed the border more than once a month");
        const std::uint32_t moved = allocate_segment(h.segment + 1);
        // allocate_segment may grow the arena: h stays valid (records_ is another vector).
        std::copy_n(arena_.begin() + h.first, h.count, arena_.begin() + moved);
        free_segment(h.first, h.segment);
        h.first = moved;
        ++h.segment;
    }
    arena_[h.first + h.count] = crossing;
    ++h.count;
    ++crossings_held_;
}

void CrossingHistories::drop_before(std::uint32_t index, Month keep_from) {
    PersonHistory& h = records_[index];
    const auto begin = arena_.begin() + h.first;
    const auto kept =
        std::find_if(begin, begin + h.count, [&](const Crossing& c) { return c.month >= keep_from; });
    const auto dropped = static_cast<std::uint8_t>(kept - begin);
    if (dropped == 0)
        return;
    std::copy(kept, begin + h.count, begin);
    h.count = static_cast<std::uint8_t>(h.count - dropped);
    crossings_held_ -= dropped;
}

std::uint32_t CrossingHistories::allocate_segment(int segment) {
    auto& free = free_segments_[static_cast<std::size_t>(segment)];
    if (!free.empty()) {
        const std::uint32_t first = free.back();
        free.pop_back();
        return first;
    }
    const std::size_t first = arena_.size();
    if (first + (std::size_t{1} << segment) > UINT32_MAX)
        throw std::length_error("more crossings held than 32-bit offsets number");
    arena_.resize(first + (std::size_t{1} << segment));
    return static_cast<std::uint32_t>(first);
}

void CrossingHistories::free_segment(std::uint32_t first, int segment) {
    free_segments_[static_cast<std::size_t>(segment)].push_back(first);
}

std::size_t CrossingHistories::bytes() const {
    std::size_t free_lists = free_records_.capacity() * sizeof(std::uint32_t);
    for (const auto& free : free_segments_)
        free_lists += free.capacity() * sizeof(std::uint32_t);
    return records_.capacity() * sizeof(PersonHistory) + arena_.capacity() * sizeof(Crossing) + free_lists;
}

} // namespace migsim
