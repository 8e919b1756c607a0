#include "processes/returns.hpp"

#include "processes/families_settings.hpp"
#include "processes/returns_settings.hpp"

namespace migsim {

Returns::Returns(RunState& state)
    : state_(state), settings_(state.scenario.settings<ReturnSettings>()),
      children_follow_(children_move_with_mothers(state.scenario)),
      returns_flow_(state.truth.add_flow("returns", FlowEffect::joins)) {
    state.returns = this;
}

void Returns::join_abroad(AbroadPass& pass) {
    pass.follow_for(12 * settings_.max_years_abroad);
    pass.add(*this);
}

void Returns::start() {
    returners_ = PersonTable(state_.layout, ColumnScope::everywhere);
}

double Returns::annual_hazard(const AbroadCell& cell) const {
    // Children under 15 come back only with their mothers (processes/families.hpp), unless children
    // move on their own (families.children_move_with_mothers = false).
    if (children_follow_ && cell.age < family_child_age_limit)
        return 0.0;
    return settings_.multiplier * settings_.hazard[static_cast<std::size_t>(cell.birthplace)]
                                                  [static_cast<std::size_t>(cell.years_abroad)];
}

void Returns::come_back(const PersonAbroad& person, AbroadOutcome& outcome) {
    PersonTable& pool = person.pool;
    const std::uint16_t area = pool.at(core.last_area, person.row);
    state_.events.emit({EventKind::return_home, person.now, &pool, person.row, area, 0,
                        pool.at(core.destination, person.row)});
    const std::size_t row = returners_.append(pool, person.row);
    returners_.at(core.latest_arrival, row) = static_cast<StoredMonth>(person.now);
    returning_to_.push_back(area);
    outcome.removed = true;
    outcome.returned = true;
}

void Returns::month_end(Month now) {
    auto& flow = state_.truth.flow(returns_flow_);
    const int year = state_.year(now);
    for (std::size_t i = 0; i < returners_.size(); ++i) {
        PersonTable& joined = state_.population.persons[returning_to_[i]];
        const std::size_t row = joined.append(returners_, i);
        ++flow.at(year, returning_to_[i], joined.at(core.sex, row),
                  age_in_years(now, joined.at(core.birth, row)));
        state_.joined(joined, row, {JoinKind::return_home, now});
    }
    returners_.clear();
    returning_to_.clear();
}

std::unique_ptr<Process> make_returns(RunState& state) {
    return std::make_unique<Returns>(state);
}

} // namespace migsim
