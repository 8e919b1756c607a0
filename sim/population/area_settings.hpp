#pragma once
// The settings of real small areas: the section [areas] of the scenario. A scenario that names an
// area table and a population table runs on those areas (their codes, names, regions, points and
// populations by sex on 1 January of the start year); one that names none, or sets
// areas.synthetic, runs on the synthetic areas of [population] (areas, area_seed, area_size_dispersion). How
// the base population gets its ages from these tables: calibration/README.md and docs/model.md ("Small areas
// by sex and age").
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

/// An area of the area table, with its persons by sex from the population table.
struct RealArea {
    std::string code; ///< the area's label in every output ("101": Statistics Denmark's code)
    std::string name;
    std::string region;
    double longitude = 0.0;                      ///< degrees east, WGS84
    double latitude = 0.0;                       ///< degrees north, WGS84
    std::array<std::int64_t, n_sexes> persons{}; ///< on 1 January of the start year: males, females
    int line = 0;                                ///< its line in the area table, for messages

    bool operator==(const RealArea&) const = default;
};

struct AreaSettings {
    /// In the order of the area table; empty: the synthetic areas.
    std::vector<RealArea> areas;
    std::string table_path; ///< the area table, for messages
    /// Persons by area, sex and single year of age when the population table has ages: index
    /// (area x n_sexes + sex) x (open_age + 1) + age; empty for a table of totals by sex.
    std::vector<std::int64_t> persons_by_sex_age;
    int open_age = -1; ///< the population table's last age (everybody of it and over), -1: totals
    /// The areas' totals by sex may differ from the national table by at most this share.
    double national_tolerance = 0.001;
    /// areas.synthetic: the synthetic areas although the scenario names area tables (then unread).
    bool synthetic = false;

    bool operator==(const AreaSettings&) const = default;
};

/// Whether `scenario` runs on real areas from tables.
inline bool has_real_areas(const Scenario& scenario) {
    return scenario.has<AreaSettings>() && !scenario.settings<AreaSettings>().areas.empty();
}

/// The parameters of [areas] (in the list of modules/modules.cpp).
const ParameterSection& areas_parameters();

} // namespace migsim
