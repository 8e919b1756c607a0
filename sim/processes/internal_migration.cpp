#include "processes/internal_migration.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/rng.hpp"
#include "processes/internal_migration_settings.hpp"

namespace migsim {

InternalMigrationDestinations::InternalMigrationDestinations(const InternalMigrationSettings& settings,
                                                             const std::vector<SmallArea>& areas)
    : areas_(static_cast<int>(areas.size())),
      tables_(settings.log_attraction.empty() && settings.distance_decay_by_age.empty() ? 1
                                                                                        : n_mover_age_groups),
      population_exponent_(settings.population_exponent) {
    const auto n = areas.size();
    if (!settings.log_attraction.empty() && settings.log_attraction.size() != n * n_mover_age_groups)
        throw std::invalid_argument("internal_migration.attraction: the table is for another set of areas");
    if (!settings.distance_decay_by_age.empty() &&
        settings.distance_decay_by_age.size() != n_mover_age_groups)
        throw std::invalid_argument("internal_migration.distance_decay: expected one decay per age group");
    destination_kernel_.assign(static_cast<std::size_t>(tables_) * n * n, 0.0);
    cumulative_.assign(destination_kernel_.size(), 0.0);
    for (int g = 0; g < tables_; ++g) {
        const double decay_km = settings.distance_decay_by_age.empty()
                                    ? settings.distance_decay_km
                                    : settings.distance_decay_by_age[static_cast<std::size_t>(g)];
        double* kernel = &destination_kernel_[static_cast<std::size_t>(g) * n * n];
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) {
                if (i == j)
                    continue;
                const double dx = areas[i].x_km - areas[j].x_km;
                const double dy = areas[i].y_km - areas[j].y_km;
                // Without an attraction table a = 0, and 0 - x is -x exactly: the same choice,
                // bit for bit, as the gravity model without attractions.
                const double log_attraction =
                    settings.log_attraction.empty()
                        ? 0.0
                        : settings.log_attraction[j * n_mover_age_groups + static_cast<std::size_t>(g)];
                kernel[i * n + j] = std::exp(log_attraction - std::sqrt(dx * dx + dy * dy) / decay_km);
            }
    }
}

void InternalMigrationDestinations::update(const std::vector<std::size_t>& area_population) {
    const auto n = static_cast<std::size_t>(areas_);
    std::vector<double> mass(n);
    for (std::size_t j = 0; j < n; ++j)
        mass[j] = std::pow(static_cast<double>(area_population[j]), population_exponent_);
    for (std::size_t row_index = 0; row_index < static_cast<std::size_t>(tables_) * n; ++row_index) {
        const std::size_t i = row_index % n; // the origin
        double* row = &cumulative_[row_index * n];
        const double* kernel = &destination_kernel_[row_index * n];
        double sum = 0.0;
        for (std::size_t j = 0; j < n; ++j) {
            sum += mass[j] * kernel[j];
            row[j] = sum;
        }
        // With one area, or no reachable population, a mover stays (a move within the area).
        for (std::size_t j = 0; j < n; ++j)
            row[j] = sum > 0.0 ? row[j] / sum : (j >= i ? 1.0 : 0.0);
    }
}

std::uint16_t InternalMigrationDestinations::choose(int origin, int age_group, pcg32& generator) const {
    const double u = uniform01(generator);
    const auto n = static_cast<std::size_t>(areas_);
    const double* row = &cumulative_[(table_of(age_group) * n + static_cast<std::size_t>(origin)) * n];
    const double* found = std::upper_bound(row, row + areas_, u);
    const auto destination = static_cast<int>(found - row);
    return static_cast<std::uint16_t>(destination < areas_ ? destination : areas_ - 1);
}

double InternalMigrationDestinations::probability(int origin, int destination, int age_group) const {
    const auto n = static_cast<std::size_t>(areas_);
    const double* row = &cumulative_[(table_of(age_group) * n + static_cast<std::size_t>(origin)) * n];
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
    const int age = person.sex_age % n_ages;
    move(person, outcome, destinations_.choose(person.area, mover_age_group(age), detail));
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
