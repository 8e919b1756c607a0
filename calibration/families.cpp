#include "calibration/families.hpp"

#include <algorithm>

#include "core/rng.hpp"
#include "processes/fertility_settings.hpp"

namespace migsim {

namespace {

inline constexpr StreamId mothers_stream = stream_named("base_population.mothers");

/// Youngest and oldest age at which a woman has a child, in completed years.
inline constexpr int first_birth_age = 15;
inline constexpr int last_birth_age = 49;

} // namespace

MotherAssignment assign_mothers(const Scenario& scenario, Population& population) {
    MotherAssignment result;
    const Month start = scenario.run.start;
    const int groups = scenario.groups.count();
    // Weights of the mother's age at the birth: the schedule's pattern (its level does not matter);
    // without a schedule (a scenario made without the fertility module) any age alike.
    std::array<double, n_ages> at_birth{};
    double schedule_total = 0.0;
    if (scenario.has<FertilitySettings>()) {
        const auto& fertility = scenario.settings<FertilitySettings>();
        for (int age = first_birth_age; age <= last_birth_age; ++age) {
            at_birth[static_cast<std::size_t>(age)] =
                std::max(0.0, fertility.schedule[static_cast<std::size_t>(age)]);
            schedule_total += at_birth[static_cast<std::size_t>(age)];
        }
    }
    if (!(schedule_total > 0.0))
        for (int age = first_birth_age; age <= last_birth_age; ++age)
            at_birth[static_cast<std::size_t>(age)] = 1.0; // no schedule: any age alike
    const int classes = groups + 1;                        // 0 native-born, 1..G born in group g
    std::vector<double> weight;
    for (PersonTable& table : population.persons) {
        // Women of each class and age (completed years at the start), by row.
        std::vector<std::vector<std::uint32_t>> women(static_cast<std::size_t>(classes * n_ages));
        for (std::size_t row = 0; row < table.size(); ++row) {
            if (table.at(core.sex, row) != 1)
                continue;
            const int age = age_in_years(start, table.at(core.birth, row));
            if (age >= first_birth_age)
                women[static_cast<std::size_t>(table.at(core.origin, row) * n_ages + age)].push_back(
                    static_cast<std::uint32_t>(row));
        }
        const auto count = [&](int cls, int age) {
            return static_cast<double>(women[static_cast<std::size_t>(cls * n_ages + age)].size());
        };
        for (std::size_t row = 0; row < table.size(); ++row) {
            const int child_age = age_in_years(start, table.at(core.birth, row));
            if (child_age >= family_child_age_limit)
                continue;
            ++result.children;
            const std::uint8_t origin = table.at(core.origin, row);
            const bool of_foreign_mother = table.at(core.generation, row) == Generation::second_generation;
            // The classes a mother may be of: the child's group; any foreign group; native-born.
            const int first_class = origin != native_born ? origin : (of_foreign_mother ? 1 : 0);
            const int last_class = origin != native_born ? origin : (of_foreign_mother ? groups : 0);
            weight.assign(static_cast<std::size_t>((last_class - first_class + 1) * n_ages), 0.0);
            double total = 0.0;
            for (int cls = first_class; cls <= last_class; ++cls)
                for (int at = first_birth_age; at <= last_birth_age && child_age + at < n_ages; ++at) {
                    const double w = at_birth[static_cast<std::size_t>(at)] * count(cls, child_age + at);
                    weight[static_cast<std::size_t>((cls - first_class) * n_ages + child_age + at)] = w;
                    total += w;
                }
            if (!(total > 0.0)) {
                ++result.without_mother;
                continue;
            }
            const PersonId child = table.at(core.id, row);
            auto generator = keyed_generator(scenario.run.seed, child, start, mothers_stream);
            const double u = uniform01(generator) * total;
            double cumulative = 0.0;
            std::size_t cell = 0;
            for (; cell + 1 < weight.size(); ++cell) {
                cumulative += weight[cell];
                if (u < cumulative && weight[cell] > 0.0)
                    break;
            }
            while (weight[cell] <= 0.0) // the last cells may be empty: step back to a woman
                --cell;
            const int cls = first_class + static_cast<int>(cell) / n_ages;
            const int mother_age = static_cast<int>(cell) % n_ages;
            const auto& candidates = women[static_cast<std::size_t>(cls * n_ages + mother_age)];
            const std::uint32_t mother_row =
                candidates[uniform_below(generator, static_cast<std::uint32_t>(candidates.size()))];
            result.links.push_back({table.at(core.id, mother_row), child, table.at(core.birth, row)});
            if (origin != native_born) {
                const StoredMonth mother_arrival = table.at(core.latest_arrival, mother_row);
                if (mother_arrival > table.at(core.birth, row) && mother_arrival != never) {
                    table.at(core.first_arrival, row) = table.at(core.latest_arrival, row) = mother_arrival;
                    ++result.arrived_with_mother;
                }
            }
        }
    }
    return result;
}

} // namespace migsim
