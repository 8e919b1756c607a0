#pragma once
// A scenario, fully resolved: every parameter validated and every table it names loaded and
// checked. The engine only ever sees this structure; the TOML text, the schema and the error
// reporting live in scenario/parameters.* and scenario/load.*.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.hpp"

namespace migsim {

/// Status categories of the emigration hazard table: native-born, then foreign-born by completed
/// years since the latest arrival 0, 1, 2, 3, 4, 5 and over.
inline constexpr int n_emigration_statuses = 7;
inline constexpr std::array<const char*, n_emigration_statuses> emigration_status_names = {
    "native_born", "arrived_0y", "arrived_1y", "arrived_2y", "arrived_3y", "arrived_4y", "arrived_5y_plus"};

/// Birthplace categories of the return hazard table.
inline constexpr int n_birthplaces = 2;
inline constexpr std::array<const char*, n_birthplaces> birthplace_names = {"native_born", "foreign_born"};

inline constexpr std::array<const char*, n_sexes> sex_names = {"male", "female"};

/// An annual table by sex and single year of age 0..100 (100 = 100 and over).
using SexAgeTable = std::array<std::array<double, n_ages>, n_sexes>;
/// An annual table by age 0..100 alone.
using AgeTable = std::array<double, n_ages>;

struct RunSettings {
    Month start = month_of(2013, 1);
    int months = 120;
    std::uint64_t seed = 1;
    int threads = 0; ///< 0 = every core the machine has

    bool operator==(const RunSettings&) const = default;
};

/// How the base population and its small areas are built (calibration/base_population.*).
struct PopulationSettings {
    /// Persons on 1 January of the start year by sex and age (100 = 100+), as read from the
    /// national table, before scaling.
    std::array<std::array<std::int64_t, n_ages>, n_sexes> national{};
    /// The national table's last age, which holds everybody of that age and over (99 for Denmark).
    int national_open_age = oldest_age;
    double scale = 1.0; ///< fraction of the national population that is simulated, (0, 1]
    int areas = 100;
    std::uint64_t area_seed = 1;
    double area_size_dispersion = 0.9; ///< standard deviation of log area size
    double urban_age_tilt = 0.6;       ///< how much younger urban areas are than rural ones
    double urban_migrant_tilt = 0.8;   ///< how much more foreign-born urban areas have
    /// Share of persons of each age who are foreign-born, and who are native-born children of a
    /// foreign-born mother (second generation).
    AgeTable foreign_born_share{};
    AgeTable second_generation_share{};
    /// Growth of immigration before the start, per year: arrivals d years before the start were
    /// exp(-this x d) of today's (calibration/arrival_history.hpp); 0 = constant past inflows.
    double past_immigration_growth = 0.0;

    bool operator==(const PopulationSettings&) const = default;
};

/// Origin groups of foreign-born persons; they are also the partner regions emigrants go to.
/// Index 0 of every `by_origin` array is the native-born, 1..groups the foreign groups.
struct Groups {
    std::vector<std::string> names;            ///< foreign groups only
    std::vector<double> base_population_share; ///< composition of the foreign-born base population
    int count() const { return static_cast<int>(names.size()); }

    bool operator==(const Groups&) const = default;
};

// Hazard tables hold the rates as given; each process multiplies them by its multiplier when it
// builds its monthly probabilities. The base population's arrival history uses the tables as given
// (calibration/arrival_history.hpp): a multiplier changes the simulated period, not the past.

struct MortalitySettings {
    SexAgeTable hazard{};    ///< deaths per person-year, as given by the table
    double multiplier = 1.0; ///< mortality.multiplier, applied by the processes

    bool operator==(const MortalitySettings&) const = default;
};

struct FertilitySettings {
    AgeTable rate{};                 ///< births per woman-year by age of mother (zero outside 10..60)
    double proportion_male = 0.5134; ///< share of boys among births

    bool operator==(const FertilitySettings&) const = default;
};

struct ImmigrationSettings {
    std::vector<double> arrivals_per_year; ///< first arrivals by foreign group, before scaling
    /// Age-sex profile of arrivals by foreign group: shares summing to 1 over sex and age.
    std::vector<SexAgeTable> age_profile;
    double urban_attraction = 1.5; ///< arrivals settle in areas in proportion to size x (1 + this x urbanity)

    bool operator==(const ImmigrationSettings&) const = default;
};

struct EmigrationSettings {
    /// Hazards per person-year by status (see emigration_status_names) and age, as given.
    std::array<AgeTable, n_emigration_statuses> hazard{};
    double multiplier = 1.0; ///< emigration.multiplier, applied by the processes
    /// Destinations (partner regions = foreign groups) of native-born emigrants.
    std::vector<double> destination_shares;
    /// Share of foreign-born emigrants who go back to their own origin group's region; the rest
    /// choose as the native-born do.
    double return_to_origin_share = 0.8;

    bool operator==(const EmigrationSettings&) const = default;
};

struct ReturnSettings {
    /// Hazard of returning per person-year abroad, by birthplace and completed years abroad
    /// 0..max_years_abroad-1, as given.
    std::array<std::vector<double>, n_birthplaces> hazard;
    double multiplier = 1.0; ///< returns.multiplier, applied by the processes
    /// Pruning rule of the abroad pool: a person abroad this long is no longer followed.
    int max_years_abroad = 10;

    bool operator==(const ReturnSettings&) const = default;
};

struct InternalMigrationSettings {
    SexAgeTable hazard{};             ///< moves between small areas per person-year, as given
    double multiplier = 1.0;          ///< internal_migration.multiplier, applied by the processes
    double distance_decay_km = 60.0;  ///< gravity: attraction falls as exp(-distance / this)
    double population_exponent = 1.0; ///< gravity: attraction grows as population^this

    bool operator==(const InternalMigrationSettings&) const = default;
};

struct RegisterSettings {
    std::vector<double> arrival_compliance;         ///< by origin (0 = native-born returnees)
    std::vector<int> arrival_lag_months;            ///< by origin
    std::vector<double> deregistration_probability; ///< emigrants reported as leaving, by origin
    std::vector<int> deregistration_lag_months;     ///< by origin
    int birth_lag_months = 0;
    int death_lag_months = 0;

    bool operator==(const RegisterSettings&) const = default;
};

/// A table file the scenario names.
struct TableFile {
    std::string key;  ///< the parameter, e.g. "mortality.rates"
    std::string path; ///< absolute

    bool operator==(const TableFile&) const = default;
};

struct Scenario {
    std::string path;              ///< the scenario file as given
    std::string resolved_text;     ///< the fully resolved scenario as TOML (every default filled in)
    std::vector<TableFile> tables; ///< the files it read, besides the scenario file itself
    RunSettings run;
    PopulationSettings population;
    Groups groups;
    MortalitySettings mortality;
    FertilitySettings fertility;
    ImmigrationSettings immigration;
    EmigrationSettings emigration;
    ReturnSettings returns;
    InternalMigrationSettings internal_migration;
    RegisterSettings register_;

    int origins() const { return groups.count() + 1; }

    bool operator==(const Scenario&) const = default;
};

} // namespace migsim
