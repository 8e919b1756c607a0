#include "processes/migration_definitions.hpp"

#include <algorithm>
#include <stdexcept>

#include "processes/residence_rules.hpp"

namespace migsim {

namespace {

using namespace history_flag;

/// The first 1 January after month m: the only one among the 11 months after it.
constexpr Month january_after(Month m) {
    return (m / 12 + 1) * 12;
}

/// The partner of an arrival a person's columns show but not where from: the region of the
/// person's own group (the first region for the native-born).
std::uint8_t arrival_partner(std::uint8_t origin) {
    return origin > 0 ? static_cast<std::uint8_t>(origin - 1) : 0;
}

/// Months after a crossing when the 6-month status has settled: the window of the rule, and one.
constexpr int settled_months = 13;

} // namespace

MigrationDefinitions::MigrationDefinitions(RunState& state)
    : state_(state), start_(state.scenario.run.start), end_(start_ + state.scenario.run.months),
      history_(state.layout.add<std::uint32_t>(
          "migration.history", "migration definitions", no_history, ColumnScope::everywhere,
          "index of the person's border-crossing history (processes/crossing_history.hpp), if any")),
      accounts_(state.calendar, state.scenario.groups.count(), state.population.area_count()),
      recorder_(*this) {
    // The histories are kept from the event stream, which only observers see: the process adds its
    // own observer here, first among them (the Model adds the sources after the processes are
    // made), so that it has seen every event of a month before any source closes that month.
    state.events.add(recorder_);
}

std::uint32_t MigrationDefinitions::record_of(const PersonTable& persons, std::size_t row) const {
    const std::uint32_t index = persons.at(history_, row);
    return histories_.holds(index, persons.at(core.id, row)) ? index : no_history;
}

void MigrationDefinitions::start_histories(Month start) {
    started_ = true;
    if (state_.layout.contains("spell.planned_end")) {
        has_plans_ = true;
        planned_end_ = state_.layout.find<StoredMonth>("spell.planned_end");
    }
    // The base population: a foreign-born person's latest arrival is known (not the earlier
    // crossings); only an arrival of the 13 months before the start still changes a status.
    for (int area = 0; area < state_.population.area_count(); ++area) {
        PersonTable& table = state_.population.persons[static_cast<std::size_t>(area)];
        for (std::size_t row = 0; row < table.size(); ++row) {
            const StoredMonth arrived = table.at(core.latest_arrival, row);
            if (arrived == never || arrived <= start - settled_months || arrived >= start)
                continue;
            const std::uint32_t index =
                histories_.create(table.at(core.id, row), table.at(core.birth, row), table.at(core.sex, row),
                                  table.at(core.origin, row));
            table.at(history_, row) = index;
            PersonHistory& h = histories_.at(index);
            histories_.add(index, {arrived, arrival_partner(h.origin), CrossingDirection::in},
                           start - circular_window_months);
            h.area = h.crossing_area = static_cast<std::uint16_t>(area);
            h.set(present | stay_counted, true);
            const bool long_stay = start - arrived >= long_term_months;
            h.set(twelve_month_resident, long_stay);
            h.set(twelve_month_pending, !long_stay);
            h.set(six_month_resident, resident_6m(histories_.crossings(index), h.birth, start));
            schedule_6m_changes(index, start, arrived);
            if (!long_stay)
                schedule(index, arrived + long_term_months);
            schedule(index, arrived + settled_months); // after the start: arrived > start - 13
        }
    }
    // The abroad pool at the start: persons who left the country (usual residents before they
    // left), with their departure and, if known, their latest arrival before it.
    PersonTable& pool = state_.abroad.persons;
    for (std::size_t row = 0; row < pool.size(); ++row) {
        const StoredMonth departed = pool.at(core.departed, row);
        if (departed < start - circular_window_months || departed >= start)
            continue;
        const std::uint32_t index = histories_.create(pool.at(core.id, row), pool.at(core.birth, row),
                                                      pool.at(core.sex, row), pool.at(core.origin, row));
        pool.at(history_, row) = index;
        PersonHistory& h = histories_.at(index);
        const StoredMonth arrived = pool.at(core.latest_arrival, row);
        if (arrived != never && arrived >= start - circular_window_months && arrived < departed)
            histories_.add(index, {arrived, arrival_partner(h.origin), CrossingDirection::in},
                           start - circular_window_months);
        histories_.add(index, {departed, pool.at(core.destination, row), CrossingDirection::out},
                       start - circular_window_months);
        h.area = h.crossing_area = pool.at(core.last_area, row);
        h.set(stay_counted, true);
        const bool long_stay = start - departed >= long_term_months;
        h.set(twelve_month_resident, !long_stay);
        h.set(twelve_month_pending, !long_stay);
        h.set(six_month_resident, resident_6m(histories_.crossings(index), h.birth, start));
        schedule_6m_changes(index, start, departed);
        if (!long_stay)
            schedule(index, departed + long_term_months);
        if (departed + settled_months > start)
            schedule(index, departed + settled_months);
    }
}

void MigrationDefinitions::month_begin(Month now) {
    if (!started_)
        start_histories(now);
}

void MigrationDefinitions::reference_date(Month january) {
    if (!started_)
        start_histories(january);
    census(january);
}

void MigrationDefinitions::observe(const PersonEvent& event) {
    switch (event.kind) {
    case EventKind::birth:
        on_birth(event);
        return;
    case EventKind::death:
        on_death(event);
        return;
    case EventKind::emigration:
        on_departure(event);
        return;
    case EventKind::immigration:
    case EventKind::return_home:
        on_arrival(event);
        return;
    case EventKind::internal_move:
        if (const std::uint32_t index = record_of(*event.persons, event.row); index != no_history)
            histories_.at(index).area = event.to_area;
        return;
    case EventKind::death_abroad:
        on_death_abroad(event);
        return;
    case EventKind::left_pool:
        on_left_pool(event);
        return;
    }
}

void MigrationDefinitions::on_birth(const PersonEvent& event) {
    // A child born in the country is a usual resident from birth under every rule (docs/model.md);
    // one who leaves with its mother in its month of birth is taken back below.
    const int year = flow_year(event.month);
    for (const Definition d :
         {Definition::present, Definition::usual_residence_12m, Definition::usual_residence_6m})
        ++accounts_.births[accounts_.by_definition(year, d)];
}

std::uint32_t MigrationDefinitions::record_from_columns(PersonTable& persons, std::size_t row,
                                                        bool is_present, Month now) {
    const std::uint32_t index = histories_.create(persons.at(core.id, row), persons.at(core.birth, row),
                                                  persons.at(core.sex, row), persons.at(core.origin, row));
    persons.at(history_, row) = index;
    PersonHistory& h = histories_.at(index);
    const Month keep_from = now - circular_window_months;
    const StoredMonth arrived = persons.at(core.latest_arrival, row);
    if (is_present) {
        if (arrived != never && arrived >= keep_from)
            histories_.add(index, {arrived, arrival_partner(h.origin), CrossingDirection::in}, keep_from);
        // Persons present without a record crossed more than 13 months ago: residents.
        h.set(present | twelve_month_resident | six_month_resident | stay_counted, true);
    } else {
        const StoredMonth departed = persons.at(core.departed, row);
        if (arrived != never && arrived >= keep_from && arrived < departed)
            histories_.add(index, {arrived, arrival_partner(h.origin), CrossingDirection::in}, keep_from);
        if (departed >= keep_from)
            histories_.add(index, {departed, persons.at(core.destination, row), CrossingDirection::out},
                           keep_from);
        h.area = h.crossing_area = persons.at(core.last_area, row);
        h.set(stay_counted, true);
    }
    return index;
}

void MigrationDefinitions::on_arrival(const PersonEvent& event) {
    PersonTable& persons = *event.persons;
    const Month now = event.month;
    const std::uint8_t sex = persons.at(core.sex, event.row);
    const int age = age_in_years(now, persons.at(core.birth, event.row));
    ++accounts_.immigration[accounts_.flow(flow_year(now), Definition::present, event.partner, event.area,
                                           sex, age)];
    std::uint32_t index = record_of(persons, event.row);
    if (index == no_history && event.kind == EventKind::immigration) {
        index = histories_.create(persons.at(core.id, event.row), persons.at(core.birth, event.row), sex,
                                  persons.at(core.origin, event.row));
        persons.at(history_, event.row) = index;
    } else if (index == no_history) {
        index = record_from_columns(persons, event.row, false, now);
    }
    close_stay(index, now);
    cross(index, {static_cast<StoredMonth>(now), event.partner, CrossingDirection::in}, event.area, now);
}

void MigrationDefinitions::on_departure(const PersonEvent& event) {
    PersonTable& persons = *event.persons;
    const Month now = event.month;
    const int year = flow_year(now);
    const std::uint8_t sex = persons.at(core.sex, event.row);
    const StoredMonth birth = persons.at(core.birth, event.row);
    ++accounts_.emigration[accounts_.flow(year, Definition::present, event.partner, event.area, sex,
                                          age_in_years(now, birth))];
    std::uint32_t index = record_of(persons, event.row);
    if (index == no_history) {
        index = record_from_columns(persons, event.row, true, now);
        histories_.at(index).area = event.area;
        if (birth == now) {
            // A newborn leaving with its mother in its month of birth was never in the country at
            // the start of a month: under the 6-month rule it is neither born there nor an emigrant.
            histories_.at(index).set(six_month_resident, false);
            --accounts_.births[accounts_.by_definition(year, Definition::usual_residence_6m)];
        }
    }
    close_stay(index, now);
    cross(index, {static_cast<StoredMonth>(now), event.partner, CrossingDirection::out}, event.area, now);
}

void MigrationDefinitions::on_death(const PersonEvent& event) {
    const int year = flow_year(event.month);
    ++accounts_.deaths[accounts_.by_definition(year, Definition::present)];
    const std::uint32_t index = record_of(*event.persons, event.row);
    if (index == no_history) {
        // Present for more than 13 months: a usual resident under both rules.
        ++accounts_.deaths[accounts_.by_definition(year, Definition::usual_residence_12m)];
        ++accounts_.deaths[accounts_.by_definition(year, Definition::usual_residence_6m)];
        return;
    }
    close_stay(index, event.month);
    const PersonHistory& h = histories_.at(index);
    if (h.has(twelve_month_resident))
        ++accounts_.deaths[accounts_.by_definition(year, Definition::usual_residence_12m)];
    if (h.has(six_month_resident))
        ++accounts_.deaths[accounts_.by_definition(year, Definition::usual_residence_6m)];
    histories_.release(index);
}

void MigrationDefinitions::on_death_abroad(const PersonEvent& event) {
    const std::uint32_t index = record_of(*event.persons, event.row);
    if (index == no_history)
        return; // abroad for more than ten years: resident under no rule
    // A usual resident who dies during an absence shorter than 12 months is a death of the
    // 12-month population (the absence ended, by death, before it made the person an emigrant).
    close_stay(index, event.month);
    const PersonHistory& h = histories_.at(index);
    const int year = flow_year(event.month);
    if (h.has(twelve_month_resident))
        ++accounts_.deaths[accounts_.by_definition(year, Definition::usual_residence_12m)];
    if (h.has(six_month_resident))
        ++accounts_.deaths[accounts_.by_definition(year, Definition::usual_residence_6m)];
    histories_.release(index);
}

void MigrationDefinitions::on_left_pool(const PersonEvent& event) {
    const std::uint32_t index = record_of(*event.persons, event.row);
    if (index == no_history)
        return;
    PersonHistory& h = histories_.at(index);
    // The pool follows a person for at least 12 months (returns.max_years_abroad >= 1), so the
    // absence is a long one by now; were it not, losing the person is taken as one.
    if (h.has(twelve_month_pending))
        resolve_12m(index, true, false);
    close_stay(index, event.month);
    if (h.has(six_month_resident)) {
        const Crossing latest = histories_.crossings(index).back();
        ++accounts_
              .emigration[accounts_.flow(flow_year(event.month), Definition::usual_residence_6m,
                                         latest.partner, h.area, h.sex, age_in_years(event.month, h.birth))];
    }
    histories_.release(index);
}

void MigrationDefinitions::cross(std::uint32_t index, Crossing crossing, std::uint16_t area, Month now) {
    histories_.add(index, crossing, now - circular_window_months);
    PersonHistory& h = histories_.at(index);
    const bool arrives = crossing.direction == CrossingDirection::in;
    h.area = h.crossing_area = area;
    h.set(present, arrives);
    h.set(january_seen | stay_counted | circular_pending | short_circular_pending, false);
    // The 12-month rule: an arrival of a non-resident, or a departure of a resident, changes the
    // status if the stay it starts lasts 12 months; until then the status is pending.
    h.set(twelve_month_pending, arrives != h.has(twelve_month_resident));
    schedule_6m_changes(index, now, now);
    schedule(index, now + long_term_months);
    schedule(index, now + settled_months);
}

void MigrationDefinitions::close_stay(std::uint32_t index, Month now) {
    PersonHistory& h = histories_.at(index);
    if (h.count == 0)
        return;
    const Crossing latest = histories_.crossings(index).back();
    const int months = now - latest.month;
    if (!h.has(stay_counted)) {
        if (latest.month >= start_)
            ++accounts_
                  .crossings[accounts_.crossing(flow_year(latest.month), static_cast<int>(latest.direction),
                                                static_cast<int>(stay_duration(months)), latest.partner,
                                                h.sex, age_in_years(latest.month, h.birth))];
        h.set(stay_counted, true);
    }
    if (h.has(twelve_month_pending))
        resolve_12m(index, months >= long_term_months, false);
    if (h.has(short_circular_pending) && months >= short_term_months)
        count_circular(index, CircularKind::short_term_circular);
    if (h.has(circular_pending) && months >= long_term_months)
        count_circular(index, CircularKind::circular);
    h.set(circular_pending | short_circular_pending, false);
}

void MigrationDefinitions::resolve_12m(std::uint32_t index, bool long_stay, bool provisional) {
    PersonHistory& h = histories_.at(index);
    const Crossing latest = histories_.crossings(index).back();
    const bool arrival = latest.direction == CrossingDirection::in;
    const bool resident_after = arrival == long_stay;
    // The change of status is dated back to the crossing that caused it.
    if (long_stay && latest.month >= start_) {
        auto& flow = arrival ? accounts_.immigration : accounts_.emigration;
        ++flow[accounts_.flow(flow_year(latest.month), Definition::usual_residence_12m, latest.partner,
                              h.crossing_area, h.sex, age_in_years(latest.month, h.birth))];
    }
    const Month january = january_after(latest.month);
    const int year = state_.calendar.population_year_index(january);
    if (h.has(january_seen) && resident_after)
        ++accounts_.population[accounts_.stock(year, Definition::usual_residence_12m, h.origin,
                                               h.january_area, h.sex, age_in_years(january, h.birth))];
    if (provisional) {
        if (latest.month >= start_)
            accounts_.flows_provisional[accounts_.by_definition(flow_year(latest.month),
                                                                Definition::usual_residence_12m)] = 1;
        if (h.has(january_seen))
            accounts_.population_provisional[accounts_.by_definition(year, Definition::usual_residence_12m)] =
                1;
    }
    h.set(twelve_month_resident, resident_after);
    h.set(twelve_month_pending, false);
}

void MigrationDefinitions::count_circular(std::uint32_t index, CircularKind kind) {
    PersonHistory& h = histories_.at(index);
    const Month january = january_after(histories_.crossings(index).back().month);
    ++accounts_
          .circular[accounts_.circular_cell(state_.calendar.population_year_index(january), kind, h.origin,
                                            h.january_area, h.sex, age_in_years(january, h.birth))];
    h.set(kind == CircularKind::circular ? circular_pending : short_circular_pending, false);
}

void MigrationDefinitions::schedule(std::uint32_t index, Month t) {
    const PersonHistory& h = histories_.at(index);
    wakes_[static_cast<std::size_t>(t) % wake_months].push_back(
        {index, h.generation, histories_.crossings(index).back().month});
}

void MigrationDefinitions::schedule_6m_changes(std::uint32_t index, Month now, Month stay_start) {
    const PersonHistory& h = histories_.at(index);
    const Month last = stay_start + settled_months;
    if (last <= now)
        return;
    // Presence at the starts of months now + 1 - 12 .. last, as bits (at most 26 months).
    const Month from = now + 1 - 12;
    const std::uint64_t bits = presence_bits(histories_.crossings(index), h.birth, from, last - from + 1);
    bool status = h.has(six_month_resident);
    for (Month t = now + 1; t <= last; ++t) {
        const bool at_t = resident_6m_from_bits(bits >> (t - 12 - from), t - h.birth);
        if (at_t != status)
            schedule(index, t);
        status = at_t;
    }
}

void MigrationDefinitions::month_done(Month now) {
    const Month t = now + 1;
    std::vector<Wake>& due = wakes_[static_cast<std::size_t>(t) % wake_months];
    for (const Wake& w : due)
        wake(w, t);
    due.clear();
    if (histories_.bytes() > peak_bytes_) {
        peak_bytes_ = histories_.bytes();
        peak_records_ = histories_.live_records();
        peak_crossings_ = histories_.crossings_held();
    }
}

void MigrationDefinitions::wake(const Wake& w, Month t) {
    if (w.record >= histories_.slots())
        return;
    PersonHistory& h = histories_.at(w.record);
    if (!h.has(live) || h.generation != w.generation || h.count == 0 ||
        histories_.crossings(w.record).back().month != w.stay_start)
        return; // the person crossed again, or died, since
    const Crossing latest = histories_.crossings(w.record).back();
    const int months = t - latest.month; // the stay has lasted at least this long
    if (months >= short_term_months && h.has(short_circular_pending))
        count_circular(w.record, CircularKind::short_term_circular);
    if (months >= long_term_months) {
        if (h.has(circular_pending))
            count_circular(w.record, CircularKind::circular);
        if (!h.has(stay_counted)) {
            if (latest.month >= start_)
                ++accounts_.crossings[accounts_.crossing(
                    flow_year(latest.month), static_cast<int>(latest.direction),
                    static_cast<int>(StayDuration::long_term), latest.partner, h.sex,
                    age_in_years(latest.month, h.birth))];
            h.set(stay_counted, true);
        }
        if (h.has(twelve_month_pending))
            resolve_12m(w.record, true, false);
    }
    // The 6-month rule: a change of status between the starts of months t - 1 and t is a flow of
    // month t - 1, where the person is at the start of t (the area left, when abroad).
    const bool resident = resident_6m(histories_.crossings(w.record), h.birth, t);
    if (resident != h.has(six_month_resident)) {
        auto& flow = resident ? accounts_.immigration : accounts_.emigration;
        ++flow[accounts_.flow(flow_year(t - 1), Definition::usual_residence_6m, latest.partner, h.area, h.sex,
                              age_in_years(t - 1, h.birth))];
        h.set(six_month_resident, resident);
    }
    if (months >= settled_months)
        release_if_settled(w.record, t);
}

void MigrationDefinitions::release_if_settled(std::uint32_t index, Month now) {
    PersonHistory& h = histories_.at(index);
    if ((h.flags & (twelve_month_pending | circular_pending | short_circular_pending)) != 0)
        return;
    histories_.drop_before(index, now - circular_window_months);
    const auto crossings = histories_.crossings(index);
    if (crossings.empty()) {
        histories_.release(index);
        return;
    }
    // What the person's columns show again when the record is gone: the latest arrival, from the
    // person's own region, settled (13 months and more ago).
    const Crossing only = crossings.front();
    if (crossings.size() == 1 && h.has(present) && h.origin != native_born &&
        only.direction == CrossingDirection::in && only.partner == arrival_partner(h.origin) &&
        now - only.month >= settled_months)
        histories_.release(index);
}

std::unique_ptr<Process> make_migration_definitions(RunState& state) {
    return std::make_unique<MigrationDefinitions>(state);
}

} // namespace migsim
