#include "processes/families.hpp"

#include <algorithm>

#include "processes/families_settings.hpp"

namespace migsim {

namespace {

/// Whether a person born in month `birth` is under 15 (completed years) at the start of `now`.
bool is_child(Month now, StoredMonth birth) {
    return completed_years(now, birth) < family_child_age_limit && birth < now;
}

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
    const std::size_t n = persons.size();
    for (std::size_t row = 0; row < n; ++row) {
        if (!is_child(area.now, birth[row]))
            continue;
        const Follower* follower = find_follower(followers, id[row]);
        if (follower == nullptr || area.leaves(row))
            continue;
        const PersonInPass child = area.person(row);
        MonthOutcome outcome;
        outcome.area_after = static_cast<std::uint16_t>(area.area);
        if (follower->emigrated)
            state_.departures->emigrate(child, outcome, follower->partner);
        else
            state_.moves->move(child, outcome, follower->area_after);
        area.remove(row, outcome);
    }
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
    const std::size_t n = pool.pool.size();
    for (std::size_t row = 0; row < n; ++row) {
        if (!is_child(pool.now, birth[row]) || find_follower(returning_, id[row]) == nullptr ||
            pool.leaves(row))
            continue;
        AbroadOutcome outcome;
        state_.returns->come_back(pool.person(row), outcome);
        pool.remove(row, outcome);
    }
}

std::unique_ptr<Process> make_families(RunState& state) {
    return std::make_unique<Families>(state);
}

} // namespace migsim
