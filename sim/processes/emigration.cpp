#include "processes/emigration.hpp"

#include <algorithm>

#include "core/rng.hpp"
#include "processes/emigration_settings.hpp"

namespace migsim {

EmigrationDestinations::EmigrationDestinations(const EmigrationSettings& settings)
    : own_region_threshold_(probability_threshold(settings.return_to_origin_share)) {
    double cumulative = 0.0;
    for (double share : settings.destination_shares) {
        cumulative += share;
        cumulative_shares_.push_back(probability_threshold(cumulative));
    }
    if (!cumulative_shares_.empty())
        cumulative_shares_.back() = 0xffffffffu;
}

std::uint8_t EmigrationDestinations::choose(std::uint8_t origin, pcg32& generator) const {
    if (origin != native_born && occurs(generator(), own_region_threshold_))
        return static_cast<std::uint8_t>(origin - 1);
    const std::uint32_t u = generator();
    std::size_t region = 0;
    while (region + 1 < cumulative_shares_.size() && u >= cumulative_shares_[region])
        ++region;
    return static_cast<std::uint8_t>(region);
}

Emigration::Emigration(RunState& state)
    : state_(state), settings_(state.scenario.settings<EmigrationSettings>()),
      emigration_(state.truth.add_flow("emigration", FlowEffect::leaves)), destinations_(settings_) {
    state.departures = this;
}

void Emigration::join(MonthlyPass& pass) {
    const auto& factors = settings_.origin_multiplier;
    by_origin_ = std::any_of(factors.begin(), factors.end(), [](double f) { return f != 1.0; });
    for (const ScheduledValue& change : state_.scenario.timeline.changes)
        by_origin_ = by_origin_ || change.key == origin_multiplier_key;
    if (!by_origin_) {
        pass.add(*this);
        return;
    }
    std::vector<std::uint8_t> lookup(256, 0);
    for (std::size_t origin = 0; origin < factors.size(); ++origin)
        lookup[origin] = static_cast<std::uint8_t>(origin);
    origin_ = pass.dimension(CellDimension::of_category("origin", core.origin, std::move(lookup)));
    pass.add(*this, {origin_});
}

double Emigration::annual_hazard(const RiskCell& cell) const {
    const double hazard =
        settings_.multiplier *
        settings_.hazard[static_cast<std::size_t>(cell.status)][static_cast<std::size_t>(cell.age)];
    return by_origin_ ? hazard * settings_.origin_multiplier[cell[origin_]] : hazard;
}

void Emigration::start() {
    leaving_.assign(static_cast<std::size_t>(state_.population.area_count()),
                    PersonTable(state_.layout, ColumnScope::abroad));
}

void Emigration::prepare(int area) {
    leaving_[static_cast<std::size_t>(area)].clear();
}

void Emigration::happen(const PersonInPass& person, MonthOutcome& outcome) {
    auto detail = keyed_generator(person.key, person.persons.at(core.id, person.row), event_detail_stream);
    emigrate(person, outcome, destinations_.choose(person.persons.at(core.origin, person.row), detail));
}

void Emigration::emigrate(const PersonInPass& person, MonthOutcome& outcome, std::uint8_t partner) {
    ++state_.truth.flow(emigration_).slice(person.year, person.area)[person.sex_age];
    outcome.removed = true;
    outcome.emigrated = true;
    outcome.destination = partner;
    PersonTable& leaving = leaving_[static_cast<std::size_t>(person.area)];
    const std::size_t row = leaving.append(person.persons, person.row);
    AbroadPool::start_spell(leaving, row, person.now, partner, static_cast<std::uint16_t>(person.area));
}

void Emigration::month_end(Month now) {
    for (std::size_t area = 0; area < leaving_.size(); ++area) {
        PersonTable& leaving = leaving_[area];
        for (std::size_t i = 0; i < leaving.size(); ++i) {
            state_.left(leaving, i, now);
            state_.events.emit({EventKind::emigration, now, &leaving, i, static_cast<std::uint16_t>(area), 0,
                                leaving.at(core.destination, i)});
            state_.abroad.admit(leaving, i);
        }
    }
}

void Emigration::leave_with(PersonTable& leaving, std::size_t row, Month now, std::uint8_t destination,
                            std::uint16_t area) {
    ++state_.truth.flow(emigration_)
          .at(state_.year(now), area, leaving.at(core.sex, row),
              age_in_years(now, leaving.at(core.birth, row)));
    AbroadPool::start_spell(leaving, row, now, destination, area);
    state_.left(leaving, row, now);
    state_.events.emit({EventKind::emigration, now, &leaving, row, area, 0, destination});
    state_.abroad.admit(leaving, row);
}

std::unique_ptr<Process> make_emigration(RunState& state) {
    return std::make_unique<Emigration>(state);
}

} // namespace migsim
