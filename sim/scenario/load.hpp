#pragma once
// Loading a scenario: the TOML file, the `--set` overrides of the command line and every table the
// scenario names, checked against the one declaration of the parameters (scenario/parameters.*).
// A scenario with mistakes is rejected with every problem listed at once; nothing here throws out
// of the library or exits.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.hpp"

namespace migsim {

/// One mistake in a scenario, where it is and what was expected.
struct ScenarioProblem {
    std::string file; ///< the scenario file, a table file, or "--set" for command-line overrides
    int line = 0;     ///< 1-based; 0 = no particular line
    std::string key;  ///< the scenario key ("run.months"), or a table column ("rate_per_1000")
    std::string message;

    /// "file:line: key: message" (the line and the key are left out when unknown).
    std::string to_string() const;
};

struct ScenarioLoad {
    std::optional<Scenario> scenario; ///< present only when there is no problem
    std::vector<ScenarioProblem> problems;

    bool ok() const { return scenario.has_value() && problems.empty(); }
};

struct LoadOptions {
    /// Allows table paths in the scenario file that leave its folder (absolute, or up with ".."),
    /// as in a resolved scenario. Off, a scenario file can only name files in its own folder and
    /// below, so that a scenario from elsewhere cannot make migsim read other files.
    bool allow_outside_tables = false;
    /// The option of the command line that gave an override, by its place in the overrides, when it
    /// is not --set (--threads gives "run.threads=..."): its problems are reported under that name,
    /// as the user typed it.
    std::map<std::size_t, std::string> option_of_override = {};
    /// A key given twice among the overrides is a problem (the command line: which value was meant
    /// is the user's to say); otherwise the last one is taken, as lists of overrides composed by a
    /// program intend.
    bool refuse_repeated_overrides = false;
};

/// Reads, validates and resolves the scenario at `path`. `overrides` are "dotted.key=value" texts
/// (the command line's --set); each value is read as a TOML value, or as a string when it is not
/// one, and replaces the file's value before validation. Table paths in the file are relative to
/// the file's folder and stay inside it (unless options.allow_outside_tables); table paths in
/// overrides are relative to the working directory and may be anywhere. Files larger than the
/// limits of scenario/limits.hpp, and anything but regular files, are refused.
/// `schema` lists the parameter sections the scenario may have (modules/modules.hpp has every
/// module's, and load_scenario() without a schema uses them).
ScenarioLoad load_scenario(const Schema& schema, const std::string& path,
                           const std::vector<std::string>& overrides = {}, const LoadOptions& options = {});

/// The same on the scenario's text, already read; `path` names it in messages and its folder is
/// where its tables are.
ScenarioLoad load_scenario_text(const Schema& schema, std::string_view text, const std::string& path,
                                const std::vector<std::string>& overrides = {},
                                const LoadOptions& options = {});

/// The parameter reference (docs/parameters.md), generated from the declaration of the parameters.
std::string parameter_reference_markdown(const Schema& schema);

} // namespace migsim
