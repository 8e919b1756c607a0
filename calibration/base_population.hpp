#pragma once
// The base population: small areas built by a documented seeded rule, persons by area, sex and
// age fitted to the national table by IPF and integerised, then one record per person with a
// birth month and a migrant status. calibration/README.md gives the rule step by step.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "calibration/streams.hpp"
#include "population/area_settings.hpp"
#include "population/population.hpp"
#include "processes/immigration_settings.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

/// The national table's open age group (e.g. 99+) is spread over this many single years.
inline constexpr int open_age_spread_years = 7;
/// Share of foreign-born in any one area and age never exceeds this.
inline constexpr double max_area_foreign_born_share = 0.95;

/// Persons of the (scaled) national table by sex and single year of age 0..max_age, after the open
/// age group has been spread over open_age_spread_years single years.
struct NationalCounts {
    int max_age = 0;
    std::array<std::vector<std::int64_t>, n_sexes> persons; ///< [sex][age]
    std::int64_t total() const;
};

/// Persons by area x sex x age, ages 0..max_age.
struct AreaCounts {
    int areas = 0;
    int max_age = 0;
    std::vector<std::int64_t> persons; ///< index ((area x n_sexes) + sex) x (max_age + 1) + age

    std::size_t index(int area, int sex, int age) const {
        return (static_cast<std::size_t>(area) * n_sexes + static_cast<std::size_t>(sex)) *
                   static_cast<std::size_t>(max_age + 1) +
               static_cast<std::size_t>(age);
    }
    std::int64_t at(int area, int sex, int age) const { return persons[index(area, sex, age)]; }
    std::int64_t area_total(int area) const;
    std::int64_t total() const;
};

/// Small areas "A001", "A002", ...: coordinates in a 350 km x 300 km box and urbanity = rank of
/// size scaled to [0, 1] (largest = 1). Deterministic given settings.areas, area_seed and
/// area_size_dispersion. Throws std::invalid_argument when settings.areas < 1.
std::vector<SmallArea> build_small_areas(const PopulationSettings& settings);

/// The relative sizes of the same areas (lognormal(0, area_size_dispersion)), summing to 1.
std::vector<double> small_area_relative_sizes(const PopulationSettings& settings);

/// The contrast z(age) that makes urban areas younger: +1 at ages 20-39, -0.5 for children 0-14,
/// -1 from age 60, linear in between (see calibration/README.md).
double urban_age_contrast(int age);

/// The national table x scale, integerised so that the total is round(national total x scale),
/// with the open age group spread geometrically by the mortality hazard at the open age.
/// Throws std::invalid_argument on invalid settings (scale outside (0, 1], negative counts,
/// counts above the open age, open age outside 0..100).
NationalCounts scaled_national_counts(const PopulationSettings& settings,
                                      const SexAgeTable& mortality_hazard);

/// Persons by area, sex and age: IPF of the urbanity-tilted seed to area sizes and the national
/// counts, integerised so that every national (sex, age) count is exact.
AreaCounts build_area_counts(const PopulationSettings& settings, const SexAgeTable& mortality_hazard);

/// Real areas from the tables of [areas] (scenario.settings<AreaSettings>()): labels are the codes,
/// points projected to km, urbanity the rank of population size. Throws std::invalid_argument
/// when there are none.
std::vector<SmallArea> build_real_areas(const AreaSettings& real);

/// Persons of real areas by sex and age: the areas' totals by sex (scaled to the simulated
/// national table) and the national table by sex and age, both kept exactly; the seed is the
/// population table's ages when it has them, else the urban age tilt.
AreaCounts real_area_counts(const PopulationSettings& settings, const AreaSettings& real,
                            const SexAgeTable& mortality_hazard);

/// The inputs synthesise_base_population() reads: two scenarios that agree on them have the same
/// base population (pipeline/pipeline.hpp: a Runner builds it once for both).
struct BasePopulationInputs {
    PopulationSettings population;
    Month start = 0;
    std::uint64_t seed = 0; ///< population.seed, which follows run.seed unless given
    Groups groups;
    SexAgeTable mortality{};
    std::array<AgeTable, n_emigration_statuses> emigration{};
    ImmigrationSettings immigration;
    AgeTable fertility_schedule{}; ///< the pattern of mothers' ages that links children to mothers
    AreaSettings areas;            ///< real areas from tables; empty: synthetic ones

    explicit BasePopulationInputs(const Scenario& scenario);
    bool operator==(const BasePopulationInputs&) const = default;
};

/// Replaces `population` by the synthetic base population of `scenario` at scenario.run.start:
/// areas, persons (ids 1..N in order of area, sex, age), birth months, migrant status and arrival
/// months. Deterministic given the scenario. Throws std::invalid_argument on invalid settings.
void synthesise_base_population(const Scenario& scenario, Population& population);

/// The same, returned.
Population base_population(const Scenario& scenario);

} // namespace migsim
