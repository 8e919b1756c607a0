// The values of the parameters: each converted and checked against its declaration, and the
// resolved text that records them all.
#include <algorithm>
#include <filesystem>
#include <limits>
#include <sstream>

#include "core/text.hpp"
#include "population/person_table.hpp"
#include "scenario/limits.hpp"
#include "scenario/loader.hpp"

namespace migsim::loading {

namespace {

template <class T>
T value_of(Column<T>);
// The origin column holds 0 (the native-born) and 1..G, the destination column 0..G-1.
static_assert(limits::origin_groups <= std::numeric_limits<decltype(value_of(core.origin))>::max());
static_assert(limits::origin_groups <= std::numeric_limits<decltype(value_of(core.destination))>::max() + 1);

bool valid_group_name(std::string_view name) {
    if (name.empty() || name.front() < 'a' || name.front() > 'z')
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

} // namespace

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
    if (!p.in_range(value)) {
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
    if (array->empty() || array->size() > static_cast<std::size_t>(limits::origin_groups)) {
        problem(p.key, &node,
                "expected 1 to " + std::to_string(limits::origin_groups) + " group names, found " +
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
                    quoted_excerpt(name) +
                        " is not a valid group name: lower-case letters, digits and _, starting "
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
    if (!table && (node.is_integer() || node.is_floating_point()))
        return convert_every_group(p, node);
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
                problem_at_line(name_key.source().path ? *name_key.source().path : path_,
                                static_cast<int>(name_key.source().begin.line), key, message + ")");
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
    if (ok && !sum_is_one(p, node, value))
        ok = false;
    if (!ok)
        return std::nullopt;
    return value;
}

bool ScenarioLoader::sum_is_one(const Parameter& p, const toml::node& node, const ParameterValue& value) {
    if (!p.sums_to_one)
        return true;
    double sum = 0.0;
    for (const double share : value.by_group)
        sum += share;
    if (std::abs(sum - 1.0) <= share_sum_tolerance)
        return true;
    problem(p.key, &node, "the shares sum to " + format_approximately(sum) + ", not 1");
    return false;
}

std::optional<ParameterValue> ScenarioLoader::convert_every_group(const Parameter& p,
                                                                  const toml::node& node) {
    // One number means that number for every group (and for the native-born of a per-origin one).
    const auto number = convert_number(p, node, p.key);
    if (!number || !group_names_)
        return std::nullopt;
    ParameterValue value;
    value.by_group.assign(group_names_->size() + (p.shape == ParameterShape::per_origin ? 1 : 0), *number);
    if (!sum_is_one(p, node, value))
        return std::nullopt;
    return value;
}

bool ScenarioLoader::spread_over_groups(toml::table& parent, const std::string& name,
                                        const Parameter& p) const {
    const toml::node* given = parent.get(name);
    const toml::node* names = root_.at_path("groups.names").node();
    if (!given || !(given->is_integer() || given->is_floating_point()) || !names || !names->is_array())
        return false;
    toml::table every;
    if (p.shape == ParameterShape::per_origin)
        every.insert(birthplace_names[0], *given);
    for (const toml::node& group : *names->as_array()) {
        if (!group.is_string())
            return false; // the group names are reported with groups.names
        every.insert(group.as_string()->get(), *given);
    }
    parent.insert_or_assign(name, std::move(every));
    return true;
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
        problem(p.key, &node, quoted_excerpt(text) + " is not a seed: expected " + element_text(p));
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
        // An optional table that a base scenario names is switched off with "" (synthetic areas have
        // no use for the municipalities' attractions): the key is then absent.
        if (p.optional)
            return std::nullopt;
        problem(p.key, &node, "the file name is empty");
        return std::nullopt;
    }
    // The system reads a name up to its first NUL: "data/x.csv\0junk" would open data/x.csv.
    if (node.as_string()->get().find('\0') != std::string::npos) {
        problem(p.key, &node,
                "the file name " + quoted_excerpt(node.as_string()->get()) +
                    " holds a NUL character, which no file name can");
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
            std::string message = "'";
            message += given.string();
            message +=
                "' is outside the scenario's folder: a table path in a scenario file is relative to the "
                "file's folder and stays inside it (name a file elsewhere with --set ";
            message += p.key;
            message += "=PATH, or run with --allow-outside-tables)";
            problem(p.key, &node, std::move(message));
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
            problem(p.key, &node,
                    quoted_excerpt(value.text) + " is not a month: expected " + expected_text(p));
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
    case ParameterType::boolean:
        if (!node.is_boolean()) {
            problem(p.key, &node, "expected " + expected_text(p) + ", found " + node_kind(node));
            return std::nullopt;
        }
        value.boolean = node.as_boolean()->get();
        return value;
    case ParameterType::enumeration:
        return convert_choice(p, node);
    }
    return std::nullopt;
}

std::optional<ParameterValue> ScenarioLoader::convert_choice(const Parameter& p, const toml::node& node) {
    if (!node.is_string()) {
        problem(p.key, &node, "expected " + expected_text(p) + ", found " + node_kind(node));
        return std::nullopt;
    }
    ParameterValue value;
    value.text = node.as_string()->get();
    const auto chosen = std::find(p.choices.begin(), p.choices.end(), value.text);
    if (chosen == p.choices.end()) {
        std::string message = "'";
        message += printable(value.text, 80);
        message += "' is not a choice: expected ";
        message += expected_text(p);
        problem(p.key, &node, std::move(message));
        return std::nullopt;
    }
    value.integer = chosen - p.choices.begin();
    return value;
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
    for (const ParameterSection* section : schema_) {
        out << "\n[" << section->name << "]\n";
        for (const Parameter& p : section->parameters)
            if (values_.count(p.key) != 0) // an optional table left out is left out here too
                write_resolved(out, p, std::string(p.key).substr(std::string_view(section->name).size() + 1));
    }
    out << changes_text();
    return out.str();
}

void ScenarioLoader::write_resolved(std::ostream& out, const Parameter& p, const std::string& name) const {
    const ParameterValue& value = values_.at(p.key);
    out << name << " = ";
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
        return;
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
    case ParameterType::boolean:
        out << (value.boolean ? "true" : "false");
        break;
    case ParameterType::enumeration:
        out << quote_toml_string(value.text);
        break;
    }
    out << "\n";
}

} // namespace migsim::loading
