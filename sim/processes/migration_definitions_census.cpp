// The truth under each definition on 1 January (the count of every definition's population and of
// the circular migrants) and at the end of the run (stays still going on, classified by intention).
#include <algorithm>

#include "processes/migration_definitions.hpp"
#include "processes/residence_rules.hpp"

namespace migsim {

namespace {

using namespace history_flag;

constexpr Month january_after(Month m) {
    return (m / 12 + 1) * 12;
}

} // namespace

void MigrationDefinitions::census(Month january) {
    const int year = state_.calendar.population_year_index(january);
    const int areas = state_.population.area_count();
    // The persons present, by country of birth: the `present` population, and the start of the two
    // others (a person present is a usual resident unless a record says otherwise). Areas are
    // shared out over the run's threads; each writes the cells of its own area only.
#pragma omp parallel for schedule(dynamic, 1) num_threads(state_.threads)
    for (int area = 0; area < areas; ++area) {
        const PersonTable& table = state_.population.persons[static_cast<std::size_t>(area)];
        const StoredMonth* birth = table.data(core.birth);
        const std::uint8_t* sex = table.data(core.sex);
        const std::uint8_t* origin = table.data(core.origin);
        for (std::size_t i = 0; i < table.size(); ++i)
            ++accounts_.population[accounts_.stock(year, Definition::present, origin[i], area, sex[i],
                                                   age_in_years(january, birth[i]))];
    }
    const std::size_t block =
        static_cast<std::size_t>(accounts_.origins) * static_cast<std::size_t>(areas) * n_sexes * n_ages;
    const auto present_block =
        accounts_.population.begin() +
        static_cast<std::ptrdiff_t>(accounts_.stock(year, Definition::present, 0, 0, 0, 0));
    for (const Definition d : {Definition::usual_residence_12m, Definition::usual_residence_6m})
        std::copy_n(present_block, block,
                    accounts_.population.begin() +
                        static_cast<std::ptrdiff_t>(accounts_.stock(year, d, 0, 0, 0, 0)));

    // The records: who differs from presence, and the circular migrants.
    for (std::uint32_t index = 0; index < histories_.slots(); ++index) {
        PersonHistory& h = histories_.at(index);
        if (!h.has(live) || h.count == 0)
            continue;
        const int age = age_in_years(january, h.birth);
        const bool is_present = h.has(present);
        const auto at = [&](Definition d) { return accounts_.stock(year, d, h.origin, h.area, h.sex, age); };
        if (h.has(twelve_month_pending)) {
            // Counted when the stay that decides the status ends or reaches 12 months.
            h.january_area = h.area;
            h.set(january_seen, true);
            if (is_present)
                --accounts_.population[at(Definition::usual_residence_12m)];
        }
        if (is_present && !h.has(six_month_resident))
            --accounts_.population[at(Definition::usual_residence_6m)];
        if (!is_present && h.has(six_month_resident))
            ++accounts_.population[at(Definition::usual_residence_6m)];
        if (is_present) {
            const auto crossings = histories_.crossings(index);
            for (const CircularKind kind : {CircularKind::circular, CircularKind::short_term_circular}) {
                const int min_stay = kind == CircularKind::circular ? long_term_months : short_term_months;
                switch (circular_at(crossings, january, min_stay)) {
                case CircularStatus::no:
                    break;
                case CircularStatus::yes:
                    ++accounts_.circular[accounts_.circular_cell(year, kind, h.origin, h.area, h.sex, age)];
                    break;
                case CircularStatus::pending:
                    // Counted when the current stay reaches the threshold (a wake-up planned at its
                    // crossing for 12 months, here for 3), or not if it ends before.
                    h.january_area = h.area;
                    h.set(january_seen, true);
                    h.set(kind == CircularKind::circular ? circular_pending : short_circular_pending, true);
                    if (kind == CircularKind::short_term_circular)
                        schedule(index, crossings.back().month + short_term_months);
                    break;
                }
            }
        }
        release_if_settled(index, january);
    }
}

void MigrationDefinitions::end_of_run(Month end) {
    if (!started_)
        start_histories(end);
    // The intended end of each stay still going on, where a module keeps one (spell.planned_end).
    std::vector<StoredMonth> plan(histories_.slots(), never);
    if (has_plans_) {
        const auto read = [&](const PersonTable& persons) {
            for (std::size_t row = 0; row < persons.size(); ++row)
                if (const std::uint32_t index = record_of(persons, row); index != no_history)
                    plan[index] = persons.at(planned_end_, row);
        };
        for (const PersonTable& table : state_.population.persons)
            read(table);
        read(state_.abroad.persons);
    }
    for (std::uint32_t index = 0; index < histories_.slots(); ++index) {
        PersonHistory& h = histories_.at(index);
        if (!h.has(live) || h.count == 0)
            continue;
        const Crossing latest = histories_.crossings(index).back();
        if (!h.has(stay_counted)) {
            // Shorter than 12 months so far (a longer one was counted when it reached 12).
            if (latest.month >= start_)
                ++accounts_.crossings[accounts_.crossing(
                    flow_year(latest.month), static_cast<int>(latest.direction),
                    static_cast<int>(StayDuration::ongoing), latest.partner, h.sex,
                    age_in_years(latest.month, h.birth))];
            h.set(stay_counted, true);
        }
        if (h.has(twelve_month_pending))
            resolve_12m(index, long_enough_by_intention(latest.month, plan[index], long_term_months), true);
        const int year = state_.calendar.population_year_index(january_after(latest.month));
        for (const CircularKind kind : {CircularKind::circular, CircularKind::short_term_circular}) {
            const bool twelve = kind == CircularKind::circular;
            if (!h.has(twelve ? circular_pending : short_circular_pending))
                continue;
            accounts_
                .circular_provisional[static_cast<std::size_t>(year) * 2 + static_cast<std::size_t>(kind)] =
                1;
            if (long_enough_by_intention(latest.month, plan[index],
                                         twelve ? long_term_months : short_term_months))
                count_circular(index, kind);
            h.set(twelve ? circular_pending : short_circular_pending, false);
        }
    }
    state_.size_figures.push_back({"persons with a crossing history (at the peak of the histories' memory)",
                                   static_cast<double>(peak_records_), "persons"});
    state_.size_figures.push_back(
        {"crossings held (at that peak)", static_cast<double>(peak_crossings_), "crossings"});
    state_.size_figures.push_back(
        {"memory of the crossing histories (peak)", static_cast<double>(peak_bytes_), "bytes"});
    state_.size_figures.push_back(
        {"bytes per crossing, stored", static_cast<double>(sizeof(Crossing)), "bytes"});
    state_.size_figures.push_back({"tables of the figures under each definition (output)",
                                   static_cast<double>(accounts_.bytes()), "bytes"});
    state_.size_figures.push_back(
        {"bytes per person with a history, record and crossings with the arena's slack",
         peak_records_ > 0 ? static_cast<double>(peak_bytes_) / static_cast<double>(peak_records_) : 0.0,
         "bytes"});
}

std::size_t MigrationDefinitions::side_bytes() const {
    std::size_t wakes = 0;
    for (const auto& due : wakes_)
        wakes += due.capacity() * sizeof(Wake);
    return histories_.bytes() + wakes;
}

} // namespace migsim
