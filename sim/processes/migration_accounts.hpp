#pragma once
// The accounts of the truth under each official definition of usual residence and migration
// (processes/migration_definitions.hpp): stocks on 1 January, flows by calendar year, crossings by
// the length of the stay they start, circular migrants, and which figures are provisional. Counts
// are integers, so totals do not depend on the order of summation.
#include <array>
#include <cstdint>
#include <vector>

#include "core/calendar.hpp"
#include "core/counts.hpp"

namespace migsim {

/// The definitions of the population (docs/model.md, "Migration under each official definition").
enum class Definition : std::uint8_t { present, usual_residence_12m, usual_residence_6m };
inline constexpr int n_definitions = 3;
inline constexpr std::array<const char*, n_definitions> definition_names = {"present", "usual_residence_12m",
                                                                            "usual_residence_6m"};
/// The terms of each definition's population balance, in the order of the output's component labels.
inline constexpr std::array<const char*, 6> balance_component_names = {
    "population_start", "births", "deaths", "immigration", "emigration", "population_end"};
inline constexpr std::array<const char*, 2> direction_names = {"in", "out"};
inline constexpr std::array<const char*, 4> duration_names = {"under_3_months", "short_term", "long_term",
                                                              "ongoing"};
enum class CircularKind : std::uint8_t { circular, short_term_circular };
inline constexpr std::array<const char*, 2> circular_kind_names = {"circular", "short_term_circular"};

constexpr int index_of(Definition d) {
    return static_cast<int>(d);
}

struct MigrationAccounts {
    int population_years = 0; ///< the 1 Januaries of the run (ReportingYears)
    int flow_years = 0;       ///< the calendar years with a simulated month
    int origins = 0;          ///< country of birth: native-born, then the G groups
    int partners = 0;         ///< partner regions: the G groups
    int areas = 0;

    /// Persons on 1 January by (year, definition, country of birth, area, sex, age).
    std::vector<std::int32_t> population;
    /// Persons who become (immigration) or stop being (emigration) residents, by (year, definition,
    /// partner, area, sex, age).
    std::vector<std::int32_t> immigration, emigration;
    /// Births and deaths of each definition's population, by (year, definition).
    std::vector<std::int64_t> births, deaths;
    /// Crossings by (year, direction, duration, partner, sex, age).
    std::vector<std::int32_t> crossings;
    /// Circular migrants on 1 January by (year, kind, country of birth, area, sex, age).
    std::vector<std::int32_t> circular;
    /// 1 where a figure depends on a stay still going on at the end of the run: stocks by (year,
    /// definition), flows by (year, definition), circular migrants by (year, kind).
    std::vector<std::int32_t> population_provisional, flows_provisional, circular_provisional;

    MigrationAccounts() = default;
    MigrationAccounts(const ReportingYears& calendar, int groups, int n_areas)
        : population_years(calendar.population_years), flow_years(calendar.flow_years), origins(groups + 1),
          partners(groups), areas(n_areas),
          population(cells(population_years) * n_definitions * static_cast<std::size_t>(origins)),
          immigration(cells(flow_years) * n_definitions * static_cast<std::size_t>(partners)),
          emigration(immigration.size()), births(static_cast<std::size_t>(flow_years) * n_definitions),
          deaths(births.size()), crossings(static_cast<std::size_t>(flow_years) * 2 * 4 *
                                           static_cast<std::size_t>(partners) * n_sexes * n_ages),
          circular(cells(population_years) * 2 * static_cast<std::size_t>(origins)),
          population_provisional(static_cast<std::size_t>(population_years) * n_definitions),
          flows_provisional(static_cast<std::size_t>(flow_years) * n_definitions),
          circular_provisional(static_cast<std::size_t>(population_years) * 2) {}

    /// Cells of (area, sex, age) over `years` years.
    std::size_t cells(int years) const {
        return static_cast<std::size_t>(years) * static_cast<std::size_t>(areas) * n_sexes * n_ages;
    }
    /// (year, definition or kind, origin or partner, area, sex, age), row-major; `middle` is the
    /// number of origins or partners.
    std::size_t cell(int year, int first, int firsts, int middle, int middles, int area, int sex,
                     int age) const {
        return ((((static_cast<std::size_t>(year) * static_cast<std::size_t>(firsts) +
                   static_cast<std::size_t>(first)) *
                      static_cast<std::size_t>(middles) +
                  static_cast<std::size_t>(middle)) *
                     static_cast<std::size_t>(areas) +
                 static_cast<std::size_t>(area)) *
                    n_sexes +
                static_cast<std::size_t>(sex)) *
                   n_ages +
               static_cast<std::size_t>(age);
    }
    std::size_t stock(int year, Definition d, int origin, int area, int sex, int age) const {
        return cell(year, index_of(d), n_definitions, origin, origins, area, sex, age);
    }
    std::size_t flow(int year, Definition d, int partner, int area, int sex, int age) const {
        return cell(year, index_of(d), n_definitions, partner, partners, area, sex, age);
    }
    std::size_t circular_cell(int year, CircularKind kind, int origin, int area, int sex, int age) const {
        return cell(year, static_cast<int>(kind), 2, origin, origins, area, sex, age);
    }
    std::size_t crossing(int year, int direction, int duration, int partner, int sex, int age) const {
        return (((static_cast<std::size_t>(year) * 2 + static_cast<std::size_t>(direction)) * 4 +
                 static_cast<std::size_t>(duration)) *
                    static_cast<std::size_t>(partners) +
                static_cast<std::size_t>(partner)) *
                   n_sexes * n_ages +
               static_cast<std::size_t>(sex) * n_ages + static_cast<std::size_t>(age);
    }
    std::size_t by_definition(int year, Definition d) const {
        return static_cast<std::size_t>(year) * n_definitions + static_cast<std::size_t>(index_of(d));
    }

    /// Persons on 1 January of population year `year` under definition `d`.
    std::int64_t population_total(int year, Definition d) const;
    /// Immigration (or emigration: `values`) of flow year `year` under definition `d`.
    std::int64_t flow_total(const std::vector<std::int32_t>& values, int year, Definition d) const;

    std::size_t bytes() const;
};

} // namespace migsim
