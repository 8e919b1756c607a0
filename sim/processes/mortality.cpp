#include "processes/mortality.hpp"
#include "processes/mortality_settings.hpp"

namespace migsim {

Mortality::Mortality(RunState& state)
    : state_(state), settings_(state.scenario.settings<MortalitySettings>()),
      deaths_(state.truth.add_flow("deaths", FlowEffect::leaves)) {}

double Mortality::annual_hazard(const RiskCell& cell) const {
    return settings_.multiplier *
           settings_.hazard[static_cast<std::size_t>(cell.sex)][static_cast<std::size_t>(cell.age)];
}

void Mortality::start() {
    died_.assign(static_cast<std::size_t>(state_.population.area_count()),
                 PersonTable(state_.layout, ColumnScope::everywhere));
}

void Mortality::prepare(int area) {
    died_[static_cast<std::size_t>(area)].clear();
}

void Mortality::happen(const PersonInPass& person, MonthOutcome& outcome) {
    ++state_.truth.flow(deaths_).slice(person.year, person.area)[person.sex_age];
    died_[static_cast<std::size_t>(person.area)].append(person.persons, person.row);
    outcome.removed = true;
    outcome.died = true;
}

void Mortality::record_deaths(Month now) {
    for (std::size_t area = 0; area < died_.size(); ++area) {
        PersonTable& died = died_[area];
        for (std::size_t i = 0; i < died.size(); ++i)
            state_.events.emit({EventKind::death, now, &died, i, static_cast<std::uint16_t>(area), 0, 0});
    }
}

} // namespace migsim
