#pragma once
// A population by small area, sex and single year of age, fitted to two margins by iterative
// proportional fitting (Deming & Stephan 1940, Ann. Math. Statist. 11(4)) and then rounded to whole
// persons so that both margins hold exactly.
//
// What is data and what is assumption (docs/model.md, "Small areas by sex and age"):
//  - DATA: the national population by sex and age (e.g. Statistics Denmark, 1 January) and the
//    population of each area by sex (e.g. Statistics Denmark's municipal table). The fitted table
//    reproduces both margins exactly after integerisation.
//  - ASSUMPTION: the seed, which carries everything the margins do not say: how the age structure
//    of an area differs from the national one. IPF keeps the seed's odds ratios between areas and
//    ages within each sex (it multiplies area x sex rows and sex x age columns only), so the seed
//    alone decides, for example, whether young adults concentrate in cities. With a uniform seed
//    every area gets the national age structure of its sex: the independence table
//    area_total x national_share. The urban age tilt below is one documented, parameterised seed.
//
// Sex appears in both margins, so the three-way fit is a two-way fit (areas x ages) for each sex.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace migsim::stats {

/// The shape of an area x sex x age table, stored area-major: index (area x sexes + sex) x ages + age.
struct AreaSexAgeShape {
    int areas = 0;
    int sexes = 2;
    int ages = 0;
    std::size_t size() const { return static_cast<std::size_t>(areas) * sexes * ages; }
    std::size_t index(int area, int sex, int age) const {
        return (static_cast<std::size_t>(area) * sexes + sex) * ages + age;
    }
};

struct IpfOptions {
    /// Convergence: every margin cell (area x sex and sex x age) within this many persons of its
    /// target. Integerisation needs the sum of the errors well below 1 person.
    double tolerance = 1e-7;
    int max_iterations = 1000; ///< one iteration = one pass over area x sex, one over sex x age
};

enum class IpfOutcome {
    converged,
    not_converged, ///< max_iterations reached; the table and its error are still returned
    invalid_input, ///< shapes, negative or non-finite values, margins with different totals, or a
                   ///< positive margin over an all-zero seed
};

const char* to_string(IpfOutcome outcome);

struct AreaSexAgeFit {
    IpfOutcome outcome = IpfOutcome::invalid_input;
    std::string error;          ///< what was wrong, in words; empty when converged
    std::vector<double> fitted; ///< shape.size() cells; empty for invalid input
    int iterations = 0;
    double max_margin_error = 0.0; ///< persons: largest |fitted margin - target| over both margins
    bool converged() const { return outcome == IpfOutcome::converged; }
};

/// Fits `seed` (shape.size() cells, >= 0) so that its sums over ages equal `area_sex` (areas x sexes,
/// index area x sexes + sex) and its sums over areas equal `national_sex_age` (sexes x ages, index
/// sex x ages + age). The two margins must have the same total for each sex (within
/// options.tolerance). Cells whose seed is 0 stay 0.
AreaSexAgeFit fit_area_sex_age(const AreaSexAgeShape& shape, const std::vector<double>& seed,
                               const std::vector<double>& area_sex,
                               const std::vector<double>& national_sex_age, const IpfOptions& options = {});

/// The "urban age tilt", an assumed seed: seed(area, sex, age) = multiplier[group(age)] ^ urbanity[area],
/// urbanity in 0..1. At urbanity 0 the area's seed is flat (it gets the national age structure); at 1
/// each age group is weighted by its multiplier relative to the others. A multiplier above 1 for ages
/// 20-29 says young adults are over-represented in urban areas, relative to a rural one, by up to that
/// factor (before IPF restores the margins). Ages of group g: group_first_ages[g] up to the next
/// group's first age (the last group to the last age). The same for both sexes.
struct UrbanAgeTilt {
    std::vector<int> group_first_ages;            ///< increasing, the first one 0
    std::vector<double> multiplier_at_full_urban; ///< one per group, > 0
};

/// The seed of an urban age tilt; an error in words when the groups or multipliers are invalid.
struct SeedTable {
    std::vector<double> seed;
    std::string error;
    bool ok() const { return error.empty(); }
};
SeedTable urban_age_tilt_seed(const AreaSexAgeShape& shape, const std::vector<double>& urbanity,
                              const UrbanAgeTilt& tilt);

/// An urbanity in 0..1 from the areas' populations when no density is at hand (an assumption:
/// bigger municipalities are more urban): (ln P - ln P_min) / (ln P_max - ln P_min); 0 for all when
/// every area has the same population. Areas of no population get 0.
std::vector<double> urbanity_from_population(const std::vector<std::int64_t>& persons);

/// The national table by sex and age made consistent with the areas' totals by sex: for a sex whose
/// national total differs from the sum of the areas, the national counts are scaled to that sum and
/// rounded by largest remainders (ties to the younger age), so that they sum to it exactly.
struct ConsistentNational {
    std::vector<std::int64_t> sex_age;           ///< sexes x ages, index sex x ages + age
    std::vector<std::int64_t> difference_by_sex; ///< areas' sum - national sum, before scaling
    std::string error;                           ///< shapes or negative counts; empty when ok
    bool ok() const { return error.empty(); }
};
ConsistentNational consistent_national_margin(const AreaSexAgeShape& shape,
                                              const std::vector<std::int64_t>& area_sex,
                                              const std::vector<std::int64_t>& national_sex_age);

/// Integerisation of a fitted table that keeps BOTH margins exactly (controlled rounding; Cox &
/// Ernst 1982, "Controlled rounding", INFOR 20(4)): each cell becomes the floor of its fitted value or
/// one more, so no cell moves by a whole person or more, and cells fitted at 0 stay 0. For each sex, the
/// units each area and each age still lack after flooring are given to cells by largest remainder
/// first (ties to the lower index); when that greedy pass gets stuck, augmenting paths (a
/// transportation problem with unit capacities: Ford & Fulkerson 1956) move units until every area
/// and every age has its count. Because the fitted table's remainders are a fractional solution of
/// that problem, an integer one exists whenever the fitted margins are within a total of less than
/// one person of the targets.
struct IntegerTable {
    std::vector<std::int64_t> counts; ///< shape.size() cells; empty on error
    int augmenting_paths = 0;         ///< units placed after the greedy pass (a diagnostic)
    std::string error;
    bool ok() const { return error.empty(); }
};
IntegerTable integerise_area_sex_age(const AreaSexAgeShape& shape, const std::vector<double>& fitted,
                                     const std::vector<std::int64_t>& area_sex,
                                     const std::vector<std::int64_t>& national_sex_age);

} // namespace migsim::stats
