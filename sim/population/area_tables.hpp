#pragma once
// Reading the tables of real small areas: the list of areas (a code, a name, a region and a point
// in WGS84 decimal degrees) and their population by sex, or by sex and single year of age. Every
// problem of a table is collected and reported at once, each with file, line and column, in the
// form the scenario loader uses (ScenarioProblem): unknown and duplicate codes, areas missing from
// one of the tables, counts that are negative or not whole numbers, points outside the globe or
// outside a stated bounding box, and totals by sex that disagree with a national table. Errors are
// returned as values; nothing here throws or exits.
//
// Formats (a header line of column names in any order, then one row per record; `#` lines and
// blank lines are skipped; cells may be quoted):
//   areas:             code, name, region, longitude, latitude (further columns, such as name_en,
//                      are allowed and ignored)
//   totals by sex:     code, year, males, females (every year may be present; one is chosen)
//   by sex and age:    code, year, sex, age, persons (sex "male" or "female", ages first..open
//                      age, the same for every area and sex; the last age holds everybody of it
//                      and over)
// Codes are texts (Statistics Denmark's "101"), compared exactly after trimming blanks.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "scenario/load.hpp"

namespace migsim {

struct ListedArea {
    std::string code;
    std::string name;
    std::string region;
    double longitude = 0.0; ///< degrees east, WGS84
    double latitude = 0.0;  ///< degrees north, WGS84
    int line = 0;           ///< its line in the area table, for messages
};

struct AreaList {
    std::string path;
    std::vector<ListedArea> areas; ///< in the order of the file

    /// The position of the area with `code`, nothing when there is none.
    std::optional<std::size_t> find(std::string_view code) const;
};

/// A plausibility check of the points beyond the globe's range (longitude -180..180, latitude
/// -90..90, always checked): the box the areas of one country must lie in.
struct CoordinateBox {
    double west = -180.0;
    double east = 180.0;
    double south = -90.0;
    double north = 90.0;
    std::string name = ""; ///< for messages: "Denmark"
};

struct AreaListRead {
    std::optional<AreaList> list; ///< present only when there is no problem
    std::vector<ScenarioProblem> problems;
    bool ok() const { return list.has_value() && problems.empty(); }
};

AreaListRead read_area_list(const std::string& path, const CoordinateBox& box = {});
/// The same on the table's text; `path` names it in messages.
AreaListRead parse_area_list(std::string_view content, const std::string& path,
                             const CoordinateBox& box = {});

/// A national table by sex to check the areas' totals against: sum over areas of each sex within
/// relative_tolerance x the national figure (0 = exactly equal).
struct NationalTotals {
    std::array<std::int64_t, n_sexes> persons{}; ///< 0 = male, 1 = female
    double relative_tolerance = 0.0;
    std::string source; ///< for messages: "dk_population_jan1_2013.csv"
};

struct AreaPopulation {
    int year = 0;
    /// Persons of each area (in the order of the area list) and sex.
    std::vector<std::array<std::int64_t, n_sexes>> by_sex;
    /// By single year of age when the table had ages: index (area x n_sexes + sex) x ages + age,
    /// ages 0..open_age; empty for a table of totals.
    std::vector<std::int64_t> by_sex_age;
    int open_age = -1; ///< the last age (everybody of it and over); -1 for a table of totals
    int ages() const { return open_age + 1; }
};

struct AreaPopulationRead {
    std::optional<AreaPopulation> population; ///< present only when there is no problem
    std::vector<ScenarioProblem> problems;
    bool ok() const { return population.has_value() && problems.empty(); }
};

/// Persons by area and sex (code, year, males, females) on 1 January of `year`; rows of other
/// years are checked but not kept. Every area of `areas` must have exactly one row of that year,
/// and every code must be one of `areas`.
AreaPopulationRead read_area_totals(const std::string& path, const AreaList& areas, int year,
                                    const std::optional<NationalTotals>& national = std::nullopt);
AreaPopulationRead parse_area_totals(std::string_view content, const std::string& path, const AreaList& areas,
                                     int year, const std::optional<NationalTotals>& national = std::nullopt);

/// Persons by area, sex and single year of age (code, year, sex, age, persons) of `year`: every area,
/// sex and age 0..L exactly once, L the same for all (the open age).
AreaPopulationRead read_area_population_by_age(const std::string& path, const AreaList& areas, int year,
                                               const std::optional<NationalTotals>& national = std::nullopt);
AreaPopulationRead parse_area_population_by_age(std::string_view content, const std::string& path,
                                                const AreaList& areas, int year,
                                                const std::optional<NationalTotals>& national = std::nullopt);

/// Either of the two forms above, told apart by the header: a column `age` makes it a table by sex
/// and age, otherwise one of totals.
AreaPopulationRead read_area_population(const std::string& path, const AreaList& areas, int year,
                                        const std::optional<NationalTotals>& national = std::nullopt);
AreaPopulationRead parse_area_population(std::string_view content, const std::string& path,
                                         const AreaList& areas, int year,
                                         const std::optional<NationalTotals>& national = std::nullopt);

/// Adds the area `from` to the area `into` (both codes of `areas`): its persons are added to
/// those of `into`, which keeps its name, region and point, and `from` leaves the list. Used for
/// units too small to model alone (Christiansø, code 411, into Bornholm, 400). Returns a problem in
/// words when a code is unknown or both are the same, and then changes nothing.
std::optional<std::string> merge_area(AreaList& areas, AreaPopulation& population, std::string_view from,
                                      std::string_view into);

} // namespace migsim
