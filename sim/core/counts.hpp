#pragma once
// Counts by (year, area, sex, age), the shape of every population stock and flow that migsim
// reports, for the truth, the sources and the estimates alike. Counts are integers, so totals do
// not depend on summation order.
#include <cstdint>
#include <numeric>
#include <vector>

#include "core/calendar.hpp"

namespace migsim {

/// Values by year, area, sex and age 0..100 (100 = 100 and over), row-major in that order.
template <class T>
struct AreaSexAgeArray {
    int years = 0;
    int areas = 0;
    std::vector<T> values;

    AreaSexAgeArray() = default;
    AreaSexAgeArray(int n_years, int n_areas)
        : years(n_years), areas(n_areas),
          values(static_cast<std::size_t>(n_years) * n_areas * n_sexes * n_ages, 0) {}

    std::size_t index(int year, int area, int sex, int age) const {
        return ((static_cast<std::size_t>(year) * areas + area) * n_sexes + sex) * n_ages + age;
    }
    T& at(int year, int area, int sex, int age) { return values[index(year, area, sex, age)]; }
    T at(int year, int area, int sex, int age) const { return values[index(year, area, sex, age)]; }
    /// The slice of one year and area: n_sexes * n_ages values.
    T* slice(int year, int area) { return &values[index(year, area, 0, 0)]; }
    const T* slice(int year, int area) const { return &values[index(year, area, 0, 0)]; }

    std::int64_t total(int year, int area) const {
        const T* first = slice(year, area);
        return std::accumulate(first, first + n_sexes * n_ages, std::int64_t{0});
    }
    std::int64_t total(int year) const {
        std::int64_t sum = 0;
        for (int area = 0; area < areas; ++area)
            sum += total(year, area);
        return sum;
    }
    std::int64_t total() const { return std::accumulate(values.begin(), values.end(), std::int64_t{0}); }
};

/// Persons (stocks and flows) by year, area, sex and age.
using AreaSexAgeCounts = AreaSexAgeArray<std::int32_t>;

/// The reporting calendar of a run: the Januaries whose population is reported (the start, if a
/// January, to the end inclusive) and the calendar years whose flows are reported.
struct ReportingYears {
    Month start = 0;
    int months = 0;
    int first_year = 0;       ///< calendar year of the start month
    int population_years = 0; ///< 1 January of first_year .. first_year + population_years - 1
    int flow_years = 0;       ///< calendar years first_year .. first_year + flow_years - 1

    ReportingYears() = default;
    ReportingYears(Month start_month, int run_months);
    int flow_year_index(Month m) const { return year_of(m) - first_year; }
    int population_year_index(Month m) const { return year_of(m) - first_year; }
    /// The months of calendar year `year` the run simulates: 12 for a full year, fewer in a year it
    /// starts after January or ends before December, 0 outside the run (README, "Time conventions").
    int simulated_months(int year) const;
};

} // namespace migsim
