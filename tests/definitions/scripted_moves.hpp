#pragma once
// A test module that moves chosen persons on a fixed calendar, through the services the engine's
// processes offer (model/presence.hpp), as a migrant-type module will: a departure abroad to a given
// partner, a death in the country, a return from the abroad pool and a death abroad, each in the
// month the script names. The script is keyed by person id; everything else in the test's scenario
// is switched off, so that the expected figures of the definitions can be worked out by hand.
//
// How a scripted event is certain: the module's column `script.act` holds the act due this month
// (set at the start of each month); a competing event of the month's pass and an event of the
// abroad pass read it through an extension dimension of the risk cells, with an annual hazard of
// 10^9 for the acts they carry out (a monthly probability of 1) and 0 otherwise.
//
// With plans, the module also keeps `spell.planned_end` (the month each person's current stay is
// planned to end), which the truth under the definitions reads for stays still going on at the end.
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "model/abroad_pass.hpp"
#include "model/monthly_pass.hpp"
#include "model/process.hpp"

namespace migsim::scripted {

enum class Act : std::uint8_t {
    none = 0,
    leave_to_0 = 1, ///< a departure to partner 0 (1, 2: partners 1, 2)
    die = 4,
    come_back = 5,
    die_abroad = 6,
};
inline constexpr int n_acts = 7;

inline Act leave_to(int partner) {
    return static_cast<Act>(1 + partner);
}

struct Step {
    Month month;
    Act act;
};

/// The script of the next run: what happens to whom and when, and, for a run with plans, the
/// planned end of the stay each person is in from a month on.
struct Script {
    std::unordered_map<PersonId, std::vector<Step>> steps;
    std::unordered_map<PersonId, std::vector<std::pair<Month, StoredMonth>>> plans;
};
Script& script();

class ScriptedMoves final : public Process, public CompetingEvent, public AbroadEvent {
public:
    ScriptedMoves(RunState& state, bool with_plans);
    void join(MonthlyPass& pass) override;
    void join_abroad(AbroadPass& pass) override;
    void month_begin(Month now) override;

    double annual_hazard(const RiskCell& cell) const override;
    void prepare(int /*area*/) override {}
    void happen(const PersonInPass& person, MonthOutcome& outcome) override;
    double annual_hazard(const AbroadCell& cell) const override;
    void happen(const PersonAbroad& person, AbroadOutcome& outcome) override;

private:
    void set_acts(PersonTable& persons, Month now);

    RunState& state_;
    Column<std::uint8_t> act_;
    bool with_plans_;
    Column<StoredMonth> planned_end_{0};
    DimensionId present_dimension_{0};
    DimensionId abroad_dimension_{0};
};

std::unique_ptr<Process> make_scripted_moves(RunState& state);
std::unique_ptr<Process> make_scripted_moves_with_plans(RunState& state);

} // namespace migsim::scripted
