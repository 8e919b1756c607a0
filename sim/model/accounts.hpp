#pragma once
// Demographic accounts: counts by (year, area, sex, age), the shape of every population stock and
// flow that migsim reports. Counts are integers, so totals do not depend on summation order.
#include <cstdint>
#include <numeric>
#include <vector>

#include "core/calendar.hpp"
#include "population/population.hpp"

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

/// Adds, at year index `year`, the persons present on 1 January (month `january`) for whom
/// `counted(block, i)` holds, by area, sex and age; areas are shared out over `threads` threads.
template <class Counted>
void count_present(const Population& population, Month january, int year, AreaSexAgeCounts& counts,
                   int threads, Counted counted) {
    const int areas = population.area_count();
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (int area = 0; area < areas; ++area) {
        const AreaPersons& block = population.persons[static_cast<std::size_t>(area)];
        std::int32_t* slice = counts.slice(year, area);
        for (std::size_t i = 0; i < block.size(); ++i)
            slice[block.sex[i] * n_ages + age_in_years(january, block.birth[i])] += counted(block, i) ? 1 : 0;
    }
}

/// The events the truth records, each by the year it happened in, the area, sex and age at the
/// event. Births are counted by the sex of the child and the age of the mother.
enum class Flow : int { births, deaths, immigration, returns, emigration, internal_in, internal_out };
inline constexpr int n_flows = 7;
inline constexpr const char* flow_names[n_flows] = {"births",     "deaths",      "immigration", "returns",
                                                    "emigration", "internal_in", "internal_out"};

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
};

/// What the truth records over a run.
struct TruthAccounts {
    AreaSexAgeCounts population;         ///< persons present on 1 January
    std::vector<AreaSexAgeCounts> flows; ///< indexed by Flow
    /// Person-months at risk: the persons present at the start of each month, one month each, by
    /// the year of the month and their area, sex and age at its start. This is the population to
    /// which the month's probabilities apply (persons who die, emigrate or move in the month count
    /// the whole month; arrivals and newborns count from the next month), so events / (person-months
    /// at risk / 12) are the model's annual rates. Person-years lived (half a month for a month of
    /// birth, arrival, death or departure) follow from it and the flows: person_years_lived().
    AreaSexAgeArray<std::int64_t> at_risk_months;

    TruthAccounts() = default;
    TruthAccounts(const ReportingYears& calendar, int areas);
    AreaSexAgeCounts& flow(Flow f) { return flows[static_cast<int>(f)]; }
    const AreaSexAgeCounts& flow(Flow f) const { return flows[static_cast<int>(f)]; }

    /// Person-years lived in the country by year, area, sex and age: a full month for a month
    /// spent in the country, half a month for the month of a birth, an arrival (first or return),
    /// a death or an emigration, and for a move half a month in each of the two areas (events
    /// happen, on average, in the middle of their month). From the months at risk and the flows:
    /// (2 x at risk - deaths - emigration - internal_out + internal_in + immigration + returns +
    /// newborns at age 0) / 24, the newborns by their own sex (the births flow summed over the
    /// mother's age).
    std::vector<double> person_years_lived() const;
};

} // namespace migsim
