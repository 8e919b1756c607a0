#include "stats/ipf.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>

namespace migsim::stats {

const char* to_string(IpfOutcome outcome) {
    switch (outcome) {
    case IpfOutcome::converged:
        return "converged";
    case IpfOutcome::not_converged:
        return "not converged";
    case IpfOutcome::invalid_input:
        return "invalid input";
    }
    return "unknown";
}

namespace {

bool all_non_negative(const std::vector<double>& values) {
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v) && v >= 0.0; });
}

bool all_non_negative(const std::vector<std::int64_t>& values) {
    return std::all_of(values.begin(), values.end(), [](std::int64_t v) { return v >= 0; });
}

std::string shape_error(const AreaSexAgeShape& shape, std::size_t cells, std::size_t area_sex,
                        std::size_t national_sex_age) {
    if (shape.areas <= 0 || shape.sexes <= 0 || shape.ages <= 0)
        return "the table has no cell (areas, sexes and ages must be at least 1)";
    const auto n_area_sex = static_cast<std::size_t>(shape.areas) * shape.sexes;
    const auto n_sex_age = static_cast<std::size_t>(shape.sexes) * shape.ages;
    if (cells != shape.size() || area_sex != n_area_sex || national_sex_age != n_sex_age)
        return "expected " + std::to_string(shape.size()) + " cells, " + std::to_string(n_area_sex) +
               " area x sex totals and " + std::to_string(n_sex_age) + " national sex x age counts; got " +
               std::to_string(cells) + ", " + std::to_string(area_sex) + " and " +
               std::to_string(national_sex_age);
    return "";
}

/// Largest |sum - target| over the area x sex and the sex x age margins.
double max_margin_error(const AreaSexAgeShape& shape, const std::vector<double>& x,
                        const std::vector<double>& area_sex, const std::vector<double>& national_sex_age) {
    double worst = 0.0;
    std::vector<double> columns(national_sex_age.size(), 0.0);
    for (int a = 0; a < shape.areas; ++a)
        for (int s = 0; s < shape.sexes; ++s) {
            double row = 0.0;
            for (int age = 0; age < shape.ages; ++age) {
                row += x[shape.index(a, s, age)];
                columns[static_cast<std::size_t>(s * shape.ages + age)] += x[shape.index(a, s, age)];
            }
            worst = std::max(worst, std::abs(row - area_sex[static_cast<std::size_t>(a * shape.sexes + s)]));
        }
    for (std::size_t k = 0; k < columns.size(); ++k)
        worst = std::max(worst, std::abs(columns[k] - national_sex_age[k]));
    return worst;
}

AreaSexAgeFit invalid(std::string error) {
    AreaSexAgeFit fit;
    fit.outcome = IpfOutcome::invalid_input;
    fit.error = std::move(error);
    return fit;
}

} // namespace

AreaSexAgeFit fit_area_sex_age(const AreaSexAgeShape& shape, const std::vector<double>& seed,
                               const std::vector<double>& area_sex,
                               const std::vector<double>& national_sex_age, const IpfOptions& options) {
    if (const std::string error = shape_error(shape, seed.size(), area_sex.size(), national_sex_age.size());
        !error.empty())
        return invalid(error);
    if (!all_non_negative(seed) || !all_non_negative(area_sex) || !all_non_negative(national_sex_age))
        return invalid("a seed cell or a margin is negative or not finite");
    for (int s = 0; s < shape.sexes; ++s) {
        double areas_total = 0.0;
        double national_total = 0.0;
        for (int a = 0; a < shape.areas; ++a)
            areas_total += area_sex[static_cast<std::size_t>(a * shape.sexes + s)];
        for (int age = 0; age < shape.ages; ++age)
            national_total += national_sex_age[static_cast<std::size_t>(s * shape.ages + age)];
        if (std::abs(areas_total - national_total) > options.tolerance)
            return invalid("sex " + std::to_string(s) + ": the areas total " + std::to_string(areas_total) +
                           " persons, the national table " + std::to_string(national_total) +
                           " (make them consistent first: consistent_national_margin)");
    }
    // A positive margin over cells whose seed is all zero can never be reached.
    std::vector<double> seed_columns(national_sex_age.size(), 0.0);
    for (int a = 0; a < shape.areas; ++a)
        for (int s = 0; s < shape.sexes; ++s) {
            double row = 0.0;
            for (int age = 0; age < shape.ages; ++age) {
                row += seed[shape.index(a, s, age)];
                seed_columns[static_cast<std::size_t>(s * shape.ages + age)] += seed[shape.index(a, s, age)];
            }
            if (row <= 0.0 && area_sex[static_cast<std::size_t>(a * shape.sexes + s)] > 0.0)
                return invalid("area " + std::to_string(a) + ", sex " + std::to_string(s) +
                               " has persons but its seed is all zero");
        }
    for (std::size_t k = 0; k < seed_columns.size(); ++k)
        if (seed_columns[k] <= 0.0 && national_sex_age[k] > 0.0)
            return invalid("sex x age cell " + std::to_string(k) + " has persons but its seed is all zero");

    AreaSexAgeFit fit;
    fit.fitted = seed;
    std::vector<double>& x = fit.fitted;
    std::vector<double> columns(national_sex_age.size());
    while (fit.iterations < options.max_iterations) {
        // Area x sex: scale each row of ages to the area's total of that sex. A row whose sum is 0
        // has a zero margin (checked above) and stays 0.
        for (int a = 0; a < shape.areas; ++a)
            for (int s = 0; s < shape.sexes; ++s) {
                double row = 0.0;
                for (int age = 0; age < shape.ages; ++age)
                    row += x[shape.index(a, s, age)];
                if (row > 0.0) {
                    const double factor = area_sex[static_cast<std::size_t>(a * shape.sexes + s)] / row;
                    for (int age = 0; age < shape.ages; ++age)
                        x[shape.index(a, s, age)] *= factor;
                }
            }
        // Sex x age: scale each column of areas to the national count.
        std::fill(columns.begin(), columns.end(), 0.0);
        for (int a = 0; a < shape.areas; ++a)
            for (int s = 0; s < shape.sexes; ++s)
                for (int age = 0; age < shape.ages; ++age)
                    columns[static_cast<std::size_t>(s * shape.ages + age)] += x[shape.index(a, s, age)];
        for (int a = 0; a < shape.areas; ++a)
            for (int s = 0; s < shape.sexes; ++s)
                for (int age = 0; age < shape.ages; ++age) {
                    const auto k = static_cast<std::size_t>(s * shape.ages + age);
                    if (columns[k] > 0.0)
                        x[shape.index(a, s, age)] *= national_sex_age[k] / columns[k];
                }
        ++fit.iterations;
        fit.max_margin_error = max_margin_error(shape, x, area_sex, national_sex_age);
        if (fit.max_margin_error <= options.tolerance) {
            fit.outcome = IpfOutcome::converged;
            return fit;
        }
    }
    fit.outcome = IpfOutcome::not_converged;
    fit.error = "no convergence after " + std::to_string(fit.iterations) +
                " iterations: largest margin error " + std::to_string(fit.max_margin_error) + " persons";
    return fit;
}

SeedTable urban_age_tilt_seed(const AreaSexAgeShape& shape, const std::vector<double>& urbanity,
                              const UrbanAgeTilt& tilt) {
    SeedTable result;
    const auto& first = tilt.group_first_ages;
    if (first.empty() || first.front() != 0 ||
        !std::is_sorted(first.begin(), first.end(), std::less_equal<>()) || first.back() >= shape.ages)
        result.error = "the age groups must start at 0 and increase strictly within the table's ages";
    else if (tilt.multiplier_at_full_urban.size() != first.size())
        result.error = "one multiplier per age group is needed";
    else if (!std::all_of(tilt.multiplier_at_full_urban.begin(), tilt.multiplier_at_full_urban.end(),
                          [](double m) { return std::isfinite(m) && m > 0.0; }))
        result.error = "a multiplier is not a positive number";
    else if (urbanity.size() != static_cast<std::size_t>(shape.areas) ||
             !std::all_of(urbanity.begin(), urbanity.end(), [](double u) { return u >= 0.0 && u <= 1.0; }))
        result.error = "one urbanity in 0..1 per area is needed";
    if (!result.ok())
        return result;
    result.seed.assign(shape.size(), 0.0);
    for (int a = 0; a < shape.areas; ++a)
        for (int s = 0; s < shape.sexes; ++s) {
            std::size_t group = 0;
            for (int age = 0; age < shape.ages; ++age) {
                while (group + 1 < first.size() && age >= first[group + 1])
                    ++group;
                result.seed[shape.index(a, s, age)] =
                    std::pow(tilt.multiplier_at_full_urban[group], urbanity[static_cast<std::size_t>(a)]);
            }
        }
    return result;
}

std::vector<double> urbanity_from_population(const std::vector<std::int64_t>& persons) {
    std::vector<double> urbanity(persons.size(), 0.0);
    double low = INFINITY;
    double high = 0.0;
    for (const auto p : persons)
        if (p > 0) {
            low = std::min(low, std::log(static_cast<double>(p)));
            high = std::max(high, std::log(static_cast<double>(p)));
        }
    if (!(high > low))
        return urbanity;
    for (std::size_t i = 0; i < persons.size(); ++i)
        if (persons[i] > 0)
            urbanity[i] = (std::log(static_cast<double>(persons[i])) - low) / (high - low);
    return urbanity;
}

ConsistentNational consistent_national_margin(const AreaSexAgeShape& shape,
                                              const std::vector<std::int64_t>& area_sex,
                                              const std::vector<std::int64_t>& national_sex_age) {
    ConsistentNational result;
    result.error = shape_error(shape, shape.size(), area_sex.size(), national_sex_age.size());
    if (result.ok() && (!all_non_negative(area_sex) || !all_non_negative(national_sex_age)))
        result.error = "a count is negative";
    if (!result.ok())
        return result;
    result.sex_age = national_sex_age;
    result.difference_by_sex.assign(static_cast<std::size_t>(shape.sexes), 0);
    for (int s = 0; s < shape.sexes; ++s) {
        std::int64_t areas_total = 0;
        std::int64_t national_total = 0;
        for (int a = 0; a < shape.areas; ++a)
            areas_total += area_sex[static_cast<std::size_t>(a * shape.sexes + s)];
        for (int age = 0; age < shape.ages; ++age)
            national_total += national_sex_age[static_cast<std::size_t>(s * shape.ages + age)];
        result.difference_by_sex[static_cast<std::size_t>(s)] = areas_total - national_total;
        if (areas_total == national_total)
            continue;
        if (national_total == 0) {
            result.error = "sex " + std::to_string(s) +
                           ": the national table has nobody to scale to the areas' " +
                           std::to_string(areas_total) + " persons";
            return result;
        }
        // Hamilton's method (largest remainders): floors of the scaled counts, then one more person
        // to each of the ages with the largest remainders until the total is reached.
        const long double factor =
            static_cast<long double>(areas_total) / static_cast<long double>(national_total);
        std::vector<long double> remainder(static_cast<std::size_t>(shape.ages));
        std::int64_t placed = 0;
        for (int age = 0; age < shape.ages; ++age) {
            const auto k = static_cast<std::size_t>(s * shape.ages + age);
            const long double scaled = static_cast<long double>(national_sex_age[k]) * factor;
            const long double floor = std::floor(scaled);
            result.sex_age[k] = static_cast<std::int64_t>(floor);
            remainder[static_cast<std::size_t>(age)] = scaled - floor;
            placed += result.sex_age[k];
        }
        std::vector<int> order(static_cast<std::size_t>(shape.ages));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int i, int j) {
            return remainder[static_cast<std::size_t>(i)] > remainder[static_cast<std::size_t>(j)];
        });
        for (std::int64_t k = 0; k < areas_total - placed; ++k)
            ++result.sex_age[static_cast<std::size_t>(s * shape.ages + order[static_cast<std::size_t>(k)])];
    }
    return result;
}

IntegerTable integerise_area_sex_age(const AreaSexAgeShape& shape, const std::vector<double>& fitted,
                                     const std::vector<std::int64_t>& area_sex,
                                     const std::vector<std::int64_t>& national_sex_age) {
    IntegerTable result;
    result.error = shape_error(shape, fitted.size(), area_sex.size(), national_sex_age.size());
    if (result.ok() &&
        (!all_non_negative(fitted) || !all_non_negative(area_sex) || !all_non_negative(national_sex_age)))
        result.error = "a fitted cell or a margin is negative or not finite";
    if (!result.ok())
        return result;
    std::vector<std::int64_t> counts(shape.size());
    for (std::size_t k = 0; k < fitted.size(); ++k)
        counts[k] = static_cast<std::int64_t>(std::floor(fitted[k]));

    const int areas = shape.areas;
    const int ages = shape.ages;
    for (int s = 0; s < shape.sexes; ++s) {
        // What each area (row) and each age (column) still lacks after flooring.
        std::vector<std::int64_t> row_need(static_cast<std::size_t>(areas));
        std::vector<std::int64_t> column_need(static_cast<std::size_t>(ages));
        for (int a = 0; a < areas; ++a)
            row_need[static_cast<std::size_t>(a)] = area_sex[static_cast<std::size_t>(a * shape.sexes + s)];
        for (int age = 0; age < ages; ++age)
            column_need[static_cast<std::size_t>(age)] =
                national_sex_age[static_cast<std::size_t>(s * ages + age)];
        for (int a = 0; a < areas; ++a)
            for (int age = 0; age < ages; ++age) {
                row_need[static_cast<std::size_t>(a)] -= counts[shape.index(a, s, age)];
                column_need[static_cast<std::size_t>(age)] -= counts[shape.index(a, s, age)];
            }
        const std::int64_t rows_total = std::accumulate(row_need.begin(), row_need.end(), std::int64_t{0});
        const std::int64_t columns_total =
            std::accumulate(column_need.begin(), column_need.end(), std::int64_t{0});
        if (rows_total != columns_total ||
            std::any_of(row_need.begin(), row_need.end(), [](std::int64_t n) { return n < 0; }) ||
            std::any_of(column_need.begin(), column_need.end(), [](std::int64_t n) { return n < 0; })) {
            result.error = "sex " + std::to_string(s) +
                           ": the fitted table does not match the margins (fit it to these margins first)";
            return result;
        }
        // Candidates: cells with a fractional part; each may get one more person.
        struct Candidate {
            int area;
            int age;
            double remainder;
        };
        std::vector<Candidate> candidates;
        for (int a = 0; a < areas; ++a)
            for (int age = 0; age < ages; ++age) {
                const double value = fitted[shape.index(a, s, age)];
                if (value > std::floor(value))
                    candidates.push_back({a, age, value - std::floor(value)});
            }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Candidate& x, const Candidate& y) { return x.remainder > y.remainder; });
        std::vector<char> raised(shape.size(), 0);
        for (const Candidate& c : candidates)
            if (row_need[static_cast<std::size_t>(c.area)] > 0 &&
                column_need[static_cast<std::size_t>(c.age)] > 0) {
                raised[shape.index(c.area, s, c.age)] = 1;
                --row_need[static_cast<std::size_t>(c.area)];
                --column_need[static_cast<std::size_t>(c.age)];
            }
        // Augmenting paths for what the greedy pass could not place: from an area that lacks a unit,
        // raise a cell of some age; if that age is already full, lower another area's raised cell
        // of that age, and go on from that area, until an age that lacks a unit is reached.
        std::vector<std::vector<int>> ages_of_area(static_cast<std::size_t>(areas));
        std::vector<std::vector<int>> areas_of_age(static_cast<std::size_t>(ages));
        for (const Candidate& c : candidates) {
            ages_of_area[static_cast<std::size_t>(c.area)].push_back(c.age);
            areas_of_age[static_cast<std::size_t>(c.age)].push_back(c.area);
        }
        for (int start = 0; start < areas; ++start)
            while (row_need[static_cast<std::size_t>(start)] > 0) {
                // Breadth-first search over areas; came_from[age] = the area that reached it.
                std::vector<int> came_from(static_cast<std::size_t>(ages), -1);
                std::vector<int> reached_by(static_cast<std::size_t>(areas), -1); // the age that led to it
                std::vector<char> seen(static_cast<std::size_t>(areas), 0);
                std::deque<int> queue{start};
                seen[static_cast<std::size_t>(start)] = 1;
                int end_age = -1;
                while (!queue.empty() && end_age < 0) {
                    const int a = queue.front();
                    queue.pop_front();
                    for (const int age : ages_of_area[static_cast<std::size_t>(a)]) {
                        if (raised[shape.index(a, s, age)] || came_from[static_cast<std::size_t>(age)] >= 0)
                            continue;
                        came_from[static_cast<std::size_t>(age)] = a;
                        if (column_need[static_cast<std::size_t>(age)] > 0) {
                            end_age = age;
                            break;
                        }
                        for (const int other : areas_of_age[static_cast<std::size_t>(age)])
                            if (raised[shape.index(other, s, age)] &&
                                !seen[static_cast<std::size_t>(other)]) {
                                seen[static_cast<std::size_t>(other)] = 1;
                                reached_by[static_cast<std::size_t>(other)] = age;
                                queue.push_back(other);
                            }
                    }
                }
                if (end_age < 0) {
                    result.error = "sex " + std::to_string(s) + ": no rounding keeps both margins (area " +
                                   std::to_string(start) + " lacks a person no cell can take)";
                    return result;
                }
                // Flip along the path back to the start.
                --column_need[static_cast<std::size_t>(end_age)];
                for (int age = end_age;;) {
                    const int a = came_from[static_cast<std::size_t>(age)];
                    raised[shape.index(a, s, age)] = 1;
                    if (a == start)
                        break;
                    age = reached_by[static_cast<std::size_t>(a)];
                    raised[shape.index(a, s, age)] = 0;
                }
                --row_need[static_cast<std::size_t>(start)];
                ++result.augmenting_paths;
            }
        for (std::size_t k = 0; k < raised.size(); ++k)
            counts[k] += raised[k];
    }
    result.counts = std::move(counts);
    return result;
}

} // namespace migsim::stats
