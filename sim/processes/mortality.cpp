#include "processes/mortality.hpp"
#include "processes/mortality_settings.hpp"

namespace migsim {

Mortality::Mortality(RunState& state)
    : state_(state), settings_(state.scenario.settings<MortalitySettings>()),
      hazard_year_(year_of(state.scenario.run.start)), hazard_(hazard_in_year(settings_, hazard_year_)),
      deaths_(state.truth.add_flow("deaths", FlowEffect::leaves)) {
    state.deaths = this;
}

void Mortality::reference_date(Month january) {
    if (!settings_.improving() || year_of(january) == hazard_year_)
        return;
    hazard_year_ = year_of(january);
    hazard_ = hazard_in_year(settings_, hazard_year_);
    state_.hazards_changed = true;
}

double Mortality::annual_hazard(const RiskCell& cell) const {
    return settings_.multiplier *
           hazard_[static_cast<std::size_t>(cell.sex)][static_cast<std::size_t>(cell.age)];
}

double Mortality::annual_hazard(const AbroadCell& cell) const {
    return settings_.multiplier *
           hazard_[static_cast<std::size_t>(cell.sex)][static_cast<std::size_t>(cell.age)];
}

void Mortality::start() {
    died_.assign(static_cast<std::size_t>(state_.population.area_count()),
                 PersonTable(state_.layout, ColumnScope::everywhere));
}

void Mortality::prepare(int area) {
    died_[static_cast<std::size_t>(area)].clear();
}

void Mortality::die(const PersonInPass& person, MonthOutcome& outcome) {
    ++state_.truth.flow(deaths_).slice(person.year, person.area)[person.sex_age];
    died_[static_cast<std::size_t>(person.area)].append(person.persons, person.row);
    outcome.removed = true;
    outcome.died = true;
}

void Mortality::die_abroad(const PersonAbroad& person, AbroadOutcome& outcome) {
    PersonTable& pool = person.pool;
    state_.events.emit({EventKind::death_abroad, person.now, &pool, person.row,
                        pool.at(core.last_area, person.row), 0, pool.at(core.destination, person.row)});
    outcome.removed = true;
}

void Mortality::month_end(Month now) {
    for (std::size_t area = 0; area < died_.size(); ++area) {
        PersonTable& died = died_[area];
        for (std::size_t i = 0; i < died.size(); ++i)
            state_.events.emit({EventKind::death, now, &died, i, static_cast<std::uint16_t>(area), 0, 0});
    }
}

std::unique_ptr<Process> make_mortality(RunState& state) {
    return std::make_unique<Mortality>(state);
}

} // namespace migsim
