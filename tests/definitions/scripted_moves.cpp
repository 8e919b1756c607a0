#include "definitions/scripted_moves.hpp"

#include <numeric>

namespace migsim::scripted {

namespace {

constexpr double certain = 1e9; ///< per year: a monthly probability of 1 in double precision

std::vector<std::uint8_t> identity_lookup(int categories) {
    std::vector<std::uint8_t> lookup(256, 0);
    std::iota(lookup.begin(), lookup.begin() + categories, std::uint8_t{0});
    return lookup;
}

} // namespace

Script& script() {
    static Script the_script;
    return the_script;
}

ScriptedMoves::ScriptedMoves(RunState& state, bool with_plans)
    : state_(state),
      act_(state.layout.add<std::uint8_t>("script.act", "scripted moves", 0, ColumnScope::everywhere,
                                          "the scripted act of the month (scripted_moves.hpp)")),
      with_plans_(with_plans) {
    if (with_plans_)
        planned_end_ = state.layout.add<StoredMonth>(
            "spell.planned_end", "scripted moves", never, ColumnScope::everywhere,
            "month the current stay is planned to end (never: no plan)");
}

void ScriptedMoves::join(MonthlyPass& pass) {
    present_dimension_ =
        pass.dimension(CellDimension::of_category("script.act", act_, identity_lookup(n_acts)));
    pass.add(static_cast<CompetingEvent&>(*this), {present_dimension_});
}

void ScriptedMoves::join_abroad(AbroadPass& pass) {
    abroad_dimension_ =
        pass.dimension(CellDimension::of_category("script.act", act_, identity_lookup(n_acts)));
    pass.add(static_cast<AbroadEvent&>(*this), {abroad_dimension_});
}

void ScriptedMoves::set_acts(PersonTable& persons, Month now) {
    for (std::size_t row = 0; row < persons.size(); ++row) {
        const PersonId id = persons.at(core.id, row);
        Act act = Act::none;
        if (const auto found = script().steps.find(id); found != script().steps.end())
            for (const Step& step : found->second)
                if (step.month == now)
                    act = step.act;
        persons.at(act_, row) = static_cast<std::uint8_t>(act);
        if (!with_plans_)
            continue;
        if (const auto found = script().plans.find(id); found != script().plans.end())
            for (const auto& [from, planned_end] : found->second)
                if (from <= now)
                    persons.at(planned_end_, row) = planned_end;
    }
}

void ScriptedMoves::month_begin(Month now) {
    for (PersonTable& table : state_.population.persons)
        set_acts(table, now);
    set_acts(state_.abroad.persons, now);
}

double ScriptedMoves::annual_hazard(const RiskCell& cell) const {
    const int act = cell[present_dimension_];
    return act >= static_cast<int>(Act::leave_to_0) && act <= static_cast<int>(Act::die) ? certain : 0.0;
}

void ScriptedMoves::happen(const PersonInPass& person, MonthOutcome& outcome) {
    const auto act = static_cast<Act>(person.persons.at(act_, person.row));
    if (act == Act::die)
        state_.deaths->die(person, outcome);
    else
        state_.departures->emigrate(person, outcome, static_cast<std::uint8_t>(static_cast<int>(act) - 1));
}

double ScriptedMoves::annual_hazard(const AbroadCell& cell) const {
    const int act = cell[abroad_dimension_];
    return act == static_cast<int>(Act::come_back) || act == static_cast<int>(Act::die_abroad) ? certain
                                                                                               : 0.0;
}

void ScriptedMoves::happen(const PersonAbroad& person, AbroadOutcome& outcome) {
    if (static_cast<Act>(person.pool.at(act_, person.row)) == Act::come_back)
        state_.returns->come_back(person, outcome);
    else
        state_.deaths->die_abroad(person, outcome);
}

std::unique_ptr<Process> make_scripted_moves(RunState& state) {
    return std::make_unique<ScriptedMoves>(state, false);
}

std::unique_ptr<Process> make_scripted_moves_with_plans(RunState& state) {
    return std::make_unique<ScriptedMoves>(state, true);
}

} // namespace migsim::scripted
