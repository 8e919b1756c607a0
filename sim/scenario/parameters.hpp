#pragma once
// The scenario schema, declared once: every parameter's key, type, range, unit, default and
// description, and where its value goes in the Scenario. Each module declares its own parameters
// in a section beside its code (processes/mortality_settings.cpp, ...); the schema is the list of
// the sections (modules/modules.cpp). Parsing, validation, defaults, the resolved scenario text
// and the parameter reference (docs/parameters.md) are all driven by it; nothing else lists the
// parameters.
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/load.hpp"
#include "scenario/run_size.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

enum class ParameterType {
    integer,
    real,        ///< an integer is accepted too
    month,       ///< "YYYY-MM"
    table,       ///< a CSV file, relative to the scenario file's folder
    group_names, ///< the list of foreign origin groups
    seed,        ///< any 64-bit unsigned integer; from 2^63 on, which TOML cannot hold, a string of digits
    boolean,     ///< true or false
    enumeration, ///< one of the parameter's declared choices, a string
};

enum class ParameterShape {
    scalar,
    per_group,  ///< an inline table with one value per foreign group
    per_origin, ///< the same with native_born first
};

/// What a table loader is given: where the table is, where problems go, and which of the other
/// parameters it depends on were valid (a loader skips a check whose input is already in error,
/// so that one mistake is reported once).
struct TableContext {
    std::string key;  ///< "mortality.rates"
    std::string path; ///< absolute path of the CSV file
    /// The table's text when it is already in memory (tests, fuzzing); otherwise the file is read.
    std::optional<std::string_view> content;
    std::string referenced_from; ///< the scenario file, or "--set"
    int referenced_line = 0;
    const std::map<std::string, ParameterValue>* values = nullptr; ///< every valid non-table parameter
    std::vector<ScenarioProblem>* problems = nullptr;

    bool valid(const std::string& other_key) const { return values->count(other_key) != 0; }
    /// The value of a valid real parameter (0 when it is not valid: the scenario fails anyway).
    double real(const std::string& other_key) const {
        const auto found = values->find(other_key);
        return found == values->end() ? 0.0 : found->second.real;
    }
    void problem(std::string file, int line, std::string problem_key, std::string message) const {
        problems->push_back({std::move(file), line, std::move(problem_key), std::move(message)});
    }
};

inline constexpr double unbounded = std::numeric_limits<double>::infinity();

struct Parameter {
    const char* key; ///< "section.name", or deeper: "sources.census.coverage.rate"
    ParameterType type;
    ParameterShape shape = ParameterShape::scalar;
    double min = -unbounded;
    double max = unbounded;
    bool min_open = false; ///< the range excludes min
    bool max_open = false;
    bool sums_to_one = false; ///< per group: the values are shares summing to 1 (±1e-6)
    /// The value cannot change during a run ([changes.NAME], scenario/timeline_load.hpp): it shapes
    /// something built once, before the run (a table's size, the base population).
    bool fixed_during_run = false;
    const char* unit = "";
    const char* default_value = nullptr; ///< as TOML text; nullptr = required
    /// Instead of a fixed default, the value of an earlier parameter of the same type (the base
    /// population's seed follows run.seed unless given).
    const char* default_from = nullptr;
    /// Neither required nor defaulted: a table the scenario may leave out (the real areas of
    /// [areas]); its loader then never runs.
    bool optional = false;
    const char* description = "";
    /// Stores a checked value in the scenario (not for tables).
    void (*assign)(Scenario&, const ParameterValue&) = nullptr;
    /// Tables: reads, checks and stores the table; runs after every non-table parameter is stored.
    void (*load_table)(const TableContext&, Scenario&) = nullptr;
    const char* table_format = "";             ///< tables: the columns and rules, for the reference
    std::span<const char* const> choices = {}; ///< enumerations: the values allowed, in the reference's order

    /// Whether `value` is finite and within [min, max], each end open or closed as declared.
    bool in_range(double value) const { return within_bounds(value, min, max, min_open, max_open); }
    static bool within_bounds(double value, double min, double max, bool min_open, bool max_open) {
        const bool below = min_open ? value <= min : value < min;
        const bool above = max_open ? value >= max : value > max;
        return std::isfinite(value) && !below && !above;
    }
};

/// The parameters of one module, which sit under one key (the TOML table `[name]`).
struct ParameterSection {
    const char* name; ///< "mortality", or deeper: "sources.census"
    const char* description;
    std::span<const Parameter> parameters; ///< each key starts with name + "."; in the file's order
    /// Puts the module's settings, at their defaults, in the scenario before its parameters are
    /// stored: `declare_settings<MortalitySettings>`.
    void (*declare_settings)(Scenario&) = nullptr;
    /// Checks across the module's parameters and the core ones, once all are stored; `valid(key)`
    /// tells which parameters passed their own checks (scenario/run_size.hpp).
    std::vector<RunSizeProblem> (*check)(const Scenario&,
                                         const std::function<bool(const std::string&)>& valid) = nullptr;
};

template <class Settings>
void declare_settings(Scenario& scenario) {
    scenario.declare<Settings>();
}

/// The core sections, which stay in the scenario library: [run], [population] and [groups].
const ParameterSection& run_parameters();
const ParameterSection& population_parameters();
const ParameterSection& groups_parameters();

/// Every parameter of the schema's sections, in order.
std::vector<Parameter> parameters_of(const Schema& schema);

/// Mistakes in the declaration of a schema (a key outside its section, too deep for the TOML
/// reader, declared twice or inside another, a default that is not a choice...), for tests and
/// for the loader, which refuses to load with a broken schema.
std::vector<std::string> schema_problems(const Schema& schema);

/// A factor applied to every hazard of a table: the same declaration for each process. The table
/// keeps the rates as given; the processes apply the factor.
constexpr Parameter hazard_multiplier(const char* key, const char* description,
                                      void (*assign)(Scenario&, const ParameterValue&)) {
    return Parameter{.key = key,
                     .type = ParameterType::real,
                     .min = 0,
                     .max = 10,
                     .unit = "factor",
                     .default_value = "1.0",
                     .description = description,
                     .assign = assign};
}

/// Helpers of the modules' `assign` functions.
int to_int(std::int64_t value);
std::vector<int> to_ints(const std::vector<double>& values);
/// Shares checked to sum to 1 within share_sum_tolerance, rescaled to sum to 1 exactly.
std::vector<double> normalised(std::vector<double> shares);

/// What one value of the parameter must be: "an integer in 1..1200", "a number in (0, 1]".
std::string element_text(const Parameter& p);
/// The same with the parameter's shape: "one number in [0, 1] per origin (native_born and each group)".
std::string expected_text(const Parameter& p);

/// Shares within this distance of 1 are accepted as summing to 1 (and then rescaled exactly).
inline constexpr double share_sum_tolerance = 1e-6;

} // namespace migsim
