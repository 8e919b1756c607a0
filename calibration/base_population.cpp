#include "calibration/base_population.hpp"
#include "calibration/families.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>
#include <string>

#include "calibration/arrival_history.hpp"
#include "calibration/integerise.hpp"
#include "calibration/ipf.hpp"
#include "core/rng.hpp"
#include "population/area_settings.hpp"
#include "processes/emigration_settings.hpp"
#include "processes/fertility_settings.hpp"
#include "processes/mortality_settings.hpp"
#include "stats/ipf.hpp"

namespace migsim {

namespace {

constexpr double box_width_km = 350.0;
constexpr double box_height_km = 300.0;
constexpr int n_urban_centres = 3;
// Keyed-draw months of areas_stream, so that the draws of the parts of the rule never coincide.
constexpr std::int64_t area_draw_month = 0;
constexpr std::int64_t centre_draw_month = 1;
// Tie-breaks of integerisation use seeds derived from area_seed (their own key space).
constexpr std::uint64_t national_tie_salt = 0x6e6174696f6e616cULL; // "national"
constexpr std::uint64_t area_tie_salt = 0x6172656174696573ULL;     // "areaties"

constexpr double two_pi = 6.283185307179586476925286766559;

/// A standard normal pair by Box-Muller from two uniforms of the generator.
std::array<double, 2> normal_pair(pcg32& generator) {
    const double u1 = uniform01(generator);
    const double u2 = uniform01(generator);
    const double radius = std::sqrt(-2.0 * std::log(1.0 - u1)); // 1 - u1 in (0, 1]
    return {radius * std::cos(two_pi * u2), radius * std::sin(two_pi * u2)};
}

struct AreaDraws {
    std::vector<double> relative_size; // sums to 1
    std::vector<SmallArea> areas;
};

void check_area_settings(const PopulationSettings& settings) {
    if (settings.areas < 1 || settings.areas > 99999)
        throw std::invalid_argument("population.areas must be in 1..99999, not " +
                                    std::to_string(settings.areas));
    if (!(settings.area_size_dispersion >= 0.0) || !std::isfinite(settings.area_size_dispersion))
        throw std::invalid_argument("population.area_size_dispersion must be finite and >= 0");
}

/// Urbanity = rank of size / (n - 1), rank 0 the smallest (ties by index); n = 1: 0.5.
void rank_urbanity(AreaDraws& draws) {
    const std::size_t n = draws.areas.size();
    std::vector<std::size_t> by_size(n);
    std::iota(by_size.begin(), by_size.end(), std::size_t{0});
    std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) {
        return draws.relative_size[a] < draws.relative_size[b];
    });
    for (std::size_t rank = 0; rank < n; ++rank)
        draws.areas[by_size[rank]].urbanity =
            n > 1 ? static_cast<double>(rank) / static_cast<double>(n - 1) : 0.5;
}

// The seeded rule (calibration/README.md, "Small areas"):
//  1. area i draws z_i ~ N(0,1) from keyed_generator(area_seed, i, 0, areas); size_i = exp(sigma z_i);
//  2. urbanity_i = rank of size_i (0 = smallest, ties by index) / (n - 1);
//  3. n_urban_centres centres, centre c uniform in the inner box [50, 300] x [50, 250] km from
//     keyed_generator(area_seed, c, 1, areas);
//  4. area i (same generator as in 1, continued) picks a centre uniformly and lies at centre +
//     N(0, s_i^2) in each coordinate, s_i = 10 + 70 (1 - urbanity_i) km, clamped to the box.
AreaDraws draw_areas(const PopulationSettings& settings) {
    check_area_settings(settings);
    const auto n = static_cast<std::size_t>(settings.areas);
    AreaDraws draws;
    draws.relative_size.resize(n);
    draws.areas.resize(n);
    std::vector<pcg32> generators;
    generators.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        generators.push_back(keyed_generator(settings.area_seed, i, area_draw_month, areas_stream));
        draws.relative_size[i] = std::exp(settings.area_size_dispersion * normal_pair(generators[i])[0]);
    }
    const double size_total = std::accumulate(draws.relative_size.begin(), draws.relative_size.end(), 0.0);
    for (double& size : draws.relative_size)
        size /= size_total;

    rank_urbanity(draws);

    std::array<std::array<double, 2>, n_urban_centres> centres{};
    for (int c = 0; c < n_urban_centres; ++c) {
        auto generator = keyed_generator(settings.area_seed, static_cast<std::uint64_t>(c), centre_draw_month,
                                         areas_stream);
        centres[static_cast<std::size_t>(c)] = {50.0 + (box_width_km - 100.0) * uniform01(generator),
                                                50.0 + (box_height_km - 100.0) * uniform01(generator)};
    }
    for (std::size_t i = 0; i < n; ++i) {
        SmallArea& area = draws.areas[i];
        area.label = synthetic_area_label(static_cast<int>(i));
        const auto& centre = centres[uniform_below(generators[i], n_urban_centres)];
        const double spread_km = 10.0 + 70.0 * (1.0 - area.urbanity);
        const auto offset = normal_pair(generators[i]);
        area.x_km = std::clamp(centre[0] + spread_km * offset[0], 0.0, box_width_km);
        area.y_km = std::clamp(centre[1] + spread_km * offset[1], 0.0, box_height_km);
    }
    return draws;
}

// Real areas (calibration/README.md, "Real small areas"): the points of the area table projected
// on a plane (equirectangular about the areas' mean latitude, x east and y north in km from the
// west-most and south-most points: under 1 % error in distances across a country the size of
// Denmark), the sizes of the population table, and urbanity the rank of size as for synthetic
// areas (an assumption: the bigger the municipality, the more urban).
AreaDraws draw_real_areas(const AreaSettings& real) {
    constexpr double earth_radius_km = 6371.0;
    constexpr double degree = 3.14159265358979323846 / 180.0;
    const std::size_t n = real.areas.size();
    AreaDraws draws;
    draws.areas.resize(n);
    draws.relative_size.resize(n);
    double west = real.areas.front().longitude, south = real.areas.front().latitude, mean_latitude = 0.0;
    double total = 0.0;
    for (const RealArea& area : real.areas) {
        west = std::min(west, area.longitude);
        south = std::min(south, area.latitude);
        mean_latitude += area.latitude / static_cast<double>(n);
        total += static_cast<double>(area.persons[0] + area.persons[1]);
    }
    if (!(total > 0.0))
        throw std::invalid_argument("areas.population: the areas have no persons");
    for (std::size_t i = 0; i < n; ++i) {
        const RealArea& area = real.areas[i];
        SmallArea& drawn = draws.areas[i];
        drawn.label = area.code;
        drawn.name = area.name;
        drawn.region = area.region;
        drawn.x_km = earth_radius_km * std::cos(mean_latitude * degree) * (area.longitude - west) * degree;
        drawn.y_km = earth_radius_km * (area.latitude - south) * degree;
        draws.relative_size[i] = static_cast<double>(area.persons[0] + area.persons[1]) / total;
    }
    rank_urbanity(draws);
    return draws;
}

double mean_urbanity(const std::vector<SmallArea>& areas) {
    double sum = 0.0;
    for (const auto& area : areas)
        sum += area.urbanity;
    return areas.empty() ? 0.0 : sum / static_cast<double>(areas.size());
}

AreaCounts area_counts_from(const PopulationSettings& settings, const SexAgeTable& mortality_hazard,
                            const AreaDraws& draws) {
    const NationalCounts national = scaled_national_counts(settings, mortality_hazard);
    const int ages = national.max_age + 1;
    const auto n_areas = static_cast<Eigen::Index>(draws.areas.size());
    const Eigen::Index n_columns = static_cast<Eigen::Index>(n_sexes) * ages;

    // Seed: relative size x exp(tilt x (urbanity - mean urbanity) x z(age)); columns (sex, age).
    const double u_mean = mean_urbanity(draws.areas);
    Eigen::MatrixXd seed(n_areas, n_columns);
    for (Eigen::Index i = 0; i < n_areas; ++i) {
        const auto area = static_cast<std::size_t>(i);
        const double tilt = settings.urban_age_tilt * (draws.areas[area].urbanity - u_mean);
        for (int age = 0; age < ages; ++age) {
            const double value = draws.relative_size[area] * std::exp(tilt * urban_age_contrast(age));
            for (int sex = 0; sex < n_sexes; ++sex)
                seed(i, sex * ages + age) = value;
        }
    }
    const double total = static_cast<double>(national.total());
    Eigen::VectorXd row_margins(n_areas);
    for (Eigen::Index i = 0; i < n_areas; ++i)
        row_margins[i] = total * draws.relative_size[static_cast<std::size_t>(i)];
    std::vector<std::int64_t> column_counts(static_cast<std::size_t>(n_columns));
    Eigen::VectorXd column_margins(n_columns);
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age < ages; ++age) {
            const auto j = static_cast<std::size_t>(sex * ages + age);
            column_counts[j] = national.persons[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)];
            column_margins[static_cast<Eigen::Index>(j)] = static_cast<double>(column_counts[j]);
        }
    // Row margins are real numbers summing to the integer total: a relative tolerance of 1e-9 is
    // far below one person for any country.
    const IpfResult fit = fit_ipf(seed, row_margins, column_margins, IpfOptions{1e-9, 5000});
    if (!fit.converged())
        throw std::invalid_argument(std::string("base population: IPF failed: ") + fit.error);
    const IntegeriseResult integer =
        integerise_columns(fit.fitted, column_counts, settings.area_seed ^ area_tie_salt);
    if (!integer.ok())
        throw std::invalid_argument("base population: integerisation failed: " + integer.error);

    AreaCounts counts;
    counts.areas = static_cast<int>(n_areas);
    counts.max_age = national.max_age;
    counts.persons.resize(static_cast<std::size_t>(n_areas * n_columns));
    for (int area = 0; area < counts.areas; ++area)
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age < ages; ++age)
                counts.persons[counts.index(area, sex, age)] = integer.counts(area, sex * ages + age);
    return counts;
}

// Real areas by sex and age: the areas' persons by sex are data, scaled to the simulated national
// table of each sex (population.scale; a difference within areas.national_tolerance is spread in
// proportion) and rounded by largest remainders; the national table by sex and age is data; how an
// area's ages differ from the nation's is the seed: the population table's own ages when it has
// them, otherwise the urban age tilt of synthetic areas (an assumption). IPF fits the seed to both
// margins and controlled rounding keeps both exactly (stats/ipf.hpp).
AreaCounts real_area_counts_from(const PopulationSettings& settings, const AreaSettings& real,
                                 const SexAgeTable& mortality_hazard, const AreaDraws& draws) {
    const NationalCounts national = scaled_national_counts(settings, mortality_hazard);
    const int ages = national.max_age + 1;
    const int n_areas = static_cast<int>(real.areas.size());
    const stats::AreaSexAgeShape shape{n_areas, n_sexes, ages};

    std::vector<std::int64_t> area_sex(static_cast<std::size_t>(n_areas * n_sexes));
    for (int sex = 0; sex < n_sexes; ++sex) {
        const auto& by_age = national.persons[static_cast<std::size_t>(sex)];
        const std::int64_t target = std::accumulate(by_age.begin(), by_age.end(), std::int64_t{0});
        double given = 0.0;
        for (const RealArea& area : real.areas)
            given += static_cast<double>(area.persons[static_cast<std::size_t>(sex)]);
        std::vector<double> scaled(static_cast<std::size_t>(n_areas));
        for (int a = 0; a < n_areas; ++a)
            scaled[static_cast<std::size_t>(a)] =
                given > 0.0
                    ? static_cast<double>(
                          real.areas[static_cast<std::size_t>(a)].persons[static_cast<std::size_t>(sex)]) *
                          static_cast<double>(target) / given
                    : 0.0;
        const RoundedVector rounded = round_to_total(
            scaled, target, settings.area_seed ^ area_tie_salt ^ static_cast<std::uint64_t>(sex));
        if (!rounded.ok())
            throw std::invalid_argument("areas.population: scaling the areas' totals failed: " +
                                        rounded.error);
        for (int a = 0; a < n_areas; ++a)
            area_sex[static_cast<std::size_t>(a * n_sexes + sex)] =
                rounded.values[static_cast<std::size_t>(a)];
    }
    std::vector<std::int64_t> national_sex_age(static_cast<std::size_t>(n_sexes * ages));
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age < ages; ++age)
            national_sex_age[static_cast<std::size_t>(sex * ages + age)] =
                national.persons[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)];

    std::vector<double> seed(shape.size());
    const double u_mean = mean_urbanity(draws.areas);
    for (int a = 0; a < n_areas; ++a)
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age < ages; ++age) {
                double value = 0.0;
                if (real.open_age >= 0) {
                    const int table_age = std::min(age, real.open_age);
                    value = static_cast<double>(real.persons_by_sex_age[static_cast<std::size_t>(
                        (a * n_sexes + sex) * (real.open_age + 1) + table_age)]);
                } else {
                    const double tilt = settings.urban_age_tilt *
                                        (draws.areas[static_cast<std::size_t>(a)].urbanity - u_mean);
                    value = std::exp(tilt * urban_age_contrast(age));
                }
                seed[shape.index(a, sex, age)] = value;
            }
    std::vector<double> area_margin(area_sex.begin(), area_sex.end());
    std::vector<double> national_margin(national_sex_age.begin(), national_sex_age.end());
    const stats::AreaSexAgeFit fit =
        stats::fit_area_sex_age(shape, seed, area_margin, national_margin, stats::IpfOptions{1e-6, 5000});
    if (!fit.converged())
        throw std::invalid_argument(std::string("areas.population: IPF of the areas' ages ") +
                                    stats::to_string(fit.outcome) + ": " + fit.error);
    const stats::IntegerTable integer =
        stats::integerise_area_sex_age(shape, fit.fitted, area_sex, national_sex_age);
    if (!integer.ok())
        throw std::invalid_argument("areas.population: integerisation failed: " + integer.error);
    AreaCounts counts;
    counts.areas = n_areas;
    counts.max_age = national.max_age;
    counts.persons = integer.counts;
    return counts;
}

} // namespace

std::int64_t NationalCounts::total() const {
    std::int64_t sum = 0;
    for (const auto& by_age : persons)
        sum = std::accumulate(by_age.begin(), by_age.end(), sum);
    return sum;
}

std::int64_t AreaCounts::area_total(int area) const {
    const auto first = persons.begin() + static_cast<std::ptrdiff_t>(index(area, 0, 0));
    return std::accumulate(first, first + static_cast<std::ptrdiff_t>(n_sexes * (max_age + 1)),
                           std::int64_t{0});
}

std::int64_t AreaCounts::total() const {
    return std::accumulate(persons.begin(), persons.end(), std::int64_t{0});
}

std::vector<SmallArea> build_small_areas(const PopulationSettings& settings) {
    return draw_areas(settings).areas;
}

std::vector<double> small_area_relative_sizes(const PopulationSettings& settings) {
    return draw_areas(settings).relative_size;
}

double urban_age_contrast(int age) {
    // Knots (age, z): (0, -0.5) (14, -0.5) (20, 1) (39, 1) (60, -1), constant outside.
    if (age <= 14)
        return -0.5;
    if (age < 20)
        return -0.5 + 1.5 * (age - 14) / 6.0;
    if (age <= 39)
        return 1.0;
    if (age < 60)
        return 1.0 - 2.0 * (age - 39) / 21.0;
    return -1.0;
}

NationalCounts scaled_national_counts(const PopulationSettings& settings,
                                      const SexAgeTable& mortality_hazard) {
    const int open = settings.national_open_age;
    if (open < 0 || open > oldest_age)
        throw std::invalid_argument("population.national_open_age must be in 0..100");
    if (!(settings.scale > 0.0 && settings.scale <= 1.0))
        throw std::invalid_argument("population.scale must be in (0, 1]");
    std::int64_t national_total = 0;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age < n_ages; ++age) {
            const std::int64_t count =
                settings.national[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)];
            if (count < 0)
                throw std::invalid_argument("population.national has a negative count");
            if (age > open && count != 0)
                throw std::invalid_argument("population.national has persons above the open age " +
                                            std::to_string(open));
            national_total += count;
        }

    // The open group: survival-shaped weights exp(-h k), k = 0..spread-1, h = the mortality hazard
    // at the open age (a stationary population with constant hazard above the open age).
    NationalCounts national;
    national.max_age = open + open_age_spread_years - 1;
    const int ages = national.max_age + 1;
    std::vector<double> scaled(static_cast<std::size_t>(n_sexes * ages), 0.0);
    for (int sex = 0; sex < n_sexes; ++sex) {
        const auto& by_age = settings.national[static_cast<std::size_t>(sex)];
        for (int age = 0; age < open; ++age)
            scaled[static_cast<std::size_t>(sex * ages + age)] =
                static_cast<double>(by_age[static_cast<std::size_t>(age)]) * settings.scale;
        const double hazard =
            std::max(0.0, mortality_hazard[static_cast<std::size_t>(sex)][static_cast<std::size_t>(open)]);
        double weight_sum = 0.0;
        for (int k = 0; k < open_age_spread_years; ++k)
            weight_sum += std::exp(-hazard * k);
        const double open_persons =
            static_cast<double>(by_age[static_cast<std::size_t>(open)]) * settings.scale;
        for (int k = 0; k < open_age_spread_years; ++k)
            scaled[static_cast<std::size_t>(sex * ages + open + k)] =
                open_persons * std::exp(-hazard * k) / weight_sum;
    }
    const auto target =
        static_cast<std::int64_t>(std::llround(static_cast<double>(national_total) * settings.scale));
    const RoundedVector rounded = round_to_total(scaled, target, settings.area_seed ^ national_tie_salt);
    if (!rounded.ok())
        throw std::invalid_argument("base population: scaling the national table failed: " + rounded.error);
    for (int sex = 0; sex < n_sexes; ++sex)
        national.persons[static_cast<std::size_t>(sex)].assign(rounded.values.begin() + sex * ages,
                                                               rounded.values.begin() + (sex + 1) * ages);
    return national;
}

AreaCounts build_area_counts(const PopulationSettings& settings, const SexAgeTable& mortality_hazard) {
    return area_counts_from(settings, mortality_hazard, draw_areas(settings));
}

AreaCounts real_area_counts(const PopulationSettings& settings, const AreaSettings& real,
                            const SexAgeTable& mortality_hazard) {
    if (real.areas.empty())
        throw std::invalid_argument("real_area_counts: no areas");
    return real_area_counts_from(settings, real, mortality_hazard, draw_real_areas(real));
}

std::vector<SmallArea> build_real_areas(const AreaSettings& real) {
    if (real.areas.empty())
        throw std::invalid_argument("build_real_areas: no areas");
    return draw_real_areas(real).areas;
}

void synthesise_base_population(const Scenario& scenario, Population& population) {
    const PopulationSettings& settings = scenario.population;
    const SexAgeTable& mortality_hazard = scenario.settings<MortalitySettings>().hazard;
    const bool real = has_real_areas(scenario);
    const AreaDraws draws = real ? draw_real_areas(scenario.settings<AreaSettings>()) : draw_areas(settings);
    const AreaCounts counts =
        real ? real_area_counts_from(settings, scenario.settings<AreaSettings>(), mortality_hazard, draws)
             : area_counts_from(settings, mortality_hazard, draws);
    const int ages = counts.max_age + 1;
    const Month start = scenario.run.start;
    const Month oldest_birth = birth_month_for_age(start, 12 * counts.max_age + 11);
    if (oldest_birth < 0 || start >= never)
        throw std::invalid_argument("base population: birth or start months do not fit the stored months");
    if (!std::isfinite(settings.past_immigration_growth))
        throw std::invalid_argument("population.past_immigration_growth must be finite");

    // Foreign-born probability by area and age: the national share x the area's urbanity factor,
    // divided by the population-weighted mean factor at that age so that the national expectation is
    // the national share (up to the cap).
    const double u_mean = mean_urbanity(draws.areas);
    std::vector<double> factor(draws.areas.size());
    for (std::size_t i = 0; i < factor.size(); ++i)
        factor[i] = std::max(0.0, 1.0 + settings.urban_migrant_tilt * (draws.areas[i].urbanity - u_mean));
    const int n_groups = scenario.groups.count();
    std::vector<std::uint32_t> foreign_threshold(static_cast<std::size_t>(counts.areas * ages), 0);
    std::vector<std::uint32_t> second_generation_threshold(static_cast<std::size_t>(ages), 0);
    std::vector<double> expected_foreign(static_cast<std::size_t>(n_sexes * ages), 0.0); // by sex, age
    for (int age = 0; age < ages; ++age) {
        const auto table_age = static_cast<std::size_t>(std::min(age, oldest_age));
        const double foreign_share = std::clamp(settings.foreign_born_share[table_age], 0.0, 1.0);
        const double second_share = std::clamp(settings.second_generation_share[table_age], 0.0, 1.0);
        second_generation_threshold[static_cast<std::size_t>(age)] = probability_threshold(
            foreign_share < 1.0 ? std::min(1.0, second_share / (1.0 - foreign_share)) : 0.0);
        if (n_groups == 0)
            continue; // no foreign groups: everybody is native-born
        double persons = 0.0;
        double weighted = 0.0;
        for (int area = 0; area < counts.areas; ++area) {
            const auto n = static_cast<double>(counts.at(area, 0, age) + counts.at(area, 1, age));
            persons += n;
            weighted += n * factor[static_cast<std::size_t>(area)];
        }
        const double mean_factor = persons > 0.0 && weighted > 0.0 ? weighted / persons : 1.0;
        for (int area = 0; area < counts.areas; ++area) {
            const double p = std::min(max_area_foreign_born_share,
                                      foreign_share * factor[static_cast<std::size_t>(area)] / mean_factor);
            foreign_threshold[static_cast<std::size_t>(area * ages + age)] = probability_threshold(p);
            for (int sex = 0; sex < n_sexes; ++sex)
                expected_foreign[static_cast<std::size_t>(sex * ages + age)] +=
                    p * static_cast<double>(counts.at(area, sex, age));
        }
    }
    // Origin groups: cumulative thresholds on a 32-bit draw (in units of 2^-32).
    std::vector<std::uint64_t> group_cumulative(static_cast<std::size_t>(n_groups), 0);
    {
        double share_total = 0.0;
        for (int g = 0; g < n_groups; ++g)
            share_total +=
                std::max(0.0, scenario.groups.base_population_share.size() > static_cast<std::size_t>(g)
                                  ? scenario.groups.base_population_share[static_cast<std::size_t>(g)]
                                  : 0.0);
        if (n_groups > 0 && !(share_total > 0.0))
            throw std::invalid_argument("groups.base_population_share must have a positive sum");
        double cumulative = 0.0;
        for (int g = 0; g < n_groups; ++g) {
            cumulative += std::max(0.0, scenario.groups.base_population_share[static_cast<std::size_t>(g)]);
            group_cumulative[static_cast<std::size_t>(g)] =
                static_cast<std::uint64_t>(std::llround(cumulative / share_total * 4294967296.0));
        }
        if (n_groups > 0)
            group_cumulative.back() = std::uint64_t{1} << 32;
    }

    // The expected foreign-born of each group, sex and age: the recent arrivals among them are
    // the survivors of the scenario's own inflow (arrival_history.hpp).
    std::vector<double> expected_stock(static_cast<std::size_t>(n_groups * n_sexes * ages), 0.0);
    for (int g = 0; g < n_groups; ++g) {
        const double share =
            static_cast<double>(group_cumulative[static_cast<std::size_t>(g)] -
                                (g > 0 ? group_cumulative[static_cast<std::size_t>(g - 1)] : 0)) /
            4294967296.0;
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age < ages; ++age)
                expected_stock[static_cast<std::size_t>((g * n_sexes + sex) * ages + age)] =
                    share * expected_foreign[static_cast<std::size_t>(sex * ages + age)];
    }
    const ArrivalHistory arrival_history(scenario, counts.max_age, expected_stock);
    population = Population{};
    population.areas = draws.areas;
    population.persons.assign(draws.areas.size(), PersonTable(shared_core_layout(), ColumnScope::everywhere));
    std::uint64_t index = 0;
    for (int area = 0; area < counts.areas; ++area) {
        PersonTable& block = population.persons[static_cast<std::size_t>(area)];
        block.reserve(static_cast<std::size_t>(static_cast<double>(counts.area_total(area)) * 1.25) + 16);
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age < ages; ++age) {
                const std::int64_t n = counts.at(area, sex, age);
                const std::uint32_t foreign = foreign_threshold[static_cast<std::size_t>(area * ages + age)];
                const std::uint32_t second = second_generation_threshold[static_cast<std::size_t>(age)];
                const std::size_t first_row = block.append_rows(static_cast<std::size_t>(n));
                for (std::int64_t k = 0; k < n; ++k) {
                    const std::size_t row = first_row + static_cast<std::size_t>(k);
                    const PersonId id = base_population_id(start, index++);
                    block.at(core.id, row) = id;
                    block.at(core.sex, row) = static_cast<std::uint8_t>(sex);
                    auto generator =
                        keyed_generator(scenario.population.seed, id, start, base_population_stream);
                    // Aged `age` completed years at the start (calendar.hpp): 12 age + u completed
                    // months, u uniform in 0..11, so the birth month is before the start month.
                    const int months_in_year = static_cast<int>(uniform_below(generator, 12));
                    block.at(core.birth, row) =
                        static_cast<StoredMonth>(birth_month_for_age(start, 12 * age + months_in_year));
                    if (generator() < foreign) {
                        const std::uint64_t group_draw = generator();
                        int group = 0;
                        while (group_draw >= group_cumulative[static_cast<std::size_t>(group)])
                            ++group;
                        block.at(core.origin, row) = static_cast<std::uint8_t>(1 + group);
                        block.at(core.generation, row) = first_generation;
                        // Completed years since arrival from the steady state (arrival_history.hpp),
                        // the month within that year uniform and never before birth.
                        const int years = arrival_history.draw_years(group, sex, age, generator());
                        const int months_within =
                            years == age ? static_cast<int>(uniform_below(
                                               generator, static_cast<std::uint32_t>(months_in_year + 1)))
                                         : static_cast<int>(uniform_below(generator, 12));
                        // Arrived in month t: 12 years + months_within completed months at the start.
                        const Month arrival = start - 1 - (12 * years + months_within);
                        block.at(core.first_arrival, row) = static_cast<StoredMonth>(arrival);
                        block.at(core.latest_arrival, row) = static_cast<StoredMonth>(arrival);
                    } else {
                        block.at(core.generation, row) =
                            generator() < second ? second_generation : native_of_native;
                    }
                }
            }
    }
    // Children migrate with their mothers: each child is linked to one in its area (families.hpp).
    population.families = assign_mothers(scenario, population).links;
}

BasePopulationInputs::BasePopulationInputs(const Scenario& scenario)
    : population(scenario.population), start(scenario.run.start), seed(scenario.population.seed),
      groups(scenario.groups), mortality(scenario.settings<MortalitySettings>().hazard),
      emigration(scenario.settings<EmigrationSettings>().hazard),
      immigration(scenario.settings<ImmigrationSettings>()),
      fertility_schedule(scenario.has<FertilitySettings>() ? scenario.settings<FertilitySettings>().schedule
                                                           : AgeTable{}),
      areas(scenario.has<AreaSettings>() ? scenario.settings<AreaSettings>() : AreaSettings{}) {
    // The multiplier scales the simulated period's arrivals, not the arrival history (as the hazard
    // multipliers, which are not inputs of the base population at all): a variant that changes only
    // the multiplier shares the base population.
    immigration.multiplier = 1.0;
}

Population base_population(const Scenario& scenario) {
    Population population;
    synthesise_base_population(scenario, population);
    return population;
}

} // namespace migsim
