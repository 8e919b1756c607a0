#pragma once
// The Lee-Carter model's tables: reading deaths and person-years by year, sex and single year of
// age (the layout of scenarios/data/dk_mortality_1974_2012.csv), and writing the fitted parameters
// and projected rates as CSV, so that they can be committed next to the data they come from.
#include <array>
#include <string>
#include <vector>

#include "calibration/lee_carter.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

struct DeathsAndExposureBySex {
    std::array<DeathsAndExposure, n_sexes> by_sex; ///< male, female
    /// "file:line: column: what is wrong", one per problem; empty when the table was read.
    std::vector<std::string> problems;
    bool ok() const { return problems.empty(); }
};

/// Reads a CSV with columns year, sex, age, deaths, person_years, rate_per_1000 (`#` lines are
/// comments): every (year, sex, age) once, years an unbroken run, ages 0..open_age with the last an
/// open age group, person-years positive. rate_per_1000 is not used: the rates are recomputed from
/// the counts.
DeathsAndExposureBySex read_deaths_and_exposure(const std::string& path, int open_age);

using LeeCarterFitBySex = std::array<LeeCarterFit, n_sexes>;

/// `sex,age,a,b`: the age parameters, one row per sex and age.
std::string lee_carter_age_parameters_csv(const LeeCarterFitBySex& fits);
/// `sex,year,k,drift,drift_se,innovation_sd`: the second-stage k by year; the random walk's
/// parameters are the same on every row of a sex, so that the file is one plain table.
std::string lee_carter_index_csv(const LeeCarterFitBySex& fits);
/// `year,sex,age,rate,rate_low,rate_high`: death rates per person-year of every year from
/// `first_year` to `last_year`, the central path and the paths with k at -/+ 1.96 of its standard
/// error (equal to the central one within the years fitted).
std::string projected_rates_csv(const LeeCarterFitBySex& fits, int first_year, int last_year);

/// Writes `text` to `path` through `path`.partial, renamed when complete, so that a failure never
/// leaves a half-written file under the name. Returns "" or what went wrong.
std::string write_text_file(const std::string& path, const std::string& text);

} // namespace migsim
