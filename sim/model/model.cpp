#include "model/model.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include <omp.h>

#include "calibration/base_population.hpp"
#include "processes/returns_settings.hpp"

namespace migsim {

namespace {

/// 0 asks for the cores this process may run on: those of its affinity mask (omp_get_num_procs, so
/// `taskset`, a container's cpuset and mpirun's binding are kept), and no more than OMP_NUM_THREADS
/// when it is set (omp_get_max_threads), the usual way to share a machine among OpenMP programs.
int resolved_threads(int requested) {
    return requested > 0 ? requested : std::max(1, std::min(omp_get_num_procs(), omp_get_max_threads()));
}

} // namespace

Model::Model(const Scenario& scenario, int threads, std::vector<Observer*> observers,
             std::span<const ProcessFactory> added)
    : Model(scenario, base_population(scenario), std::move(observers), threads, added) {}

Model::Model(const Scenario& scenario, const Population& base, std::vector<Observer*> observers, int threads,
             std::span<const ProcessFactory> added)
    : Model(scenario, base.areas, observers, threads, added) {
    state_.population = base.with_layout(state_.layout, 1.25);
    start(observers);
}

Model::Model(const Scenario& scenario, Population&& base, std::vector<Observer*> observers, int threads,
             std::span<const ProcessFactory> added)
    : Model(scenario, base.areas, observers, threads, added) {
    state_.population = std::move(base).into_layout(state_.layout, 1.25);
    start(observers);
}

Model::Model(const Scenario& scenario, std::vector<SmallArea> areas, std::vector<Observer*>& observers,
             int threads, std::span<const ProcessFactory> added)
    : scenario_(scenario), state_(scenario_, resolved_threads(threads), std::move(areas)), pass_(state_),
      abroad_pass_(state_), added_(added.begin(), added.end()) {
    // Values a time-varying parameter takes at or before the start are those of the whole run's
    // start (the loader folds them in; a scenario built by hand may not have).
    const auto& changes = scenario_.timeline.changes;
    for (; next_change_ < changes.size() && changes[next_change_].month <= scenario_.run.start;
         ++next_change_)
        changes[next_change_].assign(scenario_, changes[next_change_].value);
    // Each process is made (registering its columns, streams and flows) and joins the passes, in
    // the order of the lists: its events compete in that order.
    for (const auto& list : {first_version_processes(), added})
        for (const ProcessFactory make : list) {
            processes_.push_back(make(state_));
            processes_.back()->join(pass_);
            processes_.back()->join_abroad(abroad_pass_);
            state_.processes.push_back(processes_.back().get());
        }
    for (Observer* observer : observers) {
        observer->declare(state_.layout, state_.streams);
        state_.events.add(*observer);
    }
}

void Model::start(const std::vector<Observer*>& observers) {
    // Every column is registered and the persons are in tables over them; the base population's
    // persons abroad start the pool, its family links the index.
    state_.abroad = AbroadPool(state_.layout);
    if (state_.population.abroad.layout_set()) {
        state_.abroad.persons.append_all(state_.population.abroad);
        state_.population.abroad = PersonTable();
    }
    if (scenario_.settings<ReturnSettings>().start_in_equilibrium)
        fill_equilibrium_pool();
    results_.abroad_start = state_.abroad.size();
    for (const FamilyLink& link : state_.population.families)
        state_.families.add(link.mother, link.child, link.child_birth);
    state_.families.settle();
    state_.population.families = {};
    for (const auto& process : processes_)
        process->start();
    pass_.build();
    abroad_pass_.build();
    for (Observer* observer : observers)
        observer->start(scenario_.run.start, state_.population);

    results_.calendar = state_.calendar;
    results_.areas = state_.population.areas;
    for (const auto& table : state_.population.persons)
        results_.area_base_population.push_back(static_cast<std::int64_t>(table.size()));
    results_.threads = state_.threads;
}

Model::~Model() = default;

RunResults Model::run(const std::function<void(int, int)>& progress) {
    if (ran_)
        throw std::logic_error("Model::run: a model runs once; build a new one for another run");
    ran_ = true;
    const auto started = std::chrono::steady_clock::now();
    const Month end = scenario_.run.start + scenario_.run.months;
    for (Month now = scenario_.run.start; now < end; ++now) {
        step(now);
        if (progress)
            progress(now - scenario_.run.start + 1, scenario_.run.months);
    }
    if (is_january(end))
        take_january_census(end);
    for (const auto& process : processes_)
        process->end_of_run(end);
    results_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    results_.abroad_end = state_.abroad.size();
    results_.abroad_pruned = abroad_pass_.pruned();
    results_.newborn_id_collisions = state_.newborn_id_collisions;
    results_.size_figures = state_.size_figures;
    for (const auto& process : processes_)
        process->add_output(results_.groups);
    results_.truth = std::move(state_.truth);
    return std::move(results_);
}

// The month, in its fixed order:
//  0. parameters that change this month take their new values (scenario/timeline.hpp);
//  1. on 1 January, the truth counts the population, then the processes and the sources take the
//     reference date; a process whose hazards change with the calendar year (mortality
//     improvement) says so, and the passes' thresholds are rebuilt;
//  2. each process begins the month (what depends on the population at its start);
//  3. the month's pass over persons present: their competing events (deaths, emigration, moves,
//     ...) and independent draws (births, ...);
//  4. the pass over the abroad pool: deaths abroad, returns, loss to follow-up, ...;
//  5. each process applies the month's events, in the order of the lists (the first version's:
//     deaths and departures recorded, movers join their new areas, newborns their mothers' areas,
//     then first immigrants and returners arrive);
//  6. the sources close the month.
void Model::step(Month now) {
    const auto& changes = scenario_.timeline.changes;
    if (next_change_ < changes.size() && changes[next_change_].month == now)
        change_parameters(now);
    if (is_january(now))
        take_january_census(now);
    if (state_.hazards_changed) {
        pass_.build();
        abroad_pass_.build();
        state_.hazards_changed = false;
    }
    for (const auto& process : processes_)
        process->month_begin(now);
    results_.person_months += pass_.run(now);
    abroad_pass_.run(now);
    for (const auto& process : processes_)
        process->month_end(now);
    for (Observer* observer : state_.events.observers())
        observer->month_done(now);
    track_memory();
}

void Model::change_parameters(Month now) {
    const auto& changes = scenario_.timeline.changes;
    for (; next_change_ < changes.size() && changes[next_change_].month == now; ++next_change_)
        changes[next_change_].assign(scenario_, changes[next_change_].value);
    for (const auto& process : processes_)
        process->parameters_changed(now);
    for (Observer* observer : state_.events.observers())
        observer->parameters_changed(scenario_, now);
    pass_.build();
    abroad_pass_.build();
}

void Model::take_january_census(Month january) {
    const int year = state_.calendar.population_year_index(january);
    count_present(state_.population, january, year, state_.truth.population, state_.threads,
                  [](const PersonTable&, std::size_t) { return true; });
    for (const auto& process : processes_)
        process->reference_date(january);
    for (Observer* observer : state_.events.observers())
        observer->reference_date(january, state_.population, state_.abroad.persons, state_.threads);
}

void Model::track_memory() {
    const std::size_t hot = state_.population.bytes();
    if (hot > results_.peak_hot_bytes) {
        results_.peak_hot_bytes = hot;
        results_.peak_hot_persons = state_.population.size();
    }
    std::size_t side = state_.abroad.bytes() + state_.families.bytes();
    for (const auto& process : processes_)
        side += process->side_bytes();
    for (const Observer* observer : state_.events.observers())
        side += observer->bytes();
    results_.peak_side_bytes = std::max(results_.peak_side_bytes, side);
}

} // namespace migsim
