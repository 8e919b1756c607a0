#pragma once
// Mortality: deaths of persons present, one of the month's competing events (model/monthly_pass.hpp)
// with the death rates by sex and age times mortality.multiplier. A death leaves the area's table;
// the month's deaths are told to the observers after the pass (record_deaths), area by area.
// Deaths abroad are part of life abroad (life_abroad.hpp).
#include <vector>

#include "io/output_contents.hpp"
#include "model/monthly_pass.hpp"
#include "processes/mortality_settings.hpp"

namespace migsim {

class Mortality final : public CompetingEvent {
public:
    explicit Mortality(RunState& state);

    double annual_hazard(const RiskCell& cell) const override;
    void prepare(int area) override;
    void happen(const PersonInPass& person, MonthOutcome& outcome) override;

    /// Makes the scratch tables (once every column is registered).
    void start();
    /// Emits the month's deaths, area by area.
    void record_deaths(Month now);

private:
    RunState& state_;
    const MortalitySettings& settings_; ///< the scenario's, for the run
    FlowId deaths_;
    std::vector<PersonTable> died_; ///< by area: the month's dead
};

/// The /inputs tables mortality reports (output_schemas/mortality.toml).
std::vector<OutputArray> mortality_inputs(const MortalitySettings& settings);

} // namespace migsim
