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

#include "scenario/input_file.hpp"
#include "scenario/limits.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameters.hpp"
#include "scenario/run_size.hpp"
#include "scenario/text.hpp"
#include "scenario/toml_guard.hpp"

namespace migsim {

std::string ScenarioProblem::to_string() const {
    std::string text = file;
    if (line > 0)
        text += ":" + std::to_string(line);
    text += ": ";
    if (!key.empty())
        text += key + ": ";
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

const Parameter* find_parameter(std::string_view key) {
    for (const auto& p : parameters())
        if (key == p.key)
            return &p;
    return nullptr;
}

bool is_section(std::string_view name) {
    const auto all = sections();
    return std::any_of(all.begin(), all.end(), [&](const Section& s) { return name == s.name; });
}

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

} // namespace

void ScenarioLoader::problem(const std::string& key, const toml::node* node, std::string message) {
    if (overridden(key))
        problem_at_line(override_source, 0, key, std::move(message));
    else
        problem_at_line(path_, node ? static_cast<int>(node->source().begin.line) : 0, key,
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
    for (const auto& text : overrides_) {
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
        const Parameter* p = parts.size() >= 2 ? find_parameter(parts[0] + "." + parts[1]) : nullptr;
        const bool by_group = p && p->shape != ParameterShape::scalar;
        if (!p || parts.size() > (by_group ? 3u : 2u)) {
            std::vector<std::string> keys;
            for (const auto& q : parameters())
                keys.emplace_back(q.key);
            problem_at_line(override_source, 0, key, "unknown key" + suggestion(key, keys));
            continue;
        }
        // The value is a TOML value; a bare word that is not one is taken as a string, so that
        // run.start=2014-01 works without quotes (and a path with letters that are not ASCII too).
        const auto unsafe = toml_text_problem(value_text, limits::toml_key_parts, limits::toml_nesting);
        if (unsafe && unsafe->kind == TomlTextProblem::Kind::nesting) {
            problem_at_line(override_source, 0, key, "malformed value: " + unsafe->message);
            continue;
        }
        toml::table parsed;
        bool parsed_ok = false;
        if (!unsafe) {
            try {
                parsed = toml::parse("value = " + value_text, std::string(override_source));
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
            std::string parent = parts[0];
            for (std::size_t i = 1; i + 1 < parts.size(); ++i)
                parent += "." + parts[i];
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
    std::vector<std::string> section_names;
    for (const auto& s : sections())
        section_names.emplace_back(s.name);
    for (const auto& [section_key, section_node] : root) {
        const std::string section{section_key.str()};
        if (!is_section(section)) {
            problem_at_line(path_, static_cast<int>(section_key.source().begin.line), section,
                            "unknown key" + suggestion(section, section_names));
            continue;
        }
        if (!section_node.is_table()) {
            problem(section, &section_node,
                    "expected a table ([" + section + "]), found " + node_kind(section_node));
            continue;
        }
        std::vector<std::string> names;
        for (const auto& p : parameters()) {
            const std::string_view key = p.key;
            if (key.substr(0, key.find('.')) == section)
                names.emplace_back(key.substr(key.find('.') + 1));
        }
        for (const auto& [name_key, node] : *section_node.as_table()) {
            const std::string key = section + "." + std::string(name_key.str());
            if (!find_parameter(key)) {
                if (overridden(key))
                    problem_at_line(override_source, 0, key, "unknown key");
                else
                    problem_at_line(path_, static_cast<int>(name_key.source().begin.line), key,
                                    "unknown key" + suggestion(name_key.str(), names));
            }
        }
    }
}

void ScenarioLoader::convert_parameters(const toml::table& root) {
    for (const auto& p : parameters()) {
        const std::string key = p.key;
        const auto section = root.get(key.substr(0, key.find('.')));
        if (section && !section->is_table())
            continue; // already reported
        const toml::node* node = section ? section->as_table()->get(key.substr(key.find('.') + 1)) : nullptr;
        std::optional<ParameterValue> value;
        if (node) {
            value = convert(p, *node);
        } else if (p.default_value) {
            const auto defaults = toml::parse(std::string("value = ") + p.default_value);
            value = convert(p, *defaults.get("value"));
        } else {
            problem(key, section, "missing required key: expected " + expected_text(p));
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
    for (const auto& p : parameters())
        if (p.assign && values_.count(p.key))
            p.assign(scenario, values_.at(p.key));
    // Tables last: their loaders read the scenario's other parameters.
    for (const auto& p : parameters()) {
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
    apply_overrides(root_);
    check_structure(root_);
    convert_parameters(root_);
    Scenario scenario = build();
    check_run_size(scenario);
    sort_problems();
    if (problems_.empty()) {
        scenario.resolved_text = resolved_text();
        result.scenario = std::move(scenario);
    }
    result.problems = std::move(problems_);
    return result;
}

void ScenarioLoader::check_run_size(const Scenario& scenario) {
    const auto is_valid = [&](const std::string& key) { return values_.count(key) != 0; };
    for (const RunSizeProblem& found : run_size_problems(scenario, is_valid))
        problem(found.key, root_.at_path(found.key).node(), found.message);
}

} // namespace loading

ScenarioLoad load_scenario(const std::string& path, const std::vector<std::string>& overrides,
                           const LoadOptions& options) {
    try {
        return loading::ScenarioLoader(path, overrides, options).load();
    } catch (const std::exception& error) {
        ScenarioLoad result;
        result.problems.push_back(
            {path, 0, "", std::string("internal error while loading: ") + error.what()});
        return result;
    }
}

ScenarioLoad load_scenario_text(std::string_view text, const std::string& path,
                                const std::vector<std::string>& overrides, const LoadOptions& options) {
    try {
        return loading::ScenarioLoader(path, overrides, options).load_text(text);
    } catch (const std::exception& error) {
        ScenarioLoad result;
        result.problems.push_back(
            {path, 0, "", std::string("internal error while loading: ") + error.what()});
        return result;
    }
}

} // namespace migsim
