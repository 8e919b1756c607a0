#pragma once
// Returns from the abroad pool: one of the competing events of life abroad (model/abroad_pass.hpp),
// with a return hazard by birthplace that falls with completed years abroad, times
// returns.multiplier; a returner comes back to the small area left. It sets the pool's rule of
// loss to follow-up: a person is followed for exactly 12 x returns.max_years_abroad months after
// the departure (months d + 1 .. d + 12 x max_years_abroad), then leaves the pool.
//
// A returner is told to the observers in the abroad pass, in pool order, and joins the area left
// after the month's newborns and first arrivals (month_end). Other processes bring persons back
// through the same service (model/presence.hpp): a circular migrant's next stay.
#include <cstdint>
#include <vector>

#include "io/output_contents.hpp"
#include "model/abroad_pass.hpp"
#include "model/presence.hpp"
#include "model/process.hpp"
#include "processes/returns_settings.hpp"

namespace migsim {

class Returns final : public Process, public AbroadEvent, public ReturnService {
public:
    explicit Returns(RunState& state);

    void join_abroad(AbroadPass& pass) override;
    void start() override;
    /// The month's returners join the areas they left.
    void month_end(Month now) override;

    double annual_hazard(const AbroadCell& cell) const override;
    void happen(const PersonAbroad& person, AbroadOutcome& outcome) override { come_back(person, outcome); }
    // The service other processes share (model/presence.hpp).
    void come_back(const PersonAbroad& person, AbroadOutcome& outcome) override;

private:
    RunState& state_;
    const ReturnSettings& settings_; ///< the scenario's, for the run
    bool children_follow_;           ///< families.children_move_with_mothers: no hazard under 15
    FlowId returns_flow_;
    PersonTable returners_; ///< this month's returners (everywhere scope)
    std::vector<std::uint16_t> returning_to_;
};

std::unique_ptr<Process> make_returns(RunState& state);

/// The /inputs tables of returns from abroad (output_schemas/returns.toml).
std::vector<OutputArray> return_inputs(const ReturnSettings& settings);

} // namespace migsim
