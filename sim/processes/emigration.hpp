#pragma once
// Emigration: departures of persons present abroad, one of the month's competing events
// (model/monthly_pass.hpp), with hazards by migrant status (the native-born; the foreign-born by
// completed years since their latest arrival, since recent immigrants leave far more often) and
// age, times emigration.multiplier; and the choice of the partner region an emigrant goes to. After
// the passes, the month's emigrants are told to the observers and join the abroad pool
// (month_end). Other processes send persons abroad through the same service (model/presence.hpp).
#include <cstdint>
#include <vector>

#include <pcg_random.hpp>

#include "io/output_contents.hpp"
#include "model/monthly_pass.hpp"
#include "model/presence.hpp"
#include "model/process.hpp"
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

class Emigration final : public Process, public CompetingEvent, public DepartureService {
public:
    explicit Emigration(RunState& state);

    /// Joins the pass by (sex, status, age), and by country of birth when a scenario sets a factor
    /// by origin other than 1 at any time of the run (otherwise its cells stay as they were).
    void join(MonthlyPass& pass) override;
    void start() override;
    /// The month's emigrants, area by area: told to the observers, then into the abroad pool.
    void month_end(Month now) override;
    void parameters_changed(Month /*now*/) override { destinations_ = EmigrationDestinations(settings_); }

    double annual_hazard(const RiskCell& cell) const override;
    void prepare(int area) override;
    void happen(const PersonInPass& person, MonthOutcome& outcome) override;

    // The service other processes share (model/presence.hpp).
    void emigrate(const PersonInPass& person, MonthOutcome& outcome, std::uint8_t partner) override;
    void leave_with(PersonTable& leaving, std::size_t row, Month now, std::uint8_t destination,
                    std::uint16_t area) override;

private:
    RunState& state_;
    const EmigrationSettings& settings_; ///< the scenario's, for the run
    FlowId emigration_;
    EmigrationDestinations destinations_;
    bool by_origin_ = false; ///< the pass's cells have the country of birth
    DimensionId origin_{0};
    std::vector<PersonTable> leaving_; ///< by area: the month's emigrants (abroad scope, spell set)
};

std::unique_ptr<Process> make_emigration(RunState& state);

/// The /inputs tables emigration reports (output_schemas/emigration.toml).
std::vector<OutputArray> emigration_inputs(const EmigrationSettings& settings);
/// The /inputs tables of the choice of destination (output_schemas/emigration_destinations.toml).
std::vector<OutputArray> emigration_destination_inputs(const EmigrationSettings& settings);

} // namespace migsim
