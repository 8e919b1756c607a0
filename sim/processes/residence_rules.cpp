#include "processes/residence_rules.hpp"

#include <algorithm>
#include <bit>
#include <iterator>
#include <stdexcept>

namespace migsim {

bool present_at(std::span<const Crossing> crossings, StoredMonth birth, Month m) {
    if (m <= birth)
        return false;
    // The latest crossing of a month before m: a crossing of month m - 1 shows at the start of m.
    const auto after =
        std::find_if(crossings.begin(), crossings.end(), [&](const Crossing& c) { return c.month >= m; });
    if (after != crossings.begin())
        return std::prev(after)->direction == CrossingDirection::in;
    if (after == crossings.end())
        return true;
    return after->direction == CrossingDirection::out;
}

std::uint64_t presence_bits(std::span<const Crossing> crossings, StoredMonth birth, Month from, int count) {
    if (count < 0 || count > 64)
        throw std::logic_error("presence_bits: at most 64 months");
    std::uint64_t bits = 0;
    // The state at the start of `from`, then each crossing of month m - 1 sets it for m onwards.
    auto next =
        std::find_if(crossings.begin(), crossings.end(), [&](const Crossing& c) { return c.month >= from; });
    bool present = next != crossings.begin() ? std::prev(next)->direction == CrossingDirection::in
                   : next == crossings.end() ? true
                                             : next->direction == CrossingDirection::out;
    for (int k = 0; k < count; ++k) {
        const Month m = from + k;
        while (next != crossings.end() && next->month < m) {
            present = next->direction == CrossingDirection::in;
            ++next;
        }
        if (present && m > birth)
            bits |= std::uint64_t{1} << k;
    }
    return bits;
}

bool resident_6m_from_bits(std::uint64_t bits, int months_since_birth) {
    if (months_since_birth <= 0)
        return false;
    const int ends = static_cast<int>(bits & 1u) + static_cast<int>((bits >> 12) & 1u);
    const int inner = std::popcount((bits >> 1) & 0x7ffu); // months t - 11 .. t - 1
    const int half_months = ends + 2 * inner;
    return half_months >= std::min(2 * 6 + 1, months_since_birth);
}

bool resident_6m(std::span<const Crossing> crossings, StoredMonth birth, Month t) {
    return resident_6m_from_bits(presence_bits(crossings, birth, t - 12, 13), t - birth);
}

CircularStatus circular_at(std::span<const Crossing> crossings, Month date, int min_stay) {
    const auto first = std::find_if(crossings.begin(), crossings.end(), [&](const Crossing& c) {
        return c.month >= date - circular_window_months;
    });
    const auto end = std::find_if(first, crossings.end(), [&](const Crossing& c) { return c.month >= date; });
    if (end - first < circular_crossings)
        return CircularStatus::no;
    for (auto c = first; c + 1 != end; ++c)
        if ((c + 1)->month - c->month < min_stay)
            return CircularStatus::no;
    const Month latest = std::prev(end)->month;
    return date - latest >= min_stay ? CircularStatus::yes : CircularStatus::pending;
}

} // namespace migsim
