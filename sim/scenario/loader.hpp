#pragma once
// The scenario loader's internals, shared by load.cpp (the file, the overrides, the structure and
// the order of the work) and convert.cpp (each parameter's value, and the resolved text). Not for
// use outside sim/scenario: the interface is scenario/load.hpp.
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "scenario/load.hpp"
#include "scenario/parameters.hpp"
#include "scenario/timeline_load.hpp"

namespace migsim::loading {

/// Where problems of command-line overrides are reported.
inline constexpr const char* override_source = "--set";

/// "a table", "an integer"...: what a TOML node is, for messages.
std::string node_kind(const toml::node& node);

/// A TOML integer is signed 64-bit: a seed from 2^63 on is written as a string of digits.
std::optional<std::uint64_t> parse_seed_text(const std::string& text);

/// Loads one scenario, collecting every problem rather than stopping at the first.
class ScenarioLoader {
public:
    ScenarioLoader(const Schema& schema, const std::string& path, const std::vector<std::string>& overrides,
                   const LoadOptions& options)
        : schema_(schema), path_(path), overrides_(overrides), options_(options) {
        std::error_code error;
        const auto absolute = std::filesystem::absolute(path, error);
        folder_ = (error ? std::filesystem::path(path) : absolute).parent_path();
        for (const ParameterSection* section : schema_)
            for (const Parameter& p : section->parameters)
                parameters_.push_back(&p);
    }

    ScenarioLoad load();
    ScenarioLoad load_text(std::string_view text);

private:
    const Parameter* find_parameter(std::string_view key) const;
    /// The names one level below `prefix` ("" = the top) that the schema declares: "run", "months".
    std::vector<std::string> names_below(const std::string& prefix) const;
    void check_table(const toml::table& table, const std::string& prefix);
    void problem(const std::string& key, const toml::node* node, std::string message);
    void problem_at_line(std::string file, int line, std::string key, std::string message) {
        problems_.push_back({std::move(file), line, std::move(key), std::move(message)});
    }
    bool overridden(const std::string& key) const;
    /// The option of the command line that set `key`: "--set", or a dedicated one ("--threads").
    std::string option_of(const std::string& key) const {
        const auto found = set_by_.find(key);
        return found == set_by_.end() ? override_source : found->second;
    }
    /// A scenario that names `base = "FILE"` starts from that scenario of its own folder: its
    /// sections' keys and its changes replace the base's one by one (base.cpp).
    void apply_base();
    void merge_into(toml::table& into, toml::table& from, const std::string& prefix) const;
    /// The file a node was read from: the scenario, or its base.
    std::string file_of(const toml::node* node) const {
        return node && node->source().path ? *node->source().path : path_;
    }
    void apply_overrides(toml::table& root);
    void check_structure(const toml::table& root);
    void convert_parameters(const toml::table& root);
    std::optional<ParameterValue> convert(const Parameter& p, const toml::node& node);
    std::optional<double> convert_number(const Parameter& p, const toml::node& node, const std::string& key);
    std::optional<ParameterValue> convert_by_group(const Parameter& p, const toml::node& node);
    std::optional<ParameterValue> convert_every_group(const Parameter& p, const toml::node& node);
    bool sum_is_one(const Parameter& p, const toml::node& node, const ParameterValue& value);
    std::optional<ParameterValue> convert_group_names(const Parameter& p, const toml::node& node);
    std::optional<ParameterValue> convert_seed(const Parameter& p, const toml::node& node);
    std::optional<ParameterValue> convert_table(const Parameter& p, const toml::node& node);
    std::optional<ParameterValue> convert_choice(const Parameter& p, const toml::node& node);
    /// One line of the resolved text: `name = value`, name relative to the section.
    void write_resolved(std::ostream& out, const Parameter& p, const std::string& name) const;
    Scenario build();
    void check_run_size(const Scenario& scenario);
    std::string resolved_text() const;
    void sort_problems();
    /// " (did you mean 'immigration.multiplier'?)" for an unknown key, from the names of its own
    /// section only (key_hint.cpp).
    std::string unknown_key_hint(const std::string& key) const;
    /// Replaces a per-group parameter given as one number by the table of that number for every
    /// group, so that --set can change one group's element (convert.cpp).
    bool spread_over_groups(toml::table& parent, const std::string& name, const Parameter& p) const;

    // The parameters that change during the run, [changes.NAME] (timeline_load.cpp checks each
    // change, timeline_resolve.cpp makes the timeline and its text).
    std::optional<CheckedChange> check_change(const std::string& name, const toml::table& table);
    bool find_change_target(CheckedChange& change, const toml::node& node);
    void resolve_changes(Scenario& scenario);
    void change_problem(const std::string& key, const toml::node* node, std::string message);
    std::string changes_text() const;

    Schema schema_;
    std::vector<const Parameter*> parameters_; ///< every section's, in the schema's order
    std::string path_;
    std::vector<std::string> overrides_;
    LoadOptions options_;
    std::filesystem::path folder_; ///< absolute folder of the scenario file
    toml::table root_;
    std::vector<ScenarioProblem> problems_;
    std::set<std::string> overridden_;
    std::map<std::string, std::string> set_by_;    ///< each key given on the command line, and its option
    std::map<std::string, ParameterValue> values_; ///< the parameters given valid values
    std::map<std::string, std::pair<std::string, int>> from_; ///< table parameter -> file, line
    std::optional<std::vector<std::string>> group_names_;     ///< once groups.names is valid
    std::vector<CheckedChange> changes_;                      ///< by name
};

} // namespace migsim::loading
