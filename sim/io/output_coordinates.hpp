#pragma once
// The coordinates and value layouts the contributors' groups share, built in one place so that
// every group labels years, areas, sexes and ages alike: number sequences, the labels of a fixed
// list of names, the areas of a run, the (year, area, sex, age) cells of stocks and flows, and rate
// tables flattened in row-major order. Header-only: a module contributes without linking the HDF5
// layer.
#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "core/calendar.hpp"
#include "core/counts.hpp"
#include "io/output_contents.hpp"
#include "population/population.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

/// first, first + 1, ..., count numbers (years, ages, completed years abroad).
inline std::vector<std::int32_t> sequence(int first, int count) {
    std::vector<std::int32_t> values(static_cast<std::size_t>(count));
    for (int k = 0; k < count; ++k)
        values[static_cast<std::size_t>(k)] = first + k;
    return values;
}

/// The labels of a fixed list of names (sex_names, emigration_status_names...).
inline std::vector<std::string> labels(const auto& names) {
    return std::vector<std::string>(std::begin(names), std::end(names));
}

inline std::vector<std::string> area_labels(const std::vector<SmallArea>& areas) {
    std::vector<std::string> out;
    out.reserve(areas.size());
    for (const SmallArea& area : areas)
        out.push_back(area.label);
    return out;
}

/// The region of every synthetic area (output_schemas/dimensions.toml, area_region): a synthetic
/// layout has no regions, and one placeholder keeps groupby("area_region") meaningful (one group).
inline constexpr const char* synthetic_region = "synthetic";

/// The areas as a coordinate: their codes, with each area's name and region beside them. A synthetic
/// area's name is its code and its region synthetic_region.
inline Coordinate area_coordinate(const std::vector<SmallArea>& areas) {
    AuxiliaryLabels names{"area_name", {}};
    AuxiliaryLabels regions{"area_region", {}};
    for (const SmallArea& area : areas) {
        names.values.push_back(area.name.empty() ? area.label : area.name);
        regions.values.push_back(area.region.empty() ? synthetic_region : area.region);
    }
    return {"area", area_labels(areas), {std::move(names), std::move(regions)}};
}

inline Coordinate sex_coordinate() {
    return {"sex", labels(sex_names)};
}
inline Coordinate age_coordinate() {
    return {"age", sequence(0, n_ages)};
}

/// The (year, area, sex, age) coordinates of a group of stocks over `years` 1 Januaries.
inline std::vector<Coordinate> year_area_sex_age(int first_year, int years,
                                                 const std::vector<SmallArea>& areas) {
    return {
        {"year", sequence(first_year, years)}, area_coordinate(areas), sex_coordinate(), age_coordinate()};
}

/// The years `first_year` .. `first_year + years - 1` of a group of flows (events of each calendar
/// year), with the months the run simulates in each beside them (output_schemas/dimensions.toml,
/// months): 12, or fewer in a year the run starts or ends during.
inline Coordinate flow_year_coordinate(const ReportingYears& calendar, int years) {
    AuxiliaryLabels months{"months", {}, {}};
    for (int k = 0; k < years; ++k)
        months.numbers.push_back(calendar.simulated_months(calendar.first_year + k));
    return {"year", sequence(calendar.first_year, years), {std::move(months)}};
}

/// The (year, area, sex, age) coordinates of a group of flows: every calendar year of the run.
inline std::vector<Coordinate> flow_year_area_sex_age(const ReportingYears& calendar,
                                                      const std::vector<SmallArea>& areas) {
    return {flow_year_coordinate(calendar, calendar.flow_years), area_coordinate(areas), sex_coordinate(),
            age_coordinate()};
}

/// Counts by (year, area, sex, age) as a dataset of such a group.
inline OutputArray cell_counts(std::string name, const AreaSexAgeCounts& values) {
    return {std::move(name), {"year", "area", "sex", "age"}, values.values};
}

/// A table of rows (by sex, by status...) in row-major order.
inline std::vector<double> flattened(const auto& table) {
    std::vector<double> out;
    for (const auto& row : table)
        out.insert(out.end(), std::begin(row), std::end(row));
    return out;
}

/// A table as the run used it: times its multiplier.
inline std::vector<double> scaled(std::vector<double> values, double multiplier) {
    for (double& v : values)
        v *= multiplier;
    return values;
}

template <class T>
std::vector<double> as_doubles(const std::vector<T>& values) {
    return std::vector<double>(values.begin(), values.end());
}

} // namespace migsim
