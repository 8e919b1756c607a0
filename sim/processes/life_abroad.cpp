#include "processes/life_abroad.hpp"

#include "processes/hazards.hpp"
#include "processes/mortality_settings.hpp"
#include "processes/returns_settings.hpp"

namespace migsim {

ReturnMigration::ReturnMigration(const Scenario& scenario)
    : max_years_abroad_(scenario.settings<ReturnSettings>().max_years_abroad),
      table_(static_cast<std::size_t>(n_sexes) * n_birthplaces * max_years_abroad_ * n_ages) {
    const auto& mortality = scenario.settings<MortalitySettings>();
    const auto& returns = scenario.settings<ReturnSettings>();
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int birthplace = 0; birthplace < n_birthplaces; ++birthplace)
            for (int years = 0; years < max_years_abroad_; ++years)
                for (int age = 0; age < n_ages; ++age) {
                    const std::array<double, 2> hazards = {
                        mortality.multiplier * mortality.hazard[sex][age],
                        returns.multiplier * returns.hazard[birthplace][static_cast<std::size_t>(years)]};
                    const auto t = cumulative_thresholds(competing_monthly_probabilities(hazards));
                    table_[((static_cast<std::size_t>(sex) * n_birthplaces + birthplace) * max_years_abroad_ +
                            years) *
                               n_ages +
                           age] = {t[0], t[1]};
                }
}

LifeAbroad::LifeAbroad(RunState& state)
    : state_(state), returns_flow_(state.truth.add_flow("returns", FlowEffect::joins)),
      returns_(state.scenario) {
    state.streams.declare(abroad_stream, "abroad", "life abroad");
}

void LifeAbroad::start() {
    returners_ = PersonTable(state_.layout, ColumnScope::everywhere);
}

void LifeAbroad::live(Month now) {
    returners_.clear();
    returning_to_.clear();
    PersonTable& pool = state_.abroad.persons;
    const auto n = static_cast<std::ptrdiff_t>(pool.size());
    events_.resize(pool.size());
    const MonthKey key = state_.key(now);
    const PersonId* id = pool.data(core.id);
    const StoredMonth* birth = pool.data(core.birth);
    const std::uint8_t* sex = pool.data(core.sex);
    const std::uint8_t* origin = pool.data(core.origin);
    const StoredMonth* departed = pool.data(core.departed);
#pragma omp parallel for schedule(static) num_threads(state_.threads)
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        AbroadEvent event = AbroadEvent::pruned;
        if (returns_.followed(now, departed[k])) {
            const int birthplace = origin[k] == native_born ? 0 : 1;
            const auto& risk = returns_.at(sex[k], birthplace, completed_years(now, departed[k]),
                                           age_in_years(now, birth[k]));
            const std::uint32_t u = keyed_draw(key, id[k], abroad_stream);
            event = u >= risk.any    ? AbroadEvent::none
                    : u < risk.death ? AbroadEvent::death
                                     : AbroadEvent::return_home;
        }
        events_[k] = event;
    }

    leaving_.clear();
    for (std::size_t i = 0; i < pool.size(); ++i) {
        const AbroadEvent event = events_[i];
        if (event == AbroadEvent::none)
            continue;
        leaving_.push_back(static_cast<std::uint32_t>(i));
        const std::uint16_t area = pool.at(core.last_area, i);
        if (event == AbroadEvent::return_home) {
            state_.events.emit(
                {EventKind::return_home, now, &pool, i, area, 0, pool.at(core.destination, i)});
            const std::size_t row = returners_.append(pool, i);
            returners_.at(core.latest_arrival, row) = static_cast<StoredMonth>(now);
            returning_to_.push_back(area);
        } else {
            state_.events.emit({event == AbroadEvent::death ? EventKind::death_abroad : EventKind::left_pool,
                                now, &pool, i, area, 0, pool.at(core.destination, i)});
        }
    }
    state_.abroad.remove(leaving_);
}

void LifeAbroad::returners_arrive(Month now) {
    auto& flow = state_.truth.flow(returns_flow_);
    const int year = state_.year(now);
    for (std::size_t i = 0; i < returners_.size(); ++i) {
        PersonTable& joined = state_.population.persons[returning_to_[i]];
        const std::size_t row = joined.append(returners_, i);
        ++flow.at(year, returning_to_[i], joined.at(core.sex, row),
                  age_in_years(now, joined.at(core.birth, row)));
    }
}

} // namespace migsim
