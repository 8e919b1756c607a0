#pragma once
// Internal migration between small areas. Whether a person moves is one of the month's competing
// events (hazards by sex and age: young adults move most). Where to is a destination choice of the
// gravity type (Zipf 1946; Stillwell & Congdon 1991), by the mover's age group g: from area i,
// destination j != i is chosen with probability
//     P_g(j | i) = P_j^gamma exp(a_jg) exp(-d_ij / D_g) / sum_{k != i} P_k^gamma exp(a_kg) exp(-d_ik / D_g),
// with P_j the population of j at the start of the month, d_ij the distance in km, a_jg the log
// attraction of j for the group and D_g its decay distance: the origin-constrained spatial
// interaction model (Wilson 1971) with destination effects, the Poisson gravity model of Flowerdew &
// Aitkin (1982). The a and D are scenario tables fitted to observed flows
// (calibration/destination_choice_fit.hpp); without them a = 0 and D_g = distance_decay_km.
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
    /// The destination of a mover of `age_group` (mover_age_group) from `origin`.
    std::uint16_t choose(int origin, int age_group, pcg32& generator) const;
    /// Probability of moving from `origin` to `destination` for a mover of `age_group`.
    double probability(int origin, int destination, int age_group) const;

private:
    /// The table of an age group: one for all when the groups share a and D (no tables given),
    /// so that the run does the arithmetic, and keeps the memory, of a single choice.
    std::size_t table_of(int age_group) const {
        return tables_ == 1 ? 0 : static_cast<std::size_t>(age_group);
    }

    int areas_;
    int tables_; ///< 1 or n_mover_age_groups
    double population_exponent_;
    /// By table, origin row: exp(a_jg - d_ij / D_g), 0 on the diagonal.
    std::vector<double> destination_kernel_;
    std::vector<double> cumulative_; ///< by table, origin row: normalised to end at 1
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
/// /inputs/calibration (the attractions and decays a run used, when the scenario gives an
/// attraction table) and /inputs/calibration/fit (the calibration's targets and summary, when it
/// gives those tables too): output_schemas/calibration.toml.
std::vector<OutputGroup> calibration_groups(const InternalMigrationSettings& settings,
                                            const std::vector<SmallArea>& areas);

} // namespace migsim
