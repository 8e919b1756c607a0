#pragma once
// Internal migration between small areas. Whether a person moves is one of the month's competing
// events (hazards by sex and age: young adults move most). Where to is a gravity-type choice
// (Zipf 1946; Stillwell & Congdon 1991): from area i, destination j != i is chosen with
// probability proportional to P_j^alpha * exp(-d_ij / decay), with P_j the population of j at
// the start of the month and d_ij the distance in km.
#include <cstdint>
#include <vector>

#include <pcg_random.hpp>

#include "io/output_contents.hpp"
#include "model/monthly_pass.hpp"
#include "model/presence.hpp"
#include "model/process.hpp"
#include "population/population.hpp"
#include "processes/internal_migration_settings.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

class InternalMigrationDestinations {
public:
    InternalMigrationDestinations(const InternalMigrationSettings& settings,
                                  const std::vector<SmallArea>& areas);

    /// Recomputes the choice probabilities from the areas' current populations.
    void update(const std::vector<std::size_t>& area_population);
    /// The destination of a mover from `origin`.
    std::uint16_t choose(int origin, pcg32& generator) const;
    /// Probability of moving from `origin` to `destination` (for tests and /inputs).
    double probability(int origin, int destination) const;

private:
    int areas_;
    double population_exponent_;
    std::vector<double> distance_kernel_; ///< exp(-d_ij / decay), 0 on the diagonal
    std::vector<double> cumulative_;      ///< by origin row, normalised to end at 1
};

/// Internal migration as one of the month's competing events: hazards by sex and age times
/// internal_migration.multiplier; a mover leaves the area's table in the pass and joins the chosen
/// area after it (arrive), told to the observers.
class InternalMigration final : public Process, public CompetingEvent, public MoveService {
public:
    explicit InternalMigration(RunState& state);

    void join(MonthlyPass& pass) override { pass.add(*this); }
    void start() override;
    /// The destination choices from the areas' populations at the start of the month.
    void month_begin(Month /*now*/) override { destinations_.update(state_.area_sizes()); }
    /// The month's movers are told to the observers, area by area, and join their new areas
    /// (each area's arrivals in that order, the areas on the run's threads).
    void month_end(Month now) override;
    void parameters_changed(Month /*now*/) override {
        destinations_ = InternalMigrationDestinations(settings_, state_.population.areas);
    }

    double annual_hazard(const RiskCell& cell) const override;
    void prepare(int area) override;
    void happen(const PersonInPass& person, MonthOutcome& outcome) override;
    // The service other processes share (model/presence.hpp).
    void move(const PersonInPass& person, MonthOutcome& outcome, std::uint16_t to) override;

    const InternalMigrationDestinations& destinations() const { return destinations_; }

private:
    RunState& state_;
    const InternalMigrationSettings& settings_; ///< the scenario's, for the run
    FlowId moves_in_;
    FlowId moves_out_;
    InternalMigrationDestinations destinations_;
    std::vector<PersonTable> movers_;                   ///< by area of origin: the month's movers
    std::vector<std::vector<std::uint16_t>> moving_to_; ///< by area of origin: each mover's destination
    struct Arrival {
        std::uint32_t area;  ///< of origin
        std::uint32_t index; ///< in the area's movers
    };
    std::vector<Arrival> arrivals_;          ///< the month's movers by destination, in pass order
    std::vector<std::size_t> arrivals_from_; ///< by destination: where its arrivals begin
};

std::unique_ptr<Process> make_internal_migration(RunState& state);

/// The /inputs tables internal migration reports (output_schemas/internal_migration.toml).
std::vector<OutputArray> internal_migration_inputs(const InternalMigrationSettings& settings);

} // namespace migsim
