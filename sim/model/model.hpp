#pragma once
// The model: a population, the processes that change it and the observers (sources) that watch
// it, stepped month by month. Model::step() is the monthly script: the passes over persons present
// and abroad, then each process in the order of its list, and nothing else. A process is a file of
// its own (sim/processes/) that registers its person columns, streams, flows and monthly events
// with the run's state (run_state.hpp), listed in model/first_version_processes.cpp or
// model/added_processes.cpp; a source is an observer of the event stream (population/events.hpp)
// handed to the model.
#include <cstdint>
#include <functional>
#include <vector>

#include "io/output_contents.hpp"
#include "model/abroad_pass.hpp"
#include "model/monthly_pass.hpp"
#include "model/process.hpp"
#include "model/run_state.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

/// What the truth of a run produced: its accounts and the figures of its size and speed.
struct RunResults {
    ReportingYears calendar;
    std::vector<SmallArea> areas;
    std::vector<std::int64_t> area_base_population;
    TruthAccounts truth;
    /// The processes' own output groups (Process::add_output), in the order of the processes.
    std::vector<OutputGroup> groups;
    int threads = 1;
    // Size and speed.
    std::size_t abroad_start = 0; ///< persons in the abroad pool at the start
    std::size_t abroad_end = 0;
    std::size_t abroad_pruned = 0; ///< persons the pool stopped following (its rule of loss to follow-up)
    std::size_t newborn_id_collisions = 0; ///< newborn ids re-hashed to stay unique
    std::size_t person_months = 0;         ///< person-months simulated in the country
    std::size_t peak_hot_bytes = 0;        ///< person columns of those present, at their peak
    std::size_t peak_hot_persons = 0;
    std::size_t peak_side_bytes = 0;      ///< abroad pool and the observers' records, at their peak
    std::vector<SizeFigure> size_figures; ///< reported by the processes (RunState::size_figures)
    double seconds = 0.0;                 ///< wall time of the monthly steps
};

class Model {
public:
    /// A run of `scenario` from `base` (a base population over the core columns,
    /// calibration/base_population.hpp), watched by `observers`, on `threads` threads (0 = every core),
    /// with the processes of the first version and then `added` (model/process.hpp).
    Model(const Scenario& scenario, const Population& base, std::vector<Observer*> observers, int threads,
          std::span<const ProcessFactory> added = added_processes());
    /// The same, taking over the base population (its memory is freed as the model's is made).
    Model(const Scenario& scenario, Population&& base, std::vector<Observer*> observers, int threads,
          std::span<const ProcessFactory> added = added_processes());
    /// The same from the scenario's own base population.
    Model(const Scenario& scenario, int threads, std::vector<Observer*> observers = {},
          std::span<const ProcessFactory> added = added_processes());
    ~Model();
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    /// Runs every month of the scenario; `progress(done, total)` is called after each. A model
    /// runs once.
    RunResults run(const std::function<void(int, int)>& progress = {});

    const Population& population() const { return state_.population; }
    const AbroadPool& abroad() const { return state_.abroad; }
    const RunState& state() const { return state_; }

private:
    /// Everything but the tables: processes, observers' columns, the month's pass.
    Model(const Scenario& scenario, std::vector<SmallArea> areas, std::vector<Observer*>& observers,
          int threads, std::span<const ProcessFactory> added);
    void start(const std::vector<Observer*>& observers);
    void step(Month now);
    void take_january_census(Month january);
    /// Applies the time-varying parameters' values of month `now` (scenario/timeline.hpp).
    void change_parameters(Month now);
    /// Fills the abroad pool at the start from a warm-up of the model (model/initial_pool.cpp).
    void fill_equilibrium_pool();
    void track_memory();

    Scenario scenario_; ///< a copy: the model outlives the caller's scenario
    RunState state_;
    MonthlyPass pass_;
    AbroadPass abroad_pass_;
    /// The first version's processes, then the added ones, in the order of their lists.
    std::vector<std::unique_ptr<Process>> processes_;
    std::vector<ProcessFactory> added_; ///< the added list, for a warm-up with the same processes
    RunResults results_;
    std::size_t next_change_ = 0; ///< the first change of the timeline not yet applied
    bool ran_ = false;
};

} // namespace migsim
