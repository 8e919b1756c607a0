#pragma once
// Emigration: departures of persons present abroad, one of the month's competing events
// (model/monthly_pass.hpp), with hazards by migrant status (the native-born; the foreign-born by
// completed years since their latest arrival, since recent immigrants leave far more often) and
// age, times emigration.multiplier; and the choice of the partner region an emigrant goes to. After
// the pass, the month's emigrants are told to the observers and join the abroad pool (depart).
#include <cstdint>
#include <vector>

#include <pcg_random.hpp>

#include "io/output_contents.hpp"
#include "model/monthly_pass.hpp"
#include "processes/emigration_settings.hpp"

namespace migsim {

class EmigrationDestinations {
public:
    explicit EmigrationDestinations(const EmigrationSettings& settings);
    /// The partner region (foreign group index) an emigrant of `origin` goes to.
    std::uint8_t choose(std::uint8_t origin, pcg32& generator) const;

private:
    std::vector<std::uint32_t> cumulative_shares_; ///< of the native-born choice, as thresholds
    std::uint32_t own_region_threshold_;
};

class Emigration final : public CompetingEvent {
public:
    explicit Emigration(RunState& state);

    double annual_hazard(const RiskCell& cell) const override;
    void prepare(int area) override;
    void happen(const PersonInPass& person, MonthOutcome& outcome) override;

    void start();
    /// The month's emigrants, area by area: told to the observers, then into the abroad pool.
    void depart(Month now);
    /// A person who leaves with another (a newborn with its emigrating mother): counted, told to
    /// the observers and put in the pool at once. `leaving` is a table of abroad scope.
    void leave_with(PersonTable& leaving, std::size_t row, Month now, std::uint8_t destination,
                    std::uint16_t area);

private:
    RunState& state_;
    const EmigrationSettings& settings_; ///< the scenario's, for the run
    FlowId emigration_;
    EmigrationDestinations destinations_;
    std::vector<PersonTable> leaving_; ///< by area: the month's emigrants (abroad scope, spell set)
};

/// The /inputs tables emigration reports (output_schemas/emigration.toml).
std::vector<OutputArray> emigration_inputs(const EmigrationSettings& settings);
/// The /inputs tables of the choice of destination (output_schemas/emigration_destinations.toml).
std::vector<OutputArray> emigration_destination_inputs(const EmigrationSettings& settings);

} // namespace migsim
