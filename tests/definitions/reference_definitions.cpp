#include "definitions/reference_definitions.hpp"

#include <algorithm>
#include <optional>

namespace migsim::testing {

namespace {

/// A crossing with what the reference needs of it.
struct Move {
    Month month;
    bool in;
    std::uint8_t partner;
    std::uint16_t area; ///< arrived in, or left
};

constexpr Month first_january_after(Month m) {
    return (m / 12 + 1) * 12;
}

// The thresholds of the definitions (UN 1998, UNECE 2016), written here again so that the reference
// shares nothing with the module but the layout of the figures.
constexpr int long_term_months = 12;

/// The duration class of a stay of `months` that has ended: under 3, 3 to 11, 12 and more.
int duration_class(int months) {
    return months < 3 ? 0 : months < 12 ? 1 : 2;
}
constexpr int ongoing_class = 3;

/// A stay going on at the end: long enough by its planned end (never: no plan to end it).
bool long_enough_by_plan(Month stay_start, StoredMonth planned_end, int threshold) {
    return planned_end == never || planned_end - stay_start >= threshold;
}

} // namespace

ReferenceDefinitions::ReferenceDefinitions(const Scenario& scenario, int areas)
    : calendar_(scenario.run.start, scenario.run.months), groups_(scenario.groups.count()), areas_(areas) {}

void ReferenceDefinitions::start(Month start, Population& present) {
    start_ = start;
    for (int area = 0; area < present.area_count(); ++area) {
        const PersonTable& table = present.persons[static_cast<std::size_t>(area)];
        for (std::size_t row = 0; row < table.size(); ++row) {
            Life& life = lives_[table.at(core.id, row)];
            life.birth = table.at(core.birth, row);
            life.sex = table.at(core.sex, row);
            life.origin = table.at(core.origin, row);
            life.at_start = Start::present;
            life.area = static_cast<std::uint16_t>(area);
            life.latest_arrival = table.at(core.latest_arrival, row);
        }
    }
}

void ReferenceDefinitions::start_abroad(const PersonTable& pool) {
    for (std::size_t row = 0; row < pool.size(); ++row) {
        Life& life = lives_[pool.at(core.id, row)];
        life.birth = pool.at(core.birth, row);
        life.sex = pool.at(core.sex, row);
        life.origin = pool.at(core.origin, row);
        life.at_start = Start::abroad;
        life.area = pool.at(core.last_area, row);
        life.latest_arrival = pool.at(core.latest_arrival, row);
        life.departed = pool.at(core.departed, row);
        life.destination = pool.at(core.destination, row);
    }
}

void ReferenceDefinitions::observe(const PersonEvent& event) {
    const PersonId id = event.person();
    if (event.kind == EventKind::birth || event.kind == EventKind::immigration) {
        Life& life = lives_[id];
        life.birth = event.persons->at(core.birth, event.row);
        life.sex = event.persons->at(core.sex, event.row);
        life.origin = event.persons->at(core.origin, event.row);
        life.at_start = event.kind == EventKind::birth ? Start::born : Start::arrived;
        life.area = event.area;
    }
    lives_.at(id).events.push_back({event.month, event.kind, event.area, event.to_area, event.partner});
}

MigrationAccounts ReferenceDefinitions::expected(Month end) const {
    MigrationAccounts a(calendar_, groups_, areas_);
    for (const auto& [id, life] : lives_)
        work_out(id, life, end, a);
    return a;
}

void ReferenceDefinitions::work_out(PersonId id, const Life& life, Month end, MigrationAccounts& a) const {
    const int first_year = calendar_.first_year;
    const auto flow_year = [&](Month m) { return year_of(m) - first_year; };
    const auto age = [&](Month m) { return age_in_years(m, life.birth); };
    const auto partner_of_arrival = [&] {
        return static_cast<std::uint8_t>(life.origin > 0 ? life.origin - 1 : 0);
    };

    // The crossings: those the start shows (only the latest arrival of the base population; the
    // departure, and the latest arrival before it, of the pool), then those of the run.
    std::vector<Move> moves;
    if (life.at_start == Start::present && life.latest_arrival != never)
        moves.push_back({life.latest_arrival, true, partner_of_arrival(), life.area});
    if (life.at_start == Start::abroad) {
        if (life.latest_arrival != never && life.latest_arrival < life.departed)
            moves.push_back({life.latest_arrival, true, partner_of_arrival(), life.area});
        moves.push_back({life.departed, false, life.destination, life.area});
    }
    std::optional<Month> gone; // the month of death or of the loss to follow-up
    bool lost = false;
    for (const Event& e : life.events) {
        if (e.kind == EventKind::immigration || e.kind == EventKind::return_home)
            moves.push_back({e.month, true, e.partner, e.area});
        else if (e.kind == EventKind::emigration)
            moves.push_back({e.month, false, e.partner, e.area});
        else if (e.kind == EventKind::death || e.kind == EventKind::death_abroad ||
                 e.kind == EventKind::left_pool) {
            gone = e.month;
            lost = e.kind == EventKind::left_pool;
        }
    }
    const auto alive = [&](Month m) { return life.birth < m && (!gone || m <= *gone); };
    // The crossing after which the stay started by moves[i] ends, and its month (none: going on).
    const auto stay_end = [&](std::size_t i) -> std::optional<Month> {
        if (i + 1 < moves.size())
            return moves[i + 1].month;
        return gone;
    };
    const auto present = [&](Month m) {
        if (!alive(m))
            return false;
        const Move* latest = nullptr;
        for (const Move& move : moves)
            if (move.month < m)
                latest = &move;
        if (latest != nullptr)
            return latest->in;
        return moves.empty() ? true : !moves.front().in;
    };
    const auto area_at = [&](Month t) {
        std::uint16_t area = life.area;
        for (const Event& e : life.events) {
            if (e.month >= t)
                break;
            if (e.kind == EventKind::internal_move)
                area = e.to_area;
            else if (e.kind == EventKind::immigration || e.kind == EventKind::return_home ||
                     e.kind == EventKind::emigration)
                area = e.area;
        }
        return area;
    };
    const auto plan = [&] {
        const auto found = plans.find(id);
        return found == plans.end() ? never : found->second;
    };
    const auto population_year = [&](Month january) { return calendar_.population_year_index(january); };
    const auto januaries = [&](auto&& visit) {
        for (int y = 0; y < calendar_.population_years; ++y)
            visit(start_ + 12 * y, y);
    };

    // Present: the events themselves.
    januaries([&](Month january, int y) {
        if (present(january))
            ++a.population[a.stock(y, Definition::present, life.origin, area_at(january), life.sex,
                                   age(january))];
    });
    for (const Event& e : life.events) {
        const int y = flow_year(e.month);
        if (e.kind == EventKind::birth)
            ++a.births[a.by_definition(y, Definition::present)];
        else if (e.kind == EventKind::death)
            ++a.deaths[a.by_definition(y, Definition::present)];
        else if (e.kind == EventKind::immigration || e.kind == EventKind::return_home)
            ++a.immigration[a.flow(y, Definition::present, e.partner, e.area, life.sex, age(e.month))];
        else if (e.kind == EventKind::emigration)
            ++a.emigration[a.flow(y, Definition::present, e.partner, e.area, life.sex, age(e.month))];
    }

    // Crossings of the run by the length of the stay each starts.
    for (std::size_t i = 0; i < moves.size(); ++i) {
        const Move& move = moves[i];
        if (move.month < start_)
            continue;
        const std::optional<Month> ends = stay_end(i);
        const int length = (ends ? *ends : end) - move.month;
        const int duration = ends                         ? duration_class(length)
                             : length >= long_term_months ? duration_class(length)
                                                          : ongoing_class;
        ++a.crossings[a.crossing(flow_year(move.month), move.in ? 0 : 1, duration, move.partner, life.sex,
                                 age(move.month))];
    }

    // The 12-month rule: each crossing of a non-resident in, or of a resident out, changes the status
    // if the stay it starts lasts 12 months (a stay cut by death by its length until death; lost to
    // follow-up: long; going on at the end and shorter so far: by its intended end, provisionally).
    // Before the first crossing: a resident if born in the country or present at the start without
    // a known arrival; the pool at the start were residents when they left.
    std::size_t first_rule = 0;
    bool before =
        life.at_start == Start::born || (life.at_start == Start::present && life.latest_arrival == never);
    if (life.at_start == Start::abroad) {
        first_rule = moves.size() > 0 && moves.front().in ? 1 : 0;
        before = true;
    }
    std::vector<bool> after(moves.size(), before);
    bool status = before;
    for (std::size_t i = first_rule; i < moves.size(); ++i) {
        const Move& move = moves[i];
        const std::optional<Month> ends = stay_end(i);
        bool long_stay;
        bool provisional = false;
        if (ends)
            long_stay = (lost && i + 1 == moves.size()) || *ends - move.month >= long_term_months;
        else if (end - move.month >= long_term_months)
            long_stay = true;
        else {
            long_stay = long_enough_by_plan(move.month, plan(), long_term_months);
            provisional = move.in != status;
        }
        const bool next = move.in ? (status || long_stay) : (status && !long_stay);
        if (next != status && move.month >= start_) {
            auto& flow = move.in ? a.immigration : a.emigration;
            ++flow[a.flow(flow_year(move.month), Definition::usual_residence_12m, move.partner, move.area,
                          life.sex, age(move.month))];
        }
        if (provisional) {
            if (move.month >= start_)
                a.flows_provisional[a.by_definition(flow_year(move.month), Definition::usual_residence_12m)] =
                    1;
            const Month january = first_january_after(move.month);
            if (january <= end && january >= start_)
                a.population_provisional[a.by_definition(population_year(january),
                                                         Definition::usual_residence_12m)] = 1;
        }
        status = next;
        after[i] = status;
    }
    const auto resident_12m = [&](Month t) {
        bool s = before;
        for (std::size_t i = first_rule; i < moves.size(); ++i)
            if (moves[i].month < t)
                s = after[i];
        return s;
    };
    januaries([&](Month january, int y) {
        if (alive(january) && resident_12m(january))
            ++a.population[a.stock(y, Definition::usual_residence_12m, life.origin, area_at(january),
                                   life.sex, age(january))];
    });

    // The 6-month rule from presence, month by month.
    const auto resident_6m = [&](Month t) {
        if (!alive(t))
            return false;
        int half_months = (present(t - 12) ? 1 : 0) + (present(t) ? 1 : 0);
        for (Month m = t - 11; m <= t - 1; ++m)
            half_months += present(m) ? 2 : 0;
        return half_months >= std::min(13, t - life.birth);
    };
    januaries([&](Month january, int y) {
        if (resident_6m(january))
            ++a.population[a.stock(y, Definition::usual_residence_6m, life.origin, area_at(january), life.sex,
                                   age(january))];
    });
    const auto latest_partner = [&](Month t) {
        std::uint8_t partner = 0;
        for (const Move& move : moves)
            if (move.month < t)
                partner = move.partner;
        return partner;
    };
    for (Month t = start_ + 1; t <= end; ++t) {
        if (!alive(t - 1) || !alive(t))
            continue;
        const bool was = resident_6m(t - 1);
        const bool is = resident_6m(t);
        if (was != is) {
            auto& flow = is ? a.immigration : a.emigration;
            ++flow[a.flow(flow_year(t - 1), Definition::usual_residence_6m, latest_partner(t), area_at(t),
                          life.sex, age(t - 1))];
        }
    }

    // Births and deaths of the two populations of usual residents.
    for (const Event& e : life.events) {
        const int y = flow_year(e.month);
        if (e.kind == EventKind::birth) {
            ++a.births[a.by_definition(y, Definition::usual_residence_12m)]; // resident from birth
            if (resident_6m(e.month + 1))
                ++a.births[a.by_definition(y, Definition::usual_residence_6m)];
        } else if (e.kind == EventKind::death || e.kind == EventKind::death_abroad) {
            if (resident_12m(e.month))
                ++a.deaths[a.by_definition(y, Definition::usual_residence_12m)];
            if (resident_6m(e.month))
                ++a.deaths[a.by_definition(y, Definition::usual_residence_6m)];
        } else if (e.kind == EventKind::left_pool && resident_6m(e.month)) {
            ++a.emigration[a.flow(y, Definition::usual_residence_6m, latest_partner(e.month + 1),
                                  area_at(e.month + 1), life.sex, age(e.month))];
        }
    }

    // Circular migrants among the persons present on each 1 January.
    januaries([&](Month january, int y) {
        if (!present(january))
            return;
        std::vector<std::size_t> window;
        for (std::size_t i = 0; i < moves.size(); ++i)
            if (moves[i].month >= january - 120 && moves[i].month < january)
                window.push_back(i);
        if (window.size() < 3)
            return;
        for (const CircularKind kind : {CircularKind::circular, CircularKind::short_term_circular}) {
            const int min_stay = kind == CircularKind::circular ? 12 : 3;
            bool all = true;
            for (std::size_t k = 0; k + 1 < window.size(); ++k)
                all = all && moves[window[k + 1]].month - moves[window[k]].month >= min_stay;
            if (!all)
                continue;
            const std::size_t last = window.back();
            const std::optional<Month> ends = stay_end(last);
            bool counted;
            if (ends)
                counted = *ends - moves[last].month >= min_stay;
            else if (end - moves[last].month >= min_stay)
                counted = true;
            else {
                counted = long_enough_by_plan(moves[last].month, plan(), min_stay);
                a.circular_provisional[static_cast<std::size_t>(y) * 2 + static_cast<std::size_t>(kind)] = 1;
            }
            if (counted)
                ++a.circular[a.circular_cell(y, kind, life.origin, area_at(january), life.sex, age(january))];
        }
    });
}

} // namespace migsim::testing
