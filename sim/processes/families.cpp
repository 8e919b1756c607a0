#include "processes/families.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "processes/families_settings.hpp"

namespace migsim {

namespace {

/// Whether a person born in month `birth` is under 15 (completed years) at the start of `now`.
bool is_child(Month now, StoredMonth birth) {
    return completed_years(now, birth) < family_child_age_limit && birth < now;
}

/// The children a month's sweep looks for, as a scan of a whole table sees them: a person is a
/// child when born in the 180 months before `now` (completed_years(now, b) < 15 and b < now, with
/// completed months now - b - 1: calendar.hpp), and a candidate when the bit of its id is set in a
/// mask of the followers' ids with about 32 bits per follower (so that about 3 % of the children
/// who do not follow are looked up). The scan computes both without branches, so that it costs a
/// pass over two columns, and looks up only the few candidates.
class ChildScan {
public:
    template <class Followers>
    ChildScan(Month now, const Followers& followers) : first_birth_(now - 12 * family_child_age_limit) {
        int bits = 8;
        while (bits < 20 && (std::size_t{1} << bits) < 32 * followers.size())
            ++bits;
        shift_ = 64 - bits;
        mask_.assign((std::size_t{1} << bits) / 64, 0);
        for (const auto& follower : followers) {
            const std::uint64_t b = bit(follower.child);
            mask_[b >> 6] |= std::uint64_t{1} << (b & 63);
        }
    }
    /// Calls `visit(row)` for each row of `birth`/`id` (n rows) that may be a follower, in order.
    template <class Visit>
    void scan(const StoredMonth* birth, const PersonId* id, std::size_t n, Visit&& visit) const {
        constexpr std::size_t block = 256;
        std::array<std::uint32_t, block> rows;
        const auto span = static_cast<std::uint32_t>(12 * family_child_age_limit);
        const std::uint64_t* mask = mask_.data();
        for (std::size_t first = 0; first < n; first += block) {
            const std::size_t m = std::min(block, n - first);
            std::size_t listed = 0;
            for (std::size_t j = 0; j < m; ++j) {
                const auto since = static_cast<std::uint32_t>(birth[first + j] - first_birth_);
                const std::uint64_t b = bit(id[first + j]);
                const bool candidate = (since < span) & (((mask[b >> 6] >> (b & 63)) & 1) != 0);
                rows[listed] = static_cast<std::uint32_t>(first + j);
                listed += candidate ? 1 : 0;
            }
            for (std::size_t l = 0; l < listed; ++l)
                visit(rows[l]);
        }
    }

private:
    /// The top bits of a multiplicative hash of the id.
    std::uint64_t bit(PersonId id) const { return (id * 0x9e3779b97f4a7c15ULL) >> shift_; }

    int first_birth_;
    int shift_ = 56;
    std::vector<std::uint64_t> mask_;
};

template <class Followers>
const typename Followers::value_type* find_follower(const Followers& followers, PersonId child) {
    const auto it =
        std::lower_bound(followers.begin(), followers.end(), typename Followers::value_type{child, 0, 0, 0});
    return it != followers.end() && it->child == child ? &*it : nullptr;
}

} // namespace

Families::Families(RunState& state)
    : state_(state), children_follow_(children_move_with_mothers(state.scenario)) {
    // Nothing reads the links of a run whose children do not follow: none is kept (the base
    // population's, the births', the arrivals').
    state.families.keep_links(children_follow_);
}

void Families::start() {
    const auto areas = static_cast<std::size_t>(state_.population.area_count());
    followers_.assign(areas, {});
    children_.assign(areas, {});
}

void Families::sweep(AreaInPass& area) {
    auto& followers = followers_[static_cast<std::size_t>(area.area)];
    auto& children = children_[static_cast<std::size_t>(area.area)];
    followers.clear();
    // The mothers who left the area this month: emigrated, or moved to another area.
    const std::size_t leaving = area.leaving();
    for (std::size_t k = 0; k < leaving; ++k) {
        const MonthOutcome& outcome = area.leaving_outcome(k);
        const bool moved = !outcome.died && !outcome.emigrated && outcome.area_after != area.area;
        if (!outcome.emigrated && !moved)
            continue;
        const std::size_t row = area.leaving_row(k);
        if (area.persons.at(core.sex, row) != 1)
            continue;
        children.clear();
        state_.families.children_of(area.persons.at(core.id, row), children);
        for (const PersonId child : children)
            followers.push_back({child, static_cast<std::uint8_t>(outcome.emigrated), outcome.destination,
                                 outcome.area_after});
    }
    if (followers.empty())
        return;
    std::sort(followers.begin(), followers.end());
    // The children among the area's persons: only those under 15 are looked up.
    const PersonTable& persons = area.persons;
    const StoredMonth* birth = persons.data(core.birth);
    const PersonId* id = persons.data(core.id);
    ChildScan(area.now, followers).scan(birth, id, persons.size(), [&](std::size_t row) {
        const Follower* follower = find_follower(followers, id[row]);
        if (follower == nullptr || !is_child(area.now, birth[row]) || area.leaves(row))
            return;
        const PersonInPass child = area.person(row);
        MonthOutcome outcome;
        outcome.area_after = static_cast<std::uint16_t>(area.area);
        if (follower->emigrated)
            state_.departures->emigrate(child, outcome, follower->partner);
        else
            state_.moves->move(child, outcome, follower->area_after);
        area.remove(row, outcome);
    });
}

void Families::sweep(PoolInPass& pool) {
    returning_.clear();
    std::vector<PersonId> children;
    const std::size_t leaving = pool.leaving_count();
    for (std::size_t k = 0; k < leaving; ++k) {
        if (!pool.leaving_outcome(k).returned)
            continue;
        const std::size_t row = pool.leaving_row(k);
        if (pool.pool.at(core.sex, row) != 1)
            continue;
        children.clear();
        state_.families.children_of(pool.pool.at(core.id, row), children);
        for (const PersonId child : children)
            returning_.push_back({child, 0, 0, 0});
    }
    if (returning_.empty())
        return;
    std::sort(returning_.begin(), returning_.end());
    const StoredMonth* birth = pool.pool.data(core.birth);
    const PersonId* id = pool.pool.data(core.id);
    ChildScan(pool.now, returning_).scan(birth, id, pool.pool.size(), [&](std::size_t row) {
        if (!is_child(pool.now, birth[row]) || find_follower(returning_, id[row]) == nullptr ||
            pool.leaves(row))
            return;
        AbroadOutcome outcome;
        state_.returns->come_back(pool.person(row), outcome);
        pool.remove(row, outcome);
    });
}

std::unique_ptr<Process> make_families(RunState& state) {
    return std::make_unique<Families>(state);
}

} // namespace migsim
