#pragma once
// The model: a population, the processes that change it and the sources that observe it, stepped
// month by month. Model::step() is the monthly script; it lists the processes in their fixed order
// and does nothing else.
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "model/accounts.hpp"
#include "population/abroad_pool.hpp"
#include "population/population.hpp"
#include "processes/competing_events.hpp"
#include "processes/emigration.hpp"
#include "processes/fertility.hpp"
#include "processes/immigration.hpp"
#include "processes/internal_migration.hpp"
#include "processes/return_migration.hpp"
#include "scenario/scenario.hpp"
#include "sources/register.hpp"

namespace migsim {

/// Everything a run produced that outputs, estimators and scores need.
struct RunResults {
    ReportingYears calendar;
    std::vector<SmallArea> areas;
    std::vector<std::int64_t> area_base_population;
    TruthAccounts truth;
    AreaSexAgeCounts register_population; ///< the register's count on each 1 January
    int threads = 1;
    // Size and speed.
    std::size_t abroad_end = 0;
    std::size_t person_months = 0;  ///< person-months simulated in the country
    std::size_t peak_hot_bytes = 0; ///< person columns of those present, at their peak
    std::size_t peak_hot_persons = 0;
    std::size_t peak_side_bytes = 0;       ///< abroad pool and register records, at their peak
    std::size_t newborn_id_collisions = 0; ///< newborn ids re-hashed to stay unique
    double seconds = 0.0;                  ///< wall time of the monthly steps
};

/// A person about to join a small area: a mover, an arrival from abroad or a returner.
struct Arrival {
    PersonRecord person;
    std::uint16_t area;
};

class Model {
public:
    /// Builds the base population (calibration/base_population.hpp) and the processes.
    Model(const Scenario& scenario, int threads);
    ~Model();
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    /// Runs every month of the scenario; `progress(done, total)` is called after each. A model
    /// runs once.
    RunResults run(const std::function<void(int, int)>& progress = {});

    const Population& population() const { return population_; }
    const AbroadPool& abroad() const { return abroad_; }

private:
    struct AreaMonth; // per-area scratch of one month

    void step(Month now);
    void take_january_census(Month january);
    void competing_events_and_births(Month now);
    void life_abroad(Month now);
    void leavers_recorded(Month now);
    void internal_movers_arrive(Month now);
    void newborns_join(Month now);
    void immigrants_arrive(Month now);
    void returners_arrive(Month now);
    /// Appends `person` to `area` and counts the event as `flow` by age at month `now`.
    void join(std::uint16_t area, const PersonRecord& person, Flow flow, Month now);
    void refresh_destination_choices();
    void track_memory();

    Scenario scenario_; ///< a copy: the model outlives the caller's scenario
    int threads_;
    ReportingYears calendar_;
    Population population_;
    AbroadPool abroad_;
    PopulationRegister register_;
    CompetingRisks competing_;
    Fertility fertility_;
    EmigrationDestinations emigration_destinations_;
    InternalMigrationDestinations internal_destinations_;
    Immigration immigration_;
    ReturnMigration return_migration_;
    RunResults results_;
    std::vector<AreaMonth> scratch_;
    bool ran_ = false;
    std::vector<AbroadEvent> abroad_events_;    ///< this month's, by position in the pool
    std::vector<std::uint32_t> abroad_leaving_; ///< positions of those leaving the pool, ascending
    std::vector<Arrival> returners_;
    std::vector<PersonId> newborn_ids_; ///< this month's, in birth order
    std::vector<PersonId> mothers_;     ///< their mothers
};

} // namespace migsim
