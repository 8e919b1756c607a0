#include "processes/internal_migration.hpp"

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"
#include "processes/internal_migration_settings.hpp"

namespace migsim {

InternalMigrationDestinations::InternalMigrationDestinations(const InternalMigrationSettings& settings,
                                                             const std::vector<SmallArea>& areas)
    : areas_(static_cast<int>(areas.size())), population_exponent_(settings.population_exponent),
      distance_kernel_(areas.size() * areas.size(), 0.0), cumulative_(areas.size() * areas.size(), 0.0) {
    for (int i = 0; i < areas_; ++i) {
        for (int j = 0; j < areas_; ++j) {
            if (i == j)
                continue;
            const double dx =
                areas[static_cast<std::size_t>(i)].x_km - areas[static_cast<std::size_t>(j)].x_km;
            const double dy =
                areas[static_cast<std::size_t>(i)].y_km - areas[static_cast<std::size_t>(j)].y_km;
            distance_kernel_[static_cast<std::size_t>(i * areas_ + j)] =
                std::exp(-std::sqrt(dx * dx + dy * dy) / settings.distance_decay_km);
        }
    }
}

void InternalMigrationDestinations::update(const std::vector<std::size_t>& area_population) {
    std::vector<double> mass(static_cast<std::size_t>(areas_));
    for (int j = 0; j < areas_; ++j)
        mass[static_cast<std::size_t>(j)] =
            std::pow(static_cast<double>(area_population[static_cast<std::size_t>(j)]), population_exponent_);
    for (int i = 0; i < areas_; ++i) {
        double* row = &cumulative_[static_cast<std::size_t>(i * areas_)];
        const double* kernel = &distance_kernel_[static_cast<std::size_t>(i * areas_)];
        double sum = 0.0;
        for (int j = 0; j < areas_; ++j) {
            sum += mass[static_cast<std::size_t>(j)] * kernel[j];
            row[j] = sum;
        }
        // With one area, or no reachable population, a mover stays (a move within the area).
        for (int j = 0; j < areas_; ++j)
            row[j] = sum > 0.0 ? row[j] / sum : (j >= i ? 1.0 : 0.0);
    }
}

std::uint16_t InternalMigrationDestinations::choose(int origin, pcg32& generator) const {
    const double u = uniform01(generator);
    const double* row = &cumulative_[static_cast<std::size_t>(origin * areas_)];
    const double* found = std::upper_bound(row, row + areas_, u);
    const auto destination = static_cast<int>(found - row);
    return static_cast<std::uint16_t>(destination < areas_ ? destination : areas_ - 1);
}

double InternalMigrationDestinations::probability(int origin, int destination) const {
    const double* row = &cumulative_[static_cast<std::size_t>(origin * areas_)];
    return row[destination] - (destination > 0 ? row[destination - 1] : 0.0);
}

} // namespace migsim

namespace migsim {

InternalMigration::InternalMigration(RunState& state)
    : state_(state), settings_(state.scenario.settings<InternalMigrationSettings>()),
      moves_in_(state.truth.add_flow("internal_in", FlowEffect::joins)),
      moves_out_(state.truth.add_flow("internal_out", FlowEffect::leaves)),
      destinations_(settings_, state.population.areas) {
    state.moves = this;
}

double InternalMigration::annual_hazard(const RiskCell& cell) const {
    return settings_.multiplier *
           settings_.hazard[static_cast<std::size_t>(cell.sex)][static_cast<std::size_t>(cell.age)];
}

void InternalMigration::start() {
    const auto areas = static_cast<std::size_t>(state_.population.area_count());
    movers_.assign(areas, PersonTable(state_.layout, ColumnScope::everywhere));
    moving_to_.assign(areas, {});
}

void InternalMigration::prepare(int area) {
    movers_[static_cast<std::size_t>(area)].clear();
    moving_to_[static_cast<std::size_t>(area)].clear();
}

void InternalMigration::happen(const PersonInPass& person, MonthOutcome& outcome) {
    auto detail = keyed_generator(person.key, person.persons.at(core.id, person.row), event_detail_stream);
    move(person, outcome, destinations_.choose(person.area, detail));
}

void InternalMigration::move(const PersonInPass& person, MonthOutcome& outcome, std::uint16_t to) {
    ++state_.truth.flow(moves_out_).slice(person.year, person.area)[person.sex_age];
    outcome.removed = true;
    outcome.area_after = to;
    movers_[static_cast<std::size_t>(person.area)].append(person.persons, person.row);
    moving_to_[static_cast<std::size_t>(person.area)].push_back(to);
}

void InternalMigration::month_end(Month now) {
    // The moves are told to the observers in the order of the pass (by area left, then by person).
    for (std::size_t area = 0; area < movers_.size(); ++area) {
        PersonTable& movers = movers_[area];
        for (std::size_t i = 0; i < movers.size(); ++i)
            state_.events.emit({EventKind::internal_move, now, &movers, i, static_cast<std::uint16_t>(area),
                                moving_to_[area][i], 0});
    }
    // Then each area's arrivals join it in that order: listed by destination (a counting sort,
    // which keeps the order), then appended area by area, each area's on one thread.
    const std::size_t areas = movers_.size();
    arrivals_from_.assign(areas + 1, 0);
    for (const auto& destinations : moving_to_)
        for (const std::uint16_t to : destinations)
            ++arrivals_from_[to + 1u];
    for (std::size_t to = 0; to < areas; ++to)
        arrivals_from_[to + 1] += arrivals_from_[to];
    arrivals_.resize(arrivals_from_[areas]);
    std::vector<std::size_t> next(arrivals_from_.begin(), arrivals_from_.end() - 1);
    for (std::size_t area = 0; area < areas; ++area)
        for (std::size_t i = 0; i < moving_to_[area].size(); ++i)
            arrivals_[next[moving_to_[area][i]]++] = {static_cast<std::uint32_t>(area),
                                                      static_cast<std::uint32_t>(i)};

    auto& moves_in = state_.truth.flow(moves_in_);
    const int year = state_.year(now);
#pragma omp parallel for schedule(dynamic, 1) num_threads(state_.threads)
    for (int to = 0; to < static_cast<int>(areas); ++to) {
        PersonTable& joined = state_.population.persons[static_cast<std::size_t>(to)];
        for (std::size_t k = arrivals_from_[static_cast<std::size_t>(to)];
             k < arrivals_from_[static_cast<std::size_t>(to) + 1]; ++k) {
            const PersonTable& movers = movers_[arrivals_[k].area];
            const std::size_t i = arrivals_[k].index;
            joined.append(movers, i);
            ++moves_in.at(year, to, movers.at(core.sex, i), age_in_years(now, movers.at(core.birth, i)));
        }
    }
}

std::unique_ptr<Process> make_internal_migration(RunState& state) {
    return std::make_unique<InternalMigration>(state);
}

} // namespace migsim
