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

namespace {

constexpr const char* override_source = "--set";
constexpr std::size_t max_groups = 8;

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

bool valid_group_name(std::string_view name) {
    if (name.empty() || name.front() < 'a' || name.front() > 'z')
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
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

/// A TOML integer is signed 64-bit: a seed from 2^63 on is written as a string of digits.
std::optional<std::uint64_t> parse_seed_text(const std::string& text) {
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return seed;
}

class ScenarioLoader {
public:
    ScenarioLoader(const std::string& path, const std::vector<std::string>& overrides,
                   const LoadOptions& options)
        : path_(path), overrides_(overrides), options_(options) {
        std::error_code error;
        const auto absolute = std::filesystem::absolute(path, error);
        folder_ = (error ? std::filesystem::path(path) : absolute).parent_path();
    }

    ScenarioLoad load();
    ScenarioLoad load_text(std::string_view text);

private:
    void problem(const std::string& key, const toml::node* node, std::string message);
    void problem_at_line(std::string file, int line, std::string key, std::string message) {
        problems_.push_back({std::move(file), line, std::move(key), std::move(message)});
    }
    bool overridden(const std::string& key) const;
    void apply_overrides(toml::table& root);
    void check_structure(const toml::table& root);
    void convert_parameters(const toml::table& root);
    std::optional<ParameterValue> convert(const Parameter& p, const toml::node& node);
    std::optional<double> convert_number(const Parameter& p, const toml::node& node, const std::string& key);
    std::optional<ParameterValue> convert_by_group(const Parameter& p, const toml::node& node);
    std::optional<ParameterValue> convert_group_names(const Parameter& p, const toml::node& node);
    std::optional<ParameterValue> convert_seed(const Parameter& p, const toml::node& node);
    std::optional<ParameterValue> convert_table(const Parameter& p, const toml::node& node);
    Scenario build();
    void check_run_size(const Scenario& scenario);
    std::string resolved_text() const;
    void sort_problems();

    std::string path_;
    std::vector<std::string> overrides_;
    LoadOptions options_;
    std::filesystem::path folder_; ///< absolute folder of the scenario file
    toml::table root_;
    std::vector<ScenarioProblem> problems_;
    std::set<std::string> overridden_;
    std::map<std::string, ParameterValue> values_;            ///< the parameters given valid values
    std::map<std::string, std::pair<std::string, int>> from_; ///< table parameter -> file, line
    std::optional<std::vector<std::string>> group_names_;     ///< once groups.names is valid
};

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
        // run.start=2014-01 works without quotes.
        if (const auto nesting =
                toml_nesting_problem(value_text, limits::toml_key_parts, limits::toml_nesting)) {
            problem_at_line(override_source, 0, key, "malformed value: " + nesting->message);
            continue;
        }
        toml::table parsed;
        bool parsed_ok = false;
        try {
            parsed = toml::parse("value = " + value_text, std::string(override_source));
            parsed_ok = parsed.size() == 1 && parsed.contains("value");
        } catch (const toml::parse_error&) {
        }
        if (!parsed_ok) {
            if (value_text.find_first_of("\n\r") != std::string::npos) {
                problem_at_line(override_source, 0, key, "malformed value");
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

std::optional<double> ScenarioLoader::convert_number(const Parameter& p, const toml::node& node,
                                                     const std::string& key) {
    double value = 0.0;
    if (node.is_integer())
        value = static_cast<double>(node.as_integer()->get());
    else if (node.is_floating_point() && p.type == ParameterType::real)
        value = node.as_floating_point()->get();
    else {
        problem(key, &node, "expected " + element_text(p) + ", found " + node_kind(node));
        return std::nullopt;
    }
    const bool below = p.min_open ? value <= p.min : value < p.min;
    const bool above = p.max_open ? value >= p.max : value > p.max;
    if (!std::isfinite(value) || below || above) {
        const std::string shown =
            node.is_integer() ? std::to_string(node.as_integer()->get()) : format_number(value);
        problem(key, &node, shown + " is out of range: expected " + element_text(p));
        return std::nullopt;
    }
    return value;
}

std::optional<ParameterValue> ScenarioLoader::convert_group_names(const Parameter& p,
                                                                  const toml::node& node) {
    const auto* array = node.as_array();
    if (!array) {
        problem(p.key, &node, "expected " + expected_text(p) + ", found " + node_kind(node));
        return std::nullopt;
    }
    bool ok = true;
    if (array->empty() || array->size() > max_groups) {
        problem(p.key, &node,
                "expected 1 to " + std::to_string(max_groups) + " group names, found " +
                    std::to_string(array->size()));
        ok = false;
    }
    ParameterValue value;
    for (const auto& element : *array) {
        if (!element.is_string()) {
            problem(p.key, &element, "expected a group name (a string), found " + node_kind(element));
            ok = false;
            continue;
        }
        const std::string name = element.as_string()->get();
        if (!valid_group_name(name)) {
            problem(p.key, &element,
                    "'" + name +
                        "' is not a valid group name: lower-case letters, digits and _, starting "
                        "with a letter");
            ok = false;
        } else if (name == birthplace_names[0]) {
            problem(p.key, &element, "'native_born' is reserved for the native-born and cannot be a group");
            ok = false;
        } else if (std::find(value.names.begin(), value.names.end(), name) != value.names.end()) {
            problem(p.key, &element, "group '" + name + "' appears twice");
            ok = false;
        }
        value.names.push_back(name);
    }
    if (!ok)
        return std::nullopt;
    return value;
}

std::optional<ParameterValue> ScenarioLoader::convert_by_group(const Parameter& p, const toml::node& node) {
    const auto* table = node.as_table();
    if (!table) {
        problem(p.key, &node, "expected " + expected_text(p) + ", found " + node_kind(node));
        return std::nullopt;
    }
    std::vector<std::string> expected;
    if (p.shape == ParameterShape::per_origin)
        expected.emplace_back(birthplace_names[0]);
    if (group_names_)
        expected.insert(expected.end(), group_names_->begin(), group_names_->end());
    bool ok = group_names_.has_value(); // without valid groups only the values themselves are checked
    ParameterValue value;
    value.by_group.assign(expected.size(), 0.0);
    for (const auto& [name_key, element] : *table) {
        const std::string name{name_key.str()};
        const std::string key = std::string(p.key) + "." + name;
        const auto number = convert_number(p, element, key);
        ok = ok && number.has_value();
        if (!group_names_)
            continue;
        const auto position = std::find(expected.begin(), expected.end(), name);
        if (position == expected.end()) {
            std::string message = "unknown group '" + name + "' (expected ";
            for (std::size_t i = 0; i < expected.size(); ++i)
                message += (i ? ", " : "") + expected[i];
            if (overridden(key))
                problem_at_line(override_source, 0, key, message + ")");
            else
                problem_at_line(path_, static_cast<int>(name_key.source().begin.line), key, message + ")");
            ok = false;
        } else if (number) {
            value.by_group[static_cast<std::size_t>(position - expected.begin())] = *number;
        }
    }
    if (!group_names_)
        return std::nullopt;
    for (const auto& name : expected)
        if (!table->contains(name)) {
            problem(p.key, &node, "missing group '" + name + "'");
            ok = false;
        }
    if (ok && p.sums_to_one) {
        double sum = 0.0;
        for (const double share : value.by_group)
            sum += share;
        if (std::abs(sum - 1.0) > share_sum_tolerance) {
            problem(p.key, &node, "the shares sum to " + format_approximately(sum) + ", not 1");
            ok = false;
        }
    }
    if (!ok)
        return std::nullopt;
    return value;
}

std::optional<ParameterValue> ScenarioLoader::convert_seed(const Parameter& p, const toml::node& node) {
    ParameterValue value;
    if (node.is_integer()) {
        const std::int64_t given = node.as_integer()->get();
        if (given < 0) {
            problem(p.key, &node, std::to_string(given) + " is out of range: expected " + element_text(p));
            return std::nullopt;
        }
        value.seed = static_cast<std::uint64_t>(given);
        return value;
    }
    if (node.is_string()) {
        const std::string& text = node.as_string()->get();
        if (const auto seed = parse_seed_text(text)) {
            value.seed = *seed;
            return value;
        }
        problem(p.key, &node, "'" + text + "' is not a seed: expected " + element_text(p));
        return std::nullopt;
    }
    problem(p.key, &node, "expected " + element_text(p) + ", found " + node_kind(node));
    return std::nullopt;
}

std::optional<ParameterValue> ScenarioLoader::convert_table(const Parameter& p, const toml::node& node) {
    if (!node.is_string()) {
        problem(p.key, &node, "expected " + expected_text(p) + ", found " + node_kind(node));
        return std::nullopt;
    }
    if (node.as_string()->get().empty()) {
        problem(p.key, &node, "the file name is empty");
        return std::nullopt;
    }
    const std::filesystem::path given{node.as_string()->get()};
    const bool from_command_line = overridden(p.key);
    // A scenario file names files in its own folder and below, so that a scenario from someone else
    // cannot make migsim read (and quote in a message) any file it can read. The command line may
    // name any file; so may a resolved scenario, when asked to.
    if (!from_command_line && !options_.allow_outside_tables) {
        const auto normal = given.lexically_normal();
        if (given.is_absolute() || (!normal.empty() && *normal.begin() == "..")) {
            problem(p.key, &node,
                    "'" + given.string() +
                        "' is outside the scenario's folder: a table path in a scenario file is relative "
                        "to the file's folder and stays inside it (name a file elsewhere with --set " +
                        p.key + "=PATH, or run with --allow-outside-tables)");
            return std::nullopt;
        }
    }
    ParameterValue value;
    std::error_code error;
    // Paths in the file are relative to the file; paths given with --set to where the command runs.
    const auto resolved = from_command_line ? std::filesystem::absolute(given, error) : folder_ / given;
    value.text = resolved.lexically_normal().string();
    if (from_command_line)
        from_[p.key] = {override_source, 0};
    else
        from_[p.key] = {path_, static_cast<int>(node.source().begin.line)};
    return value;
}

std::optional<ParameterValue> ScenarioLoader::convert(const Parameter& p, const toml::node& node) {
    if (p.shape != ParameterShape::scalar)
        return convert_by_group(p, node);
    ParameterValue value;
    switch (p.type) {
    case ParameterType::integer:
    case ParameterType::real: {
        const auto number = convert_number(p, node, p.key);
        if (!number)
            return std::nullopt;
        value.real = *number;
        if (node.is_integer())
            value.integer = node.as_integer()->get();
        return value;
    }
    case ParameterType::month: {
        if (!node.is_string()) {
            problem(p.key, &node, "expected " + expected_text(p) + ", found " + node_kind(node));
            return std::nullopt;
        }
        value.text = node.as_string()->get();
        const auto month = parse_month(value.text);
        if (!month) {
            problem(p.key, &node, "'" + value.text + "' is not a month: expected " + expected_text(p));
            return std::nullopt;
        }
        if (!is_january(*month)) {
            // The base population and every reported stock are those of 1 January.
            problem(p.key, &node, "'" + value.text + "' is not a January: a run starts on 1 January");
            return std::nullopt;
        }
        return value;
    }
    case ParameterType::table:
        return convert_table(p, node);
    case ParameterType::seed:
        return convert_seed(p, node);
    case ParameterType::group_names:
        return convert_group_names(p, node);
    }
    return std::nullopt;
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

std::string ScenarioLoader::resolved_text() const {
    std::ostringstream out;
    // Texts the user gave are quoted as TOML strings, so that a line break in them cannot end the
    // comment and the text stays a valid scenario.
    out << "# migsim scenario resolved from " << quote_toml_string(path_) << "\n";
    out << "# Every default is filled in and table paths are absolute; run it again with\n";
    out << "#   migsim run FILE --allow-outside-tables\n";
    for (const auto& text : overrides_)
        out << "# --set " << quote_toml_string(text) << "\n";
    std::string section;
    for (const auto& p : parameters()) {
        const std::string key = p.key;
        const std::string this_section = key.substr(0, key.find('.'));
        if (this_section != section) {
            section = this_section;
            out << "\n[" << section << "]\n";
        }
        const ParameterValue& value = values_.at(key);
        out << key.substr(key.find('.') + 1) << " = ";
        if (p.shape != ParameterShape::scalar) {
            std::vector<std::string> names;
            if (p.shape == ParameterShape::per_origin)
                names.emplace_back(birthplace_names[0]);
            names.insert(names.end(), group_names_->begin(), group_names_->end());
            out << "{ ";
            for (std::size_t i = 0; i < names.size(); ++i) {
                out << (i ? ", " : "") << names[i] << " = ";
                if (p.type == ParameterType::integer)
                    out << static_cast<std::int64_t>(value.by_group[i]);
                else
                    out << format_toml_float(value.by_group[i]);
            }
            out << " }\n";
            continue;
        }
        switch (p.type) {
        case ParameterType::integer:
            out << value.integer;
            break;
        case ParameterType::real:
            out << format_toml_float(value.real);
            break;
        case ParameterType::month:
        case ParameterType::table:
            out << quote_toml_string(value.text);
            break;
        case ParameterType::seed:
            // A TOML integer holds a seed below 2^63; a larger one is written as a string of digits.
            if (value.seed <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                out << value.seed;
            else
                out << quote_toml_string(std::to_string(value.seed));
            break;
        case ParameterType::group_names:
            out << "[";
            for (std::size_t i = 0; i < value.names.size(); ++i)
                out << (i ? ", " : "") << quote_toml_string(value.names[i]);
            out << "]";
            break;
        }
        out << "\n";
    }
    return out.str();
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
    if (const auto nesting = toml_nesting_problem(text, limits::toml_key_parts, limits::toml_nesting)) {
        result.problems.push_back({path_, nesting->line, "", nesting->message});
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

} // namespace

ScenarioLoad load_scenario(const std::string& path, const std::vector<std::string>& overrides,
                           const LoadOptions& options) {
    try {
        return ScenarioLoader(path, overrides, options).load();
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
        return ScenarioLoader(path, overrides, options).load_text(text);
    } catch (const std::exception& error) {
        ScenarioLoad result;
        result.problems.push_back(
            {path, 0, "", std::string("internal error while loading: ") + error.what()});
        return result;
    }
}

} // namespace migsim
