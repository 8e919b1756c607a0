#include "model/model.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>

#include <omp.h>

#include "calibration/base_population.hpp"
#include "core/rng.hpp"

namespace migsim {

/// What one area's persons did in a month, gathered by the thread that owns the area and applied
/// afterwards in area order, so that the result does not depend on the number of threads.
struct Model::AreaMonth {
    struct Emigrant {
        PersonRecord person;
        std::uint8_t destination;
        StoredMonth deregistered_from;
    };
    /// A birth of the month: the mother's id (the child's key), the child's area (the mother's,
    /// after a move that month) and, for the child of a mother who emigrates in the month, the
    /// destination the child leaves for with her.
    struct Birth {
        PersonId mother;
        std::uint16_t area;
        std::uint8_t sex;
        std::uint8_t generation;
        std::uint8_t mother_age;
        bool emigrates;
        std::uint8_t destination;
    };
    struct Death {
        std::uint8_t sex;
        StoredMonth birth;
        StoredMonth registered_from;
    };
    std::vector<std::uint32_t> removed; ///< indices of persons who died, emigrated or moved, ascending
    std::vector<Emigrant> emigrants;
    std::vector<Arrival> movers;
    std::vector<Birth> births;
    std::vector<Death> deaths;

    void clear() {
        removed.clear();
        emigrants.clear();
        movers.clear();
        births.clear();
        deaths.clear();
    }
};

namespace {
std::vector<std::size_t> area_sizes(const Population& population) {
    std::vector<std::size_t> sizes;
    sizes.reserve(population.persons.size());
    for (const auto& block : population.persons)
        sizes.push_back(block.size());
    return sizes;
}

Population built_base_population(const Scenario& scenario) {
    Population population;
    synthesise_base_population(scenario, population);
    return population;
}

int resolved_threads(int requested) {
    return requested > 0 ? requested : omp_get_num_procs();
}
} // namespace

Model::Model(const Scenario& scenario, int threads)
    : scenario_(scenario), threads_(resolved_threads(threads)),
      calendar_(scenario.run.start, scenario.run.months), population_(built_base_population(scenario)),
      register_(scenario.register_, scenario.run.seed), competing_(scenario), fertility_(scenario.fertility),
      emigration_destinations_(scenario.emigration),
      internal_destinations_(scenario.internal_migration, population_.areas),
      immigration_(scenario, scenario.run.start), return_migration_(scenario),
      scratch_(static_cast<std::size_t>(population_.area_count())) {
    results_.calendar = calendar_;
    results_.areas = population_.areas;
    for (const auto& block : population_.persons)
        results_.area_base_population.push_back(static_cast<std::int64_t>(block.size()));
    results_.truth = TruthAccounts(calendar_, population_.area_count());
    results_.register_population = AreaSexAgeCounts(calendar_.population_years, population_.area_count());
    results_.threads = threads_;
}

Model::~Model() = default;

RunResults Model::run(const std::function<void(int, int)>& progress) {
    if (ran_)
        throw std::logic_error("Model::run: a model runs once; build a new one for another run");
    ran_ = true;
    const auto started = std::chrono::steady_clock::now();
    const Month end = scenario_.run.start + scenario_.run.months;
    for (Month now = scenario_.run.start; now < end; ++now) {
        step(now);
        if (progress)
            progress(now - scenario_.run.start + 1, scenario_.run.months);
    }
    if (is_january(end))
        take_january_census(end);
    results_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    results_.abroad_end = abroad_.size();
    return std::move(results_);
}

// The month, in its fixed order:
//  1. on 1 January, the truth and the register are counted;
//  2. the competing events of persons present (death, emigration, internal move) and births;
//  3. life abroad: deaths abroad, returns and pruning of the abroad pool;
//  4. the month's emigrants join the abroad pool, movers their new areas, newborns their mothers'
//     areas; then immigrants and returners arrive.
void Model::step(Month now) {
    if (is_january(now))
        take_january_census(now);
    refresh_destination_choices();
    competing_events_and_births(now);
    life_abroad(now);
    leavers_recorded(now);
    internal_movers_arrive(now);
    newborns_join(now);
    immigrants_arrive(now);
    returners_arrive(now);
    if (is_january(now))
        register_.prune_records(now);
    track_memory();
}

void Model::take_january_census(Month january) {
    const int year = calendar_.population_year_index(january);
    count_present(population_, january, year, results_.truth.population, threads_,
                  [](const AreaPersons&, std::size_t) { return true; });
    register_.count_population(population_, abroad_, january, year, results_.register_population, threads_);
}

void Model::refresh_destination_choices() {
    const auto sizes = area_sizes(population_);
    internal_destinations_.update(sizes);
    immigration_.update_attraction(population_.areas, sizes);
}

void Model::competing_events_and_births(Month now) {
    const int year = calendar_.flow_year_index(now);
    const int areas = population_.area_count();
    const MonthKey key = month_key(scenario_.run.seed, now);
    auto& truth = results_.truth;
    std::size_t person_months = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_) reduction(+ : person_months)
    for (int area = 0; area < areas; ++area) {
        AreaPersons& block = population_.persons[static_cast<std::size_t>(area)];
        AreaMonth& month = scratch_[static_cast<std::size_t>(area)];
        month.clear();
        std::int64_t* at_risk = truth.at_risk_months.slice(year, area);
        std::int32_t* deaths = truth.flow(Flow::deaths).slice(year, area);
        std::int32_t* emigration = truth.flow(Flow::emigration).slice(year, area);
        std::int32_t* internal_out = truth.flow(Flow::internal_out).slice(year, area);
        const std::size_t n = block.size();
        person_months += n;

        // The rare slow path: person i has an event, or gives birth, or both. A birth does not
        // compete with the month's event: every woman present at the start of the month gives
        // birth with the probability of her age (fertility.hpp), before she dies or leaves.
        const auto something_happens = [&](std::size_t i, std::uint32_t event_draw, std::uint32_t birth_draw,
                                           int sex_age, int cell) {
            const auto& risk = competing_.at(cell);
            AreaMonth::Birth birth{block.id[i],
                                   static_cast<std::uint16_t>(area),
                                   0,
                                   block.generation[i],
                                   static_cast<std::uint8_t>(sex_age % n_ages),
                                   false,
                                   0};
            const bool gives_birth = birth_draw < fertility_.threshold(sex_age);
            if (gives_birth) {
                auto generator = keyed_generator(key, block.id[i], Stream::fertility);
                generator(); // the draw that decided the birth
                birth.sex = fertility_.child_sex(generator());
            }
            if (event_draw < risk.any) {
                const CompetingEvent event = CompetingRisks::event(risk, event_draw);
                month.removed.push_back(static_cast<std::uint32_t>(i));
                if (event == CompetingEvent::death) {
                    ++deaths[sex_age];
                    month.deaths.push_back({block.sex[i], block.birth[i], block.registered_from[i]});
                } else {
                    auto detail = keyed_generator(key, block.id[i], Stream::event_detail);
                    if (event == CompetingEvent::emigration) {
                        ++emigration[sex_age];
                        birth.emigrates = true;
                        birth.destination = emigration_destinations_.choose(block.origin[i], detail);
                        month.emigrants.push_back(
                            {block.record(i), birth.destination,
                             register_.deregistration_on_emigration(block.id[i], now, block.origin[i])});
                    } else {
                        ++internal_out[sex_age];
                        birth.area = internal_destinations_.choose(area, detail);
                        month.movers.push_back({block.record(i), birth.area});
                    }
                }
            }
            if (gives_birth)
                month.births.push_back(birth);
        };

        // Persons in chunks: a branch-free pass computes every person's cell and keyed draws (it
        // vectorises), then a filter pass sends the few with something to do to the slow path.
        constexpr std::size_t chunk = 256;
        std::array<std::uint32_t, chunk> event_draw;
        std::array<std::uint32_t, chunk> birth_draw;
        std::array<std::uint16_t, chunk> cell;
        std::array<std::uint16_t, chunk> sex_age;
        for (std::size_t first = 0; first < n; first += chunk) {
            const std::size_t m = std::min(chunk, n - first);
            const PersonId* id = block.id.data() + first;
            const StoredMonth* birth = block.birth.data() + first;
            const std::uint8_t* sex = block.sex.data() + first;
            const std::uint8_t* origin = block.origin.data() + first;
            const StoredMonth* latest_arrival = block.latest_arrival.data() + first;
            for (std::size_t j = 0; j < m; ++j) {
                const int age = age_in_years(now, birth[j]);
                const int status = emigration_status(origin[j], latest_arrival[j], now);
                sex_age[j] = static_cast<std::uint16_t>(sex[j] * n_ages + age);
                cell[j] = static_cast<std::uint16_t>(CompetingRisks::cell(sex[j], status, age));
                event_draw[j] = keyed_draw(key, id[j], Stream::competing_events);
                birth_draw[j] = keyed_draw(key, id[j], Stream::fertility);
            }
            for (std::size_t j = 0; j < m; ++j)
                ++at_risk[sex_age[j]];
            for (std::size_t j = 0; j < m; ++j) {
                const bool event = event_draw[j] < competing_.any(cell[j]);
                const bool gives_birth = birth_draw[j] < fertility_.threshold(sex_age[j]);
                if (event | gives_birth) [[unlikely]]
                    something_happens(first + j, event_draw[j], birth_draw[j], sex_age[j], cell[j]);
            }
        }
        block.remove(month.removed);
    }
    results_.person_months += person_months;
}

void Model::life_abroad(Month now) {
    returners_.clear();
    // What happens to each person abroad is decided in parallel (each decision depends on the
    // person's keyed draw alone) and applied in pool order.
    const auto n = static_cast<std::ptrdiff_t>(abroad_.size());
    abroad_events_.resize(abroad_.size());
    const MonthKey key = month_key(scenario_.run.seed, now);
    const AreaPersons& abroad = abroad_.persons;
#pragma omp parallel for schedule(static) num_threads(threads_)
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        const Month departed = abroad_.departed[k];
        AbroadEvent event = AbroadEvent::pruned;
        if (return_migration_.followed(now, departed)) {
            const int birthplace = abroad.origin[k] == native_born ? 0 : 1;
            const auto& risk = return_migration_.at(abroad.sex[k], birthplace, completed_years(now, departed),
                                                    age_in_years(now, abroad.birth[k]));
            const std::uint32_t u = keyed_draw(key, abroad.id[k], Stream::abroad);
            event = u >= risk.any    ? AbroadEvent::none
                    : u < risk.death ? AbroadEvent::death
                                     : AbroadEvent::return_home;
        }
        abroad_events_[k] = event;
    }

    abroad_leaving_.clear();
    for (std::size_t i = 0; i < abroad_.size(); ++i) {
        const AbroadEvent event = abroad_events_[i];
        if (event == AbroadEvent::none)
            continue;
        abroad_leaving_.push_back(static_cast<std::uint32_t>(i));
        if (event == AbroadEvent::return_home) {
            returners_.push_back({abroad.record(i), abroad_.last_area[i]});
            PersonRecord& back = returners_.back().person;
            // A returner whose departure the register has not (yet) processed is still on it;
            // one it removed must register again, with the compliance of any arrival.
            const bool removed = abroad_.deregistered_from[i] <= now + 1 || back.registered_from == never;
            if (removed)
                back.registered_from = register_.registration_on_arrival(back.id, now, back.origin);
            back.latest_arrival = static_cast<StoredMonth>(now);
        } else {
            // Died abroad or no longer followed: the register keeps counting the person until the
            // departure it was told of takes effect (or for ever, if it was never told).
            register_.keep_record(abroad_.last_area[i], abroad.sex[i], abroad.birth[i],
                                  abroad.registered_from[i], abroad_.deregistered_from[i], now);
        }
    }
    abroad_.remove(abroad_leaving_);
}

void Model::leavers_recorded(Month now) {
    for (std::size_t area = 0; area < scratch_.size(); ++area) {
        for (const auto& death : scratch_[area].deaths)
            register_.keep_record(static_cast<std::uint16_t>(area), death.sex, death.birth,
                                  death.registered_from, register_.deregistration_at_death(now), now);
        for (const auto& emigrant : scratch_[area].emigrants)
            abroad_.append(emigrant.person, now, emigrant.destination, static_cast<std::uint16_t>(area),
                           emigrant.deregistered_from);
    }
}

void Model::internal_movers_arrive(Month now) {
    for (const auto& month : scratch_)
        for (const auto& mover : month.movers)
            join(mover.area, mover.person, Flow::internal_in, now);
}

void Model::newborns_join(Month now) {
    newborn_ids_.clear();
    mothers_.clear();
    for (const auto& month : scratch_)
        for (const auto& birth : month.births) {
            newborn_ids_.push_back(newborn_id(birth.mother, now));
            mothers_.push_back(birth.mother);
        }
    results_.newborn_id_collisions += make_newborn_ids_unique(newborn_ids_, mothers_, now);

    auto& births = results_.truth.flow(Flow::births);
    auto& emigration = results_.truth.flow(Flow::emigration);
    const int year = calendar_.flow_year_index(now);
    const StoredMonth registered_from = register_.registration_at_birth(now);
    std::size_t k = 0;
    for (auto& month : scratch_) {
        for (const auto& birth : month.births) {
            PersonRecord child;
            child.id = newborn_ids_[k++];
            child.birth = static_cast<StoredMonth>(now);
            child.sex = birth.sex;
            child.origin = native_born;
            child.generation = Fertility::child_generation(birth.generation);
            child.registered_from = registered_from;
            ++births.at(year, birth.area, birth.sex, birth.mother_age);
            if (birth.emigrates) {
                // Born before the mother's departure and leaving with her.
                ++emigration.at(year, birth.area, birth.sex, 0);
                abroad_.append(child, now, birth.destination, birth.area,
                               register_.deregistration_on_emigration(child.id, now, native_born));
            } else {
                population_.persons[birth.area].append(child);
            }
        }
    }
}

void Model::immigrants_arrive(Month now) {
    for (int group = 0; group < immigration_.groups(); ++group) {
        const std::int64_t arrivals = immigration_.arrivals(group, now);
        const auto origin = static_cast<std::uint8_t>(group + 1);
        for (std::int64_t k = 0; k < arrivals; ++k) {
            PersonRecord person;
            person.id = immigrant_id(now, group, static_cast<std::uint64_t>(k));
            auto generator = keyed_generator(scenario_.run.seed, person.id, now, Stream::immigration);
            const auto [sex, age] = immigration_.draw_sex_age(group, generator);
            const std::uint16_t area = immigration_.choose_area(generator);
            person.sex = sex;
            // Aged `age` completed years at the start of the month of arrival (calendar.hpp).
            person.birth = static_cast<StoredMonth>(
                birth_month_for_age(now, 12 * age + static_cast<int>(uniform_below(generator, 12))));
            person.origin = origin;
            person.generation = first_generation;
            person.first_arrival = person.latest_arrival = static_cast<StoredMonth>(now);
            person.registered_from = register_.registration_on_arrival(person.id, now, origin);
            join(area, person, Flow::immigration, now);
        }
    }
}

void Model::returners_arrive(Month now) {
    for (const auto& returner : returners_)
        join(returner.area, returner.person, Flow::returns, now);
}

void Model::join(std::uint16_t area, const PersonRecord& person, Flow flow, Month now) {
    population_.persons[area].append(person);
    ++results_.truth.flow(flow).at(calendar_.flow_year_index(now), area, person.sex,
                                   age_in_years(now, person.birth));
}

void Model::track_memory() {
    const std::size_t hot = population_.bytes();
    if (hot > results_.peak_hot_bytes) {
        results_.peak_hot_bytes = hot;
        results_.peak_hot_persons = population_.size();
    }
    results_.peak_side_bytes = std::max(results_.peak_side_bytes, abroad_.bytes() + register_.bytes());
}

} // namespace migsim
