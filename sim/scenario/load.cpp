#include "scenario/load.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "core/text.hpp"
#include "scenario/input_file.hpp"
#include "scenario/limits.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameters.hpp"
#include "scenario/run_size.hpp"
#include "scenario/toml_guard.hpp"

namespace migsim {

std::string ScenarioProblem::to_string() const {
    // A file name or a key is what a user gave, and may be a megabyte long: cut, like echoed values.
    std::string text = printable(file, 200);
    if (line > 0)
        text += ":" + std::to_string(line);
    text += ": ";
    if (!key.empty())
        text += printable(key, 120) + ": ";
    return text + message;
}

namespace loading {

std::string node_kind(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a floating-point number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    default:
        return "nothing";
    }
}

std::optional<std::uint64_t> parse_seed_text(const std::string& text) {
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return seed;
}

namespace {

/// " (did you mean 'months'?)" when a declared name is close to the unknown one.
std::string suggestion(std::string_view unknown, const std::vector<std::string>& candidates) {
    std::string best;
    int best_distance = 3;
    for (const auto& candidate : candidates) {
        const int distance = edit_distance(unknown, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

bool valid_key_part(std::string_view part) {
    return !part.empty() && std::all_of(part.begin(), part.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '-';
    });
}

std::vector<std::string> split_key(std::string_view key) {
    std::vector<std::string> parts;
    std::size_t begin = 0;
    while (true) {
        const auto dot = key.find('.', begin);
        parts.emplace_back(key.substr(begin, dot == std::string_view::npos ? dot : dot - begin));
        if (dot == std::string_view::npos)
            return parts;
        begin = dot + 1;
    }
}

std::string joined_key(const std::vector<std::string>& parts, std::size_t count) {
    std::string key = parts[0];
    for (std::size_t i = 1; i < count; ++i)
        key += "." + parts[i];
    return key;
}

} // namespace

const Parameter* ScenarioLoader::find_parameter(std::string_view key) const {
    for (const Parameter* p : parameters_)
        if (key == p->key)
            return p;
    return nullptr;
}

std::vector<std::string> ScenarioLoader::names_below(const std::string& prefix) const {
    std::vector<std::string> names;
    for (const Parameter* p : parameters_) {
        const std::string_view key = p->key;
        if (key.substr(0, prefix.size()) != prefix)
            continue;
        const std::string name{key.substr(prefix.size(), key.find('.', prefix.size()) - prefix.size())};
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
    }
    return names;
}

void ScenarioLoader::problem(const std::string& key, const toml::node* node, std::string message) {
    if (overridden(key)) {
        // An option of its own names the key: "--threads: -1 is out of range".
        const std::string option = option_of(key);
        problem_at_line(option, 0, option == override_source ? key : "", std::move(message));
    } else
        problem_at_line(file_of(node), node ? static_cast<int>(node->source().begin.line) : 0, key,
                        std::move(message));
}

bool ScenarioLoader::overridden(const std::string& key) const {
    // Set itself, or inside a table that was set as a whole.
    for (std::size_t dot = 0; dot != std::string::npos; dot = key.find('.', dot + 1))
        if (dot > 0 && overridden_.count(key.substr(0, dot)))
            return true;
    return overridden_.count(key) != 0;
}

void ScenarioLoader::apply_overrides(toml::table& root) {
    for (std::size_t index = 0; index < overrides_.size(); ++index) {
        const std::string& text = overrides_[index];
        const auto dedicated = options_.option_of_override.find(index);
        const std::string option =
            dedicated == options_.option_of_override.end() ? override_source : dedicated->second;
        const auto equals = text.find('=');
        const std::string key{trim(std::string_view(text).substr(0, equals))};
        if (equals == std::string::npos || key.empty()) {
            problem_at_line(override_source, 0, text, "expected key=value, e.g. run.seed=7");
            continue;
        }
        const std::string value_text{trim(std::string_view(text).substr(equals + 1))};
        const auto parts = split_key(key);
        if (!std::all_of(parts.begin(), parts.end(), valid_key_part)) {
            problem_at_line(override_source, 0, key, "malformed key (expected section.name, e.g. run.seed)");
            continue;
        }
        if (value_text.empty()) {
            problem_at_line(override_source, 0, key, "no value after '='");
            continue;
        }
        // The last of two values silently won: which one the user meant is theirs to say.
        if (const auto first = set_by_.find(key);
            first != set_by_.end() && options_.refuse_repeated_overrides) {
            problem_at_line(override_source, 0, key,
                            "given twice (" + first->second + ", then " + option + "): give it once");
            continue;
        }
        set_by_[key] = option;
        // The longest start of the key that is a parameter: a per-group parameter takes one more
        // part, the group.
        const Parameter* p = nullptr;
        std::size_t parameter_parts = 0;
        for (std::size_t count = parts.size(); count >= 1 && !p; --count)
            if ((p = find_parameter(joined_key(parts, count))))
                parameter_parts = count;
        const bool by_group = p && p->shape != ParameterShape::scalar;
        // A change's keys are checked with the change (timeline_load.cpp).
        const bool change_key = parts.size() >= 2 && parts[0] == changes_section;
        if (!change_key && !p && !names_below(key + ".").empty()) {
            const std::vector<std::string> keys = names_below(key + ".");
            problem_at_line(override_source, 0, key,
                            "a section ([" + key + "]), not a parameter: set one of its keys, e.g. --set " +
                                key + "." + keys.front() + "=...");
            continue;
        }
        if (!change_key && (!p || parts.size() > parameter_parts + (by_group ? 1u : 0u))) {
            problem_at_line(override_source, 0, key, "unknown key" + unknown_key_hint(key));
            continue;
        }
        // The value is a TOML value; a bare word that is not one is taken as a string, so that
        // run.start=2014-01 works without quotes (and a path with letters that are not ASCII too).
        // Checked as the parser reads it, after "value = ": a value, not a key.
        const std::string value_line = "value = " + value_text;
        const auto unsafe = toml_text_problem(value_line, limits::toml_key_parts, limits::toml_nesting);
        if (unsafe && unsafe->kind == TomlTextProblem::Kind::nesting) {
            problem_at_line(override_source, 0, key, "malformed value: " + unsafe->message);
            continue;
        }
        toml::table parsed;
        bool parsed_ok = false;
        if (!unsafe) {
            try {
                parsed = toml::parse(value_line, std::string(override_source));
                parsed_ok = parsed.size() == 1 && parsed.contains("value");
            } catch (const toml::parse_error&) {
            }
        }
        if (!parsed_ok) {
            if (value_text.find_first_of("\n\r") != std::string::npos) {
                problem_at_line(override_source, 0, key,
                                "malformed value" + (unsafe ? ": " + unsafe->message : std::string()));
                continue;
            }
            parsed.clear();
            parsed.insert_or_assign("value", value_text);
        }
        toml::table* table = &root;
        bool reachable = true;
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            toml::node* next = table->get(parts[i]);
            if (next && by_group && i + 1 == parameter_parts && spread_over_groups(*table, parts[i], *p))
                next = table->get(parts[i]);
            if (!next) {
                table = table->insert_or_assign(parts[i], toml::table{}).first->second.as_table();
            } else if (next->is_table()) {
                table = next->as_table();
            } else {
                reachable = false;
                break;
            }
        }
        if (!reachable) {
            const std::string parent = joined_key(parts, parts.size() - 1);
            problem(parent, root.at_path(parent).node(),
                    "cannot apply --set " + key + ": expected a table, found " +
                        node_kind(*root.at_path(parent).node()));
            continue;
        }
        table->insert_or_assign(parts.back(), std::move(*parsed.get("value")));
        overridden_.insert(key);
    }
}

void ScenarioLoader::check_structure(const toml::table& root) {
    check_table(root, "");
}

void ScenarioLoader::check_table(const toml::table& table, const std::string& prefix) {
    std::vector<std::string> names = names_below(prefix);
    if (prefix.empty())
        names.emplace_back(changes_section);
    for (const auto& [name_key, node] : table) {
        const std::string name{name_key.str()};
        const std::string key = prefix + name;
        if (find_parameter(key) || key == changes_section)
            continue; // its value is checked with the parameter, or with the changes
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            if (!prefix.empty() && overridden(key))
                problem_at_line(override_source, 0, key, "unknown key");
            else
                problem_at_line(name_key.source().path ? *name_key.source().path : path_,
                                static_cast<int>(name_key.source().begin.line), key,
                                "unknown key" + suggestion(name, names));
            continue;
        }
        if (!node.is_table()) {
            problem(key, &node, "expected a table ([" + key + "]), found " + node_kind(node));
            continue;
        }
        check_table(*node.as_table(), key + ".");
    }
}

void ScenarioLoader::convert_parameters(const toml::table& root) {
    for (const Parameter* parameter : parameters_) {
        const Parameter& p = *parameter;
        const std::string key = p.key;
        const auto parts = split_key(key);
        // The tables that hold the value; one that is not a table is reported already.
        const toml::table* table = &root;
        const toml::node* enclosing = nullptr; ///< the innermost of them given, for messages
        bool reachable = true;
        for (std::size_t i = 0; i + 1 < parts.size() && table; ++i) {
            const toml::node* next = table->get(parts[i]);
            if (next && !next->is_table())
                reachable = false;
            table = next && next->is_table() ? next->as_table() : nullptr;
            if (table)
                enclosing = next;
        }
        if (!reachable)
            continue;
        const toml::node* node = table ? table->get(parts.back()) : nullptr;
        std::optional<ParameterValue> value;
        if (node) {
            value = convert(p, *node);
        } else if (p.default_value) {
            const auto defaults = toml::parse(std::string("value = ") + p.default_value);
            value = convert(p, *defaults.get("value"));
        } else if (p.default_from) {
            // The other parameter comes earlier; when it is in error, so is this value.
            if (const auto other = values_.find(p.default_from); other != values_.end())
                value = other->second;
        } else if (!p.optional) {
            problem(key, enclosing, "missing required key: expected " + expected_text(p));
        }
        if (!value)
            continue;
        if (p.type == ParameterType::group_names)
            group_names_ = value->names;
        values_[key] = std::move(*value);
    }
}

Scenario ScenarioLoader::build() {
    Scenario scenario;
    scenario.path = path_;
    for (const ParameterSection* section : schema_)
        if (section->declare_settings)
            section->declare_settings(scenario);
    for (const Parameter* parameter : parameters_)
        if (parameter->assign && values_.count(parameter->key))
            parameter->assign(scenario, values_.at(parameter->key));
    // Tables last: their loaders read the scenario's other parameters.
    for (const Parameter* parameter : parameters_) {
        const Parameter& p = *parameter;
        if (!p.load_table || !values_.count(p.key))
            continue;
        TableContext context;
        context.key = p.key;
        context.path = values_.at(p.key).text;
        scenario.tables.push_back({p.key, context.path});
        context.referenced_from = from_.at(p.key).first;
        context.referenced_line = from_.at(p.key).second;
        context.values = &values_;
        context.problems = &problems_;
        p.load_table(context, scenario);
    }
    return scenario;
}

void ScenarioLoader::sort_problems() {
    // By file (the scenario first, then --set, then the tables in the order they were read), then line.
    std::vector<std::string> files{path_, override_source};
    for (const auto& p : problems_)
        if (std::find(files.begin(), files.end(), p.file) == files.end())
            files.push_back(p.file);
    auto rank = [&](const ScenarioProblem& p) {
        // Problems of no particular line (a missing key, missing rows) after those of a line.
        return std::pair(std::find(files.begin(), files.end(), p.file) - files.begin(),
                         p.line > 0 ? p.line : std::numeric_limits<int>::max());
    };
    std::stable_sort(problems_.begin(), problems_.end(),
                     [&](const ScenarioProblem& a, const ScenarioProblem& b) { return rank(a) < rank(b); });
}

ScenarioLoad ScenarioLoader::load() {
    const InputFile file = read_input_file(path_, limits::scenario_file_bytes);
    if (!file.ok()) {
        ScenarioLoad result;
        result.problems.push_back({path_, 0, "", "cannot read the scenario file: " + file.error});
        return result;
    }
    return load_text(file.content);
}

ScenarioLoad ScenarioLoader::load_text(std::string_view text) {
    ScenarioLoad result;
    if (const auto broken = schema_problems(schema_); !broken.empty()) {
        for (const auto& mistake : broken)
            result.problems.push_back({path_, 0, "", "the schema is declared wrongly: " + mistake});
        return result;
    }
    if (const auto unsafe = toml_text_problem(text, limits::toml_key_parts, limits::toml_nesting)) {
        result.problems.push_back({path_, unsafe->line, "", unsafe->message});
        return result;
    }
    try {
        root_ = toml::parse(text, path_);
    } catch (const toml::parse_error& error) {
        problem_at_line(path_, static_cast<int>(error.source().begin.line), "",
                        "TOML syntax error: " + std::string(error.description()));
        result.problems = std::move(problems_);
        return result;
    }
    apply_base();
    apply_overrides(root_);
    check_structure(root_);
    convert_parameters(root_);
    Scenario scenario = build();
    resolve_changes(scenario);
    check_run_size(scenario);
    sort_problems();
    if (problems_.empty()) {
        // An area table sets the number of areas (population/area_settings.cpp): the resolved
        // text gives the number the run has, as its outputs do.
        if (const auto areas = values_.find("population.areas"); areas != values_.end())
            areas->second.integer = scenario.population.areas;
        scenario.resolved_text = resolved_text();
        scenario.source = {std::string(text), overrides_, options_.allow_outside_tables, schema_};
        result.scenario = std::move(scenario);
    }
    result.problems = std::move(problems_);
    return result;
}

void ScenarioLoader::check_run_size(const Scenario& scenario) {
    const auto is_valid = [&](const std::string& key) { return values_.count(key) != 0; };
    const auto report = [&](const std::vector<RunSizeProblem>& found) {
        for (const RunSizeProblem& one : found)
            problem(one.key, root_.at_path(one.key).node(), one.message);
    };
    for (const ParameterSection* section : schema_)
        if (section->check)
            report(section->check(scenario, is_valid));
    report(run_size_problems(scenario, is_valid));
}

} // namespace loading

ScenarioLoad load_scenario(const Schema& schema, const std::string& path,
                           const std::vector<std::string>& overrides, const LoadOptions& options) {
    try {
        return loading::ScenarioLoader(schema, path, overrides, options).load();
    } catch (const std::exception& error) {
        ScenarioLoad result;
        result.problems.push_back(
            {path, 0, "", std::string("internal error while loading: ") + error.what()});
        return result;
    }
}

ScenarioLoad load_scenario_text(const Schema& schema, std::string_view text, const std::string& path,
                                const std::vector<std::string>& overrides, const LoadOptions& options) {
    try {
        return loading::ScenarioLoader(schema, path, overrides, options).load_text(text);
    } catch (const std::exception& error) {
        ScenarioLoad result;
        result.problems.push_back(
            {path, 0, "", std::string("internal error while loading: ") + error.what()});
        return result;
    }
}

} // namespace migsim
