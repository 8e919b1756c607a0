#pragma once
// Mortality: deaths of persons present, one of the month's competing events (model/monthly_pass.hpp)
// with the death rates by sex and age of the calendar year (those of mortality.rates, or with
// mortality improvement the year's, processes/mortality_settings.hpp; they change on 1 January)
// times mortality.multiplier, and deaths abroad, one of the
// competing events of life abroad (model/abroad_pass.hpp) with the same rates. A death in the
// country leaves the area's table; the month's deaths are told to the observers after the passes
// (month_end), area by area. A death abroad is told to the observers in the abroad pass and leaves
// the pool. Other processes cause deaths through the same service (model/presence.hpp).
#include <vector>

#include "io/output_contents.hpp"
#include "model/abroad_pass.hpp"
#include "model/monthly_pass.hpp"
#include "model/presence.hpp"
#include "model/process.hpp"
#include "processes/mortality_settings.hpp"

namespace migsim {

class Mortality final : public Process, public CompetingEvent, public AbroadEvent, public DeathService {
public:
    explicit Mortality(RunState& state);

    void join(MonthlyPass& pass) override { pass.add(static_cast<CompetingEvent&>(*this)); }
    void join_abroad(AbroadPass& pass) override { pass.add(static_cast<AbroadEvent&>(*this)); }
    void start() override;
    /// With mortality improvement, the new year's rates.
    void reference_date(Month january) override;
    /// mortality.improvement_multiplier may have changed: the year's rates again.
    void parameters_changed(Month /*now*/) override { hazard_ = hazard_in_year(settings_, hazard_year_); }
    /// Tells the observers of the month's deaths, area by area.
    void month_end(Month now) override;

    // The month's pass.
    double annual_hazard(const RiskCell& cell) const override;
    void prepare(int area) override;
    void happen(const PersonInPass& person, MonthOutcome& outcome) override { die(person, outcome); }
    // The abroad pass.
    double annual_hazard(const AbroadCell& cell) const override;
    void happen(const PersonAbroad& person, AbroadOutcome& outcome) override { die_abroad(person, outcome); }
    // The service.
    void die(const PersonInPass& person, MonthOutcome& outcome) override;
    void die_abroad(const PersonAbroad& person, AbroadOutcome& outcome) override;

private:
    RunState& state_;
    const MortalitySettings& settings_; ///< the scenario's, for the run
    int hazard_year_;                   ///< the calendar year of hazard_
    SexAgeTable hazard_;                ///< deaths per person-year in hazard_year_, before the multiplier
    FlowId deaths_;
    std::vector<PersonTable> died_; ///< by area: the month's dead
};

std::unique_ptr<Process> make_mortality(RunState& state);

/// The /inputs tables mortality reports (output_schemas/mortality.toml).
std::vector<OutputArray> mortality_inputs(const MortalitySettings& settings);

} // namespace migsim
