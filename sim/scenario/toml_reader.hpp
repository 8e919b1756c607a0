#pragma once
// The reader of the small TOML files beside the scenarios (sensitivity studies, calibrations): typed
// values with their ranges, unknown keys with a suggestion, every problem kept with file, line and
// key as the scenario loader reports them.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/text.hpp"
#include "scenario/limits.hpp"
#include "scenario/load.hpp"
#include "scenario/toml_guard.hpp"

namespace migsim {

/// The TOML text of a file beside the scenarios, parsed after the checks of scenario/toml_guard.hpp,
/// or nothing with the problem (its line) added to `problems`.
inline std::optional<toml::table> parse_guarded_toml(std::string_view text, const std::string& path,
                                                     std::vector<ScenarioProblem>& problems) {
    if (const auto unsafe = toml_text_problem(text, limits::toml_key_parts, limits::toml_nesting)) {
        problems.push_back({path, unsafe->line, "", unsafe->message});
        return std::nullopt;
    }
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& error) {
        problems.push_back(
            {path, static_cast<int>(error.source().begin.line), "", std::string(error.description())});
        return std::nullopt;
    }
}

inline std::string did_you_mean(std::string_view unknown, const std::vector<std::string>& candidates) {
    std::string best;
    int best_distance = 3;
    for (const std::string& candidate : candidates)
        if (const int distance = edit_distance(unknown, candidate); distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

/// Reads the values of a TOML file other than a scenario (a study, a calibration), collecting every
/// problem with its file, line and key.
class TomlReader {
public:
    explicit TomlReader(const std::string& path) : path_(path) {}

    std::vector<ScenarioProblem> problems;

    void problem(const toml::node* at, const std::string& key, std::string message) {
        problems.push_back(
            {path_, at ? static_cast<int>(at->source().begin.line) : 0, key, std::move(message)});
    }

    void only_keys(const toml::table& table, const std::string& prefix,
                   const std::vector<std::string>& allowed) {
        for (const auto& [key, node] : table)
            if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
                problem(&node, prefix + std::string(key.str()),
                        "unknown key" + did_you_mean(key.str(), allowed));
    }

    std::optional<std::string> text(const toml::table& table, const std::string& prefix, const char* key,
                                    bool required) {
        const toml::node* node = table.get(key);
        if (!node) {
            if (required)
                problem(&table, prefix + key, "missing required key");
            return std::nullopt;
        }
        if (!node->is_string()) {
            problem(node, prefix + key, "expected a string, found a " + std::string(kind(*node)));
            return std::nullopt;
        }
        return node->as_string()->get();
    }

    std::optional<double> number(const toml::table& table, const std::string& prefix, const char* key,
                                 bool required, double min = -HUGE_VAL, double max = HUGE_VAL) {
        const toml::node* node = table.get(key);
        if (!node) {
            if (required)
                problem(&table, prefix + key, "missing required key");
            return std::nullopt;
        }
        double value = 0.0;
        if (node->is_integer())
            value = static_cast<double>(node->as_integer()->get());
        else if (node->is_floating_point())
            value = node->as_floating_point()->get();
        else {
            problem(node, prefix + key, "expected a number, found a " + std::string(kind(*node)));
            return std::nullopt;
        }
        if (!std::isfinite(value) || value < min || value > max) {
            problem(node, prefix + key,
                    format_number(value) + " is out of range: expected a number in [" + format_number(min) +
                        ", " + format_number(max) + "]");
            return std::nullopt;
        }
        return value;
    }

    std::optional<std::int64_t> integer(const toml::table& table, const std::string& prefix, const char* key,
                                        bool required, std::int64_t min, std::int64_t max) {
        const toml::node* node = table.get(key);
        if (!node) {
            if (required)
                problem(&table, prefix + key, "missing required key");
            return std::nullopt;
        }
        if (!node->is_integer()) {
            problem(node, prefix + key, "expected an integer, found a " + std::string(kind(*node)));
            return std::nullopt;
        }
        const std::int64_t value = node->as_integer()->get();
        if (value < min || value > max) {
            problem(node, prefix + key,
                    std::to_string(value) + " is out of range: expected an integer in " +
                        std::to_string(min) + ".." + std::to_string(max));
            return std::nullopt;
        }
        return value;
    }

    static std::string_view kind(const toml::node& node) {
        switch (node.type()) {
        case toml::node_type::string:
            return "string";
        case toml::node_type::integer:
            return "integer";
        case toml::node_type::floating_point:
            return "number";
        case toml::node_type::boolean:
            return "boolean";
        case toml::node_type::array:
            return "array";
        case toml::node_type::table:
            return "table";
        default:
            return "date or time";
        }
    }

    /// A TOML value as --set takes it.
    static std::optional<std::string> set_text(const toml::node& node) {
        if (const auto* s = node.as_string())
            return s->get();
        if (const auto* i = node.as_integer())
            return std::to_string(i->get());
        if (const auto* f = node.as_floating_point())
            return format_toml_float(f->get());
        if (const auto* b = node.as_boolean())
            return b->get() ? "true" : "false";
        return std::nullopt;
    }

private:
    std::string path_;
};

} // namespace migsim
