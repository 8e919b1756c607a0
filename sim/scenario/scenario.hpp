#pragma once
// A scenario, fully resolved: every parameter validated and every table it names loaded and
// checked. The engine only ever sees this structure; the TOML text, the schema and the error
// reporting live in scenario/parameters.* and scenario/load.*. The core settings (the run, the base
// population, the origin groups) are fields; each module's settings are its own type, declared
// with its parameters in the module's folder and kept in a store keyed by that type.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "scenario/settings_store.hpp"
#include "scenario/timeline.hpp"

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
    std::uint64_t seed = 1;            ///< of the base population's draws (run.seed unless given)
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

/// A table file the scenario names.
struct TableFile {
    std::string key;  ///< the parameter, e.g. "mortality.rates"
    std::string path; ///< absolute

    bool operator==(const TableFile&) const = default;
};

struct ParameterSection;
/// The modules' parameter sections a scenario was loaded with, in the order of the scenario file
/// (scenario/parameters.hpp; modules/modules.hpp has every module's).
using Schema = std::vector<const ParameterSection*>;

/// What a scenario was loaded from, so that a variant of it can be loaded the same way
/// (scenario/parameter_vector.hpp).
struct ScenarioSource {
    std::string text;                   ///< the scenario file's text as read
    std::vector<std::string> overrides; ///< the --set texts, in order
    bool allow_outside_tables = false;
    Schema schema;

    bool operator==(const ScenarioSource&) const = default;
};

struct Scenario {
    std::string path;              ///< the scenario file as given
    std::string resolved_text;     ///< the fully resolved scenario as TOML (every default filled in)
    std::vector<TableFile> tables; ///< the files it read, besides the scenario file itself
    ScenarioSource source;
    RunSettings run;
    PopulationSettings population;
    Groups groups;
    /// Parameters that change during the run: their values from the months they change
    /// (scenario/timeline.hpp). The settings above hold the values at the start.
    Timeline timeline;

    /// A module's settings, e.g. `scenario.settings<MortalitySettings>()`; throws std::logic_error
    /// when the module was not in the schema the scenario was loaded with.
    template <class Settings>
    const Settings& settings() const {
        return modules_.get<Settings>();
    }
    template <class Settings>
    Settings& settings() {
        return modules_.get<Settings>();
    }
    /// Adds a module's settings (at their defaults unless given): the loader does this for every
    /// module of the schema, a test for the modules it builds by hand.
    template <class Settings>
    Settings& declare(Settings value = {}) {
        return modules_.declare(std::move(value));
    }
    template <class Settings>
    bool has() const {
        return modules_.has<Settings>();
    }

    int origins() const { return groups.count() + 1; }

    bool operator==(const Scenario&) const = default;

private:
    SettingsStore modules_;
};

} // namespace migsim
