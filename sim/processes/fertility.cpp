#include "processes/fertility.hpp"

#include "core/rng.hpp"
#include "processes/fertility_settings.hpp"
#include "processes/hazards.hpp"

namespace migsim {

Fertility::Fertility(RunState& state)
    : state_(state), settings_(state.scenario.settings<FertilitySettings>()),
      births_(state.truth.add_flow("births", FlowEffect::newborns)),
      male_threshold_(probability_threshold(settings_.proportion_male)) {
    state.streams.declare(fertility_stream, "fertility", "fertility");
}

double Fertility::monthly_probability(const RiskCell& cell) const {
    constexpr int female = 1;
    return cell.sex == female ? settings_.rate[static_cast<std::size_t>(cell.age)] * month_in_years : 0.0;
}

void Fertility::start() {
    births_by_area_.assign(static_cast<std::size_t>(state_.population.area_count()), {});
    leaving_ = PersonTable(state_.layout, ColumnScope::abroad);
}

void Fertility::prepare(int area) {
    births_by_area_[static_cast<std::size_t>(area)].clear();
}

void Fertility::happen(const PersonInPass& person, const MonthOutcome& outcome) {
    const PersonTable& mothers = person.persons;
    auto generator = keyed_generator(person.key, mothers.at(core.id, person.row), fertility_stream);
    generator(); // the draw that decided the birth
    births_by_area_[static_cast<std::size_t>(person.area)].push_back(
        {mothers.at(core.id, person.row), outcome.area_after, child_sex(generator()),
         mothers.at(core.generation, person.row), mothers.at(core.origin, person.row),
         static_cast<std::uint8_t>(person.sex_age % n_ages), outcome.emigrated, outcome.destination});
}

void Fertility::month_end(Month now) {
    newborn_ids_.clear();
    mothers_.clear();
    for (const auto& births : births_by_area_)
        for (const Birth& birth : births) {
            newborn_ids_.push_back(newborn_id(birth.mother, now));
            mothers_.push_back(birth.mother);
        }
    state_.newborn_id_collisions += make_newborn_ids_unique(newborn_ids_, mothers_, now);

    auto& births_flow = state_.truth.flow(births_);
    const int year = state_.year(now);
    std::size_t k = 0;
    for (const auto& births : births_by_area_) {
        for (const Birth& birth : births) {
            // Born in the mother's area, or in a table of its own when leaving with her.
            PersonTable& table = birth.emigrates ? leaving_ : state_.population.persons[birth.area];
            if (birth.emigrates)
                leaving_.clear();
            const std::size_t row = table.append();
            state_.families.add(birth.mother, newborn_ids_[k], static_cast<StoredMonth>(now));
            table.at(core.id, row) = newborn_ids_[k++];
            table.at(core.birth, row) = static_cast<StoredMonth>(now);
            table.at(core.sex, row) = birth.sex;
            table.at(core.origin, row) = native_born;
            table.at(core.generation, row) = child_generation(birth.generation);
            ++births_flow.at(year, birth.area, birth.sex, birth.mother_age);
            state_.joined(table, row, {JoinKind::birth, now, birth.mother_origin});
            state_.events.emit({EventKind::birth, now, &table, row, birth.area, 0, 0});
            if (birth.emigrates)
                state_.departures->leave_with(leaving_, row, now, birth.destination, birth.area);
        }
    }
}

std::unique_ptr<Process> make_fertility(RunState& state) {
    return std::make_unique<Fertility>(state);
}

} // namespace migsim
