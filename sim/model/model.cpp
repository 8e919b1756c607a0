#include "model/model.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include <omp.h>

#include "calibration/base_population.hpp"

namespace migsim {

namespace {

int resolved_threads(int requested) {
    return requested > 0 ? requested : omp_get_num_procs();
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
      mortality_(state_), emigration_(state_), internal_migration_(state_), fertility_(state_, emigration_),
      immigration_(state_), life_abroad_(state_) {
    // The month's competing events, in the order of their thresholds, and the independent draws.
    pass_.add(mortality_);
    pass_.add(emigration_);
    pass_.add(internal_migration_);
    pass_.add(fertility_);
    for (const ProcessFactory make : added) {
        added_.push_back(make(state_));
        added_.back()->join(pass_);
    }
    for (Observer* observer : observers) {
        observer->declare(state_.layout, state_.streams);
        state_.events.add(*observer);
    }
}

void Model::start(const std::vector<Observer*>& observers) {
    // Every column is registered and the persons are in tables over them.
    state_.abroad = AbroadPool(state_.layout);
    mortality_.start();
    emigration_.start();
    internal_migration_.start();
    fertility_.start();
    life_abroad_.start();
    for (const auto& process : added_)
        process->start();
    pass_.build();
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
    results_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    results_.abroad_end = state_.abroad.size();
    results_.newborn_id_collisions = fertility_.id_collisions();
    results_.truth = std::move(state_.truth);
    return std::move(results_);
}

// The month, in its fixed order:
//  1. on 1 January, the truth and the sources count the population;
//  2. the month's pass over persons present: deaths, emigration and moves (competing), births;
//  3. life abroad: deaths abroad, returns and pruning of the abroad pool;
//  4. the month's deaths and emigrants are recorded, movers join their new areas, newborns their
//     mothers' areas; then immigrants and returners arrive;
//  5. the added processes (model/added_processes.cpp) apply their month, in their order;
//  6. the sources close the month.
void Model::step(Month now) {
    if (is_january(now))
        take_january_census(now);
    internal_migration_.refresh_destinations();
    immigration_.refresh_attraction();
    results_.person_months += pass_.run(now);
    life_abroad_.live(now);
    mortality_.record_deaths(now);
    emigration_.depart(now);
    internal_migration_.arrive(now);
    fertility_.newborns_join(now);
    immigration_.arrive(now);
    life_abroad_.returners_arrive(now);
    for (const auto& process : added_)
        process->month_end(now);
    for (Observer* observer : state_.events.observers())
        observer->month_done(now);
    track_memory();
}

void Model::take_january_census(Month january) {
    const int year = state_.calendar.population_year_index(january);
    count_present(state_.population, january, year, state_.truth.population, state_.threads,
                  [](const PersonTable&, std::size_t) { return true; });
    for (Observer* observer : state_.events.observers())
        observer->reference_date(january, state_.population, state_.abroad.persons, state_.threads);
}

void Model::track_memory() {
    const std::size_t hot = state_.population.bytes();
    if (hot > results_.peak_hot_bytes) {
        results_.peak_hot_bytes = hot;
        results_.peak_hot_persons = state_.population.size();
    }
    std::size_t side = state_.abroad.bytes();
    for (const Observer* observer : state_.events.observers())
        side += observer->bytes();
    results_.peak_side_bytes = std::max(results_.peak_side_bytes, side);
}

} // namespace migsim
