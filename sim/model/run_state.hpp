#pragma once
// The state of a run that the processes read and change: the person columns, the persons present
// by area, the abroad pool, the truth's accounts, the streams in use and the observers of the event
// stream. Each process gets it at construction, registers its columns, streams and flows, and keeps
// the handles; Model::step calls the processes in their order.
#include <cstdint>
#include <string>
#include <vector>

#include "core/counts.hpp"
#include "core/rng.hpp"
#include "core/stream_registry.hpp"
#include "model/accounts.hpp"
#include "model/presence.hpp"
#include "model/process.hpp"
#include "population/abroad_pool.hpp"
#include "population/events.hpp"
#include "population/families.hpp"
#include "population/population.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

/// The observers of the event stream, called in the order they were added.
class EventStream {
public:
    void add(Observer& observer) { observers_.push_back(&observer); }
    void emit(const PersonEvent& event) const {
        for (Observer* observer : observers_)
            observer->observe(event);
    }
    const std::vector<Observer*>& observers() const { return observers_; }

private:
    std::vector<Observer*> observers_;
};

/// A figure of a run's size that a process reports for the run's summary (its side tables'
/// memory, ...), in RunResults::size_figures.
struct SizeFigure {
    std::string name;
    double value = 0.0;
    std::string unit;
};

struct RunState {
    const Scenario& scenario;
    int threads = 1;
    ReportingYears calendar;
    ColumnLayout layout;
    Population population; ///< present persons, by area (tables over `layout`, made by Model)
    AbroadPool abroad;
    TruthAccounts truth;
    StreamRegistry streams;
    EventStream events;
    /// The run's processes in their order (made by Model), for the hooks they share.
    std::vector<Process*> processes;
    /// The ways the persons present change, each offered by the process that owns it
    /// (model/presence.hpp).
    DeathService* deaths = nullptr;
    DepartureService* departures = nullptr;
    ReturnService* returns = nullptr;
    MoveService* moves = nullptr;
    /// Mothers and their children under 15 (population/families.hpp): children arrive, leave,
    /// move and return with their mother.
    FamilyIndex families;
    std::size_t newborn_id_collisions = 0; ///< newborn ids re-hashed to stay unique, so far
    /// Figures of size the processes report by the end of the run (Process::end_of_run).
    std::vector<SizeFigure> size_figures;
    /// A process changed a hazard on 1 January outside the scenario's timeline (Process::
    /// reference_date: a new year's death rates): the model rebuilds the passes' thresholds before
    /// the month's pass, and clears the flag. Years without a change cost one comparison.
    bool hazards_changed = false;

    /// The state of a run of `s` over `areas` small areas: the core person columns, empty tables.
    RunState(const Scenario& s, int thread_count, std::vector<SmallArea> areas)
        : scenario(s), threads(thread_count), calendar(s.run.start, s.run.months), layout(core_layout()),
          truth(calendar, static_cast<int>(areas.size())) {
        population.areas = std::move(areas);
    }

    MonthKey key(Month now) const { return month_key(scenario.run.seed, now); }
    int year(Month now) const { return calendar.flow_year_index(now); }
    /// The current number of persons present in each area.
    std::vector<std::size_t> area_sizes() const;
    /// A person leaves for the abroad pool (Process::person_leaves), told to every process in order.
    void left(PersonTable& leaving, std::size_t row, Month now) const {
        for (Process* process : processes)
            process->person_leaves(leaving, row, now);
    }
    /// A person joined the persons present (Process::person_joins), told to every process in order.
    void joined(PersonTable& persons, std::size_t row, const Joining& joining) const {
        for (Process* process : processes)
            process->person_joins(persons, row, joining);
    }
};

inline std::vector<std::size_t> RunState::area_sizes() const {
    std::vector<std::size_t> sizes;
    sizes.reserve(population.persons.size());
    for (const auto& table : population.persons)
        sizes.push_back(table.size());
    return sizes;
}

} // namespace migsim
