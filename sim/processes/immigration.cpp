#include "processes/immigration.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/rng.hpp"
#include "processes/families_settings.hpp"
#include "processes/immigration_settings.hpp"

namespace migsim {

namespace {

/// Persons per month of group g (times the multiplier, scaled), checked so that the conversion to whole
/// arrivals is exact and defined; the scenario's declared range refuses such values long before
/// (docs/parameters.md).
double arrivals_per_month(const Scenario& scenario, int g) {
    const auto& settings = scenario.settings<ImmigrationSettings>();
    const double per_month = settings.arrivals_per_year[static_cast<std::size_t>(g)] * settings.multiplier *
                             scenario.population.scale / 12.0;
    if (!(per_month >= 0.0) || per_month > max_arrivals_per_month) {
        std::ostringstream message;
        message << "immigration.arrivals_per_year: " << per_month * 12.0 << " arrivals a year for group "
                << scenario.groups.names[static_cast<std::size_t>(g)]
                << " after scaling, more than the engine can number";
        throw std::invalid_argument(message.str());
    }
    return per_month;
}

} // namespace

ImmigrationSchedule::ImmigrationSchedule(const Scenario& scenario, Month start)
    : start_(start), first_scheduled_age_(children_move_with_mothers(scenario) ? family_child_age_limit : 0) {
    const auto& settings = scenario.settings<ImmigrationSettings>();
    urban_attraction_ = settings.urban_attraction;
    for (int g = 0; g < scenario.groups.count(); ++g) {
        const auto& table = settings.age_profile[static_cast<std::size_t>(g)];
        // The profile's persons who are scheduled, and the children who come with their mothers
        // (none when every age is scheduled).
        double scheduled = 0.0, children = 0.0, mothers = 0.0;
        std::vector<double> cumulative;
        std::vector<double> child(static_cast<std::size_t>(family_child_age_limit * n_sexes), 0.0);
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age < n_ages; ++age) {
                const double share = table[sex][age];
                if (age < first_scheduled_age_) {
                    children += share;
                    child[static_cast<std::size_t>(age * n_sexes + sex)] = share;
                    continue;
                }
                scheduled += share;
                cumulative.push_back(scheduled);
                if (sex == 1 && age >= youngest_arriving_mother && age <= oldest_arriving_mother)
                    mothers += share;
            }
        for (double& c : cumulative)
            c = scheduled > 0.0 ? c / scheduled : 1.0;
        profile_.push_back(std::move(cumulative));
        child_profile_.push_back(std::move(child));
        const double total = scheduled + children;
        scheduled_share_.push_back(total > 0.0 ? scheduled / total : 1.0);
        // Children per woman aged 18..54, so that children are the profile's share of all arrivals:
        // children / adults = (children per mother) x (mothers / adults).
        children_per_mother_.push_back(mothers > 0.0 ? children / mothers : 0.0);
        per_month_.push_back(arrivals_per_month(scenario, g) * scheduled_share_.back());
        rate_since_.push_back(start);
        due_before_.push_back(0.0);
    }
}

std::int64_t ImmigrationSchedule::arrivals(int group, Month m) const {
    // Whole arrivals due by the end of month m minus those due by its start: exact yearly totals
    // without any random rounding.
    const auto g = static_cast<std::size_t>(group);
    const double rate = per_month_[g];
    const auto due = [&](Month end) {
        return static_cast<std::int64_t>(std::floor(due_before_[g] + rate * (end - rate_since_[g]) + 1e-9));
    };
    return due(m + 1) - due(m);
}

void ImmigrationSchedule::set_rates(const Scenario& scenario, Month now) {
    urban_attraction_ = scenario.settings<ImmigrationSettings>().urban_attraction;
    for (std::size_t g = 0; g < per_month_.size(); ++g) {
        due_before_[g] += per_month_[g] * (now - rate_since_[g]);
        rate_since_[g] = now;
        per_month_[g] = arrivals_per_month(scenario, static_cast<int>(g)) * scheduled_share_[g];
    }
}

std::pair<std::uint8_t, int> ImmigrationSchedule::draw_sex_age(int group, pcg32& generator) const {
    const auto& cumulative = profile_[static_cast<std::size_t>(group)];
    const double u = uniform01(generator);
    const auto cell =
        static_cast<int>(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
    const int scheduled_ages = n_ages - first_scheduled_age_;
    const int bounded = std::min(cell, n_sexes * scheduled_ages - 1);
    return {static_cast<std::uint8_t>(bounded / scheduled_ages),
            first_scheduled_age_ + bounded % scheduled_ages};
}

int ImmigrationSchedule::draw_children(int group, int age, pcg32& generator) const {
    const double mean = children_per_mother_[static_cast<std::size_t>(group)];
    if (age < youngest_arriving_mother || age > oldest_arriving_mother || !(mean > 0.0))
        return 0;
    // Poisson by inversion of the cumulative distribution (the mean is below 1 in practice).
    const double u = uniform01(generator);
    double p = std::exp(-mean);
    double cumulative = p;
    int k = 0;
    while (u >= cumulative && k < max_arriving_children) {
        ++k;
        p *= mean / k;
        cumulative += p;
    }
    return k;
}

std::pair<std::uint8_t, int> ImmigrationSchedule::draw_child(int group, int mother_age,
                                                             pcg32& generator) const {
    // The profile's children aged at most mother_age - 15 (a child is born to a woman aged 15+).
    const auto& child = child_profile_[static_cast<std::size_t>(group)];
    const int oldest = std::min(family_child_age_limit - 1, mother_age - 15);
    const auto cells = static_cast<std::size_t>((oldest + 1) * n_sexes);
    double total = 0.0;
    for (std::size_t c = 0; c < cells; ++c)
        total += child[c];
    if (!(total > 0.0))
        return {static_cast<std::uint8_t>(generator() & 1u), 0};
    const double u = uniform01(generator) * total;
    double cumulative = 0.0;
    std::size_t c = 0;
    for (; c + 1 < cells; ++c) {
        cumulative += child[c];
        if (u < cumulative)
            break;
    }
    return {static_cast<std::uint8_t>(c % n_sexes), static_cast<int>(c / n_sexes)};
}

void ImmigrationSchedule::update_attraction(const std::vector<SmallArea>& areas,
                                            const std::vector<std::size_t>& area_population) {
    area_cumulative_.resize(areas.size());
    double sum = 0.0;
    for (std::size_t a = 0; a < areas.size(); ++a) {
        sum += static_cast<double>(area_population[a]) * (1.0 + urban_attraction_ * areas[a].urbanity);
        area_cumulative_[a] = sum;
    }
    for (std::size_t a = 0; a < areas.size(); ++a)
        area_cumulative_[a] = sum > 0.0 ? area_cumulative_[a] / sum
                                        : static_cast<double>(a + 1) / static_cast<double>(areas.size());
}

std::uint16_t ImmigrationSchedule::choose_area(pcg32& generator) const {
    const double u = uniform01(generator);
    const auto a =
        std::upper_bound(area_cumulative_.begin(), area_cumulative_.end(), u) - area_cumulative_.begin();
    return static_cast<std::uint16_t>(
        std::min<std::ptrdiff_t>(a, static_cast<std::ptrdiff_t>(area_cumulative_.size()) - 1));
}

Immigration::Immigration(RunState& state)
    : state_(state), immigration_(state.truth.add_flow("immigration", FlowEffect::joins)),
      schedule_(state.scenario, state.scenario.run.start) {
    state.streams.declare(immigration_stream, "immigration", "immigration");
}

void Immigration::month_end(Month now) {
    // Who arrives: each arrival's draws come from its own keyed generator, so they are made on the
    // run's threads; the arrivals then settle and are told to the observers in order (by group,
    // then by rank, each mother followed by her children).
    arrivals_.clear();
    for (int group = 0; group < schedule_.groups(); ++group) {
        const std::int64_t arrivals = schedule_.arrivals(group, now);
        for (std::int64_t k = 0; k < arrivals; ++k)
            arrivals_.push_back({immigrant_id(now, group, static_cast<std::uint64_t>(k)), 0, 0, 0,
                                 static_cast<std::uint8_t>(group), 0, 0});
    }
    const std::uint64_t seed = state_.scenario.run.seed;
    const auto n = static_cast<std::ptrdiff_t>(arrivals_.size());
#pragma omp parallel for schedule(static) num_threads(state_.threads)
    for (std::ptrdiff_t k = 0; k < n; ++k) {
        Arrival& arrival = arrivals_[static_cast<std::size_t>(k)];
        auto generator = keyed_generator(seed, arrival.id, now, immigration_stream);
        const auto [sex, age] = schedule_.draw_sex_age(arrival.group, generator);
        arrival.sex = sex;
        arrival.area = schedule_.choose_area(generator);
        // Aged `age` completed years at the start of the month of arrival (calendar.hpp).
        arrival.birth = static_cast<StoredMonth>(
            birth_month_for_age(now, 12 * age + static_cast<int>(uniform_below(generator, 12))));
        arrival.children =
            static_cast<std::uint8_t>(sex == 1 ? schedule_.draw_children(arrival.group, age, generator) : 0);
    }
    // The children, each with its own id (the mother's rank and the child's number) and draws.
    std::uint32_t children = 0;
    for (Arrival& arrival : arrivals_) {
        arrival.first_child = children;
        children += arrival.children;
    }
    children_.resize(children);
#pragma omp parallel for schedule(static) num_threads(state_.threads)
    for (std::ptrdiff_t k = 0; k < n; ++k) {
        const Arrival& mother = arrivals_[static_cast<std::size_t>(k)];
        const int mother_age = age_in_years(now, mother.birth);
        for (int c = 0; c < mother.children; ++c) {
            ChildArrival& child = children_[mother.first_child + static_cast<std::uint32_t>(c)];
            child.id = arriving_child_id(mother.id, c);
            auto generator = keyed_generator(seed, child.id, now, immigration_stream);
            const auto [sex, age] = schedule_.draw_child(mother.group, mother_age, generator);
            child.sex = sex;
            child.birth = static_cast<StoredMonth>(
                birth_month_for_age(now, 12 * age + static_cast<int>(uniform_below(generator, 12))));
        }
    }

    auto& flow = state_.truth.flow(immigration_);
    const int year = state_.year(now);
    const auto settle = [&](PersonId id, StoredMonth birth, std::uint8_t sex, std::uint16_t area,
                            std::uint8_t group) {
        PersonTable& table = state_.population.persons[area];
        const std::size_t row = table.append();
        table.at(core.id, row) = id;
        table.at(core.birth, row) = birth;
        table.at(core.sex, row) = sex;
        table.at(core.origin, row) = static_cast<std::uint8_t>(group + 1);
        table.at(core.generation, row) = first_generation;
        table.at(core.first_arrival, row) = table.at(core.latest_arrival, row) =
            static_cast<StoredMonth>(now);
        ++flow.at(year, area, sex, age_in_years(now, birth));
        state_.joined(table, row, {JoinKind::immigration, now});
        state_.events.emit({EventKind::immigration, now, &table, row, area, 0, group});
    };
    for (const Arrival& arrival : arrivals_) {
        settle(arrival.id, arrival.birth, arrival.sex, arrival.area, arrival.group);
        for (int c = 0; c < arrival.children; ++c) {
            const ChildArrival& child = children_[arrival.first_child + static_cast<std::uint32_t>(c)];
            settle(child.id, child.birth, child.sex, arrival.area, arrival.group);
            state_.families.add(arrival.id, child.id, child.birth);
        }
    }
}

std::unique_ptr<Process> make_immigration(RunState& state) {
    return std::make_unique<Immigration>(state);
}

} // namespace migsim
