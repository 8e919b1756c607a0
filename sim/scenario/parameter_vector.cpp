#include "scenario/parameter_vector.hpp"

#include <algorithm>
#include <cmath>

#include <toml++/toml.h>

#include "core/text.hpp"
#include "scenario/parameters.hpp"
#include "scenario/timeline_load.hpp"

namespace migsim {

namespace {

/// Where problems of a parameter vector are reported.
constexpr const char* vector_source = "parameter vector";

bool perturbable(const Parameter& p) {
    return p.shape == ParameterShape::scalar &&
           (p.type == ParameterType::integer || p.type == ParameterType::real);
}

const Parameter* find_perturbable(const Schema& schema, const std::string& key) {
    for (const ParameterSection* section : schema)
        for (const Parameter& p : section->parameters)
            if (key == p.key && perturbable(p))
                return &p;
    return nullptr;
}

/// The value as --set gives it: a TOML integer or float that reads back exactly.
std::string value_text(const Parameter& p, double value) {
    if (p.type == ParameterType::integer)
        return std::to_string(static_cast<std::int64_t>(value));
    return format_toml_float(value);
}

NumericParameter numeric(const Parameter& p, double value) {
    return {p.key, value, p.min, p.max, p.min_open, p.max_open, p.type == ParameterType::integer};
}

/// The parameter a change's key names (the longest start of it that is one), or null.
const Parameter* changed_parameter(const Schema& schema, std::string key) {
    while (true) {
        if (const Parameter* p = find_perturbable(schema, key))
            return p;
        for (const ParameterSection* section : schema)
            for (const Parameter& p : section->parameters)
                if (key == p.key && (p.type == ParameterType::integer || p.type == ParameterType::real))
                    return &p;
        const auto dot = key.rfind('.');
        if (dot == std::string::npos)
            return nullptr;
        key.resize(dot);
    }
}

/// The numbers of the scenario's changes ([changes.NAME], scenario/timeline_load.hpp): a factor in
/// [0, max_change_factor], a value in the range of the parameter it changes. Whether the change
/// keeps its parameter in range in every month is checked when the variant is loaded.
void add_change_numbers(const Scenario& scenario, const toml::table& resolved,
                        std::vector<NumericParameter>& found) {
    const toml::table* changes = resolved[changes_section].as_table();
    if (!changes)
        return;
    for (const auto& [name, node] : *changes) {
        const toml::table* change = node.as_table();
        const Parameter* p =
            change ? changed_parameter(scenario.source.schema, (*change)["key"].value_or(std::string{}))
                   : nullptr;
        if (!p || !(*change)["active"].value_or(true))
            continue; // an inactive change has no numbers that act
        const std::string prefix = std::string(changes_section) + "." + std::string(name.str()) + ".";
        const auto number = [](const toml::node& value) {
            return value.is_integer() ? static_cast<double>(value.as_integer()->get()) : value.value_or(0.0);
        };
        const auto add = [&](const std::string& key, const toml::node& value, bool relative) {
            if (relative)
                found.push_back({key, number(value), 0.0, max_change_factor, false, false, false});
            else
                found.push_back({key, number(value), p->min, p->max, p->min_open, p->max_open,
                                 p->type == ParameterType::integer});
        };
        for (const auto& [setting, value] : *change) {
            const std::string setting_name{setting.str()};
            if (setting_name == "factor" || setting_name == "value")
                add(prefix + setting_name, value, setting_name == "factor");
            else if (const toml::table* years = value.as_table())
                for (const auto& [year, amount] : *years)
                    add(prefix + setting_name + "." + std::string(year.str()), amount,
                        setting_name == "factor_by_year");
        }
    }
}

} // namespace

bool NumericParameter::admits(double candidate) const {
    // An integer is given exactly as a double up to 2^53.
    if (integer && (candidate != std::trunc(candidate) || std::abs(candidate) > 0x1p53))
        return false;
    return Parameter::within_bounds(candidate, min, max, min_open, max_open);
}

std::vector<NumericParameter> numeric_parameters(const Scenario& scenario) {
    // The resolved text holds every value as loaded, exactly (format_toml_float reads back).
    const toml::table resolved = toml::parse(scenario.resolved_text);
    std::vector<NumericParameter> found;
    for (const ParameterSection* section : scenario.source.schema)
        for (const Parameter& p : section->parameters) {
            if (!perturbable(p))
                continue;
            const auto node = resolved.at_path(p.key);
            const double value =
                node.is_integer() ? static_cast<double>(node.as_integer()->get()) : node.value_or(0.0);
            found.push_back(numeric(p, value));
        }
    add_change_numbers(scenario, resolved, found);
    return found;
}

ScenarioLoad scenario_variant(const Scenario& scenario, const std::vector<ParameterSetting>& settings) {
    ScenarioLoad refused;
    std::vector<std::string> overrides = scenario.source.overrides;
    std::vector<NumericParameter> of_changes;
    if (!scenario.timeline.paths.empty())
        add_change_numbers(scenario, toml::parse(scenario.resolved_text), of_changes);
    for (const ParameterSetting& setting : settings) {
        const auto change = std::find_if(of_changes.begin(), of_changes.end(),
                                         [&](const NumericParameter& n) { return n.key == setting.key; });
        if (change != of_changes.end()) {
            if (!change->admits(setting.value)) {
                refused.problems.push_back({vector_source, 0, setting.key,
                                            format_number(setting.value) + " is out of range: expected " +
                                                (change->integer ? "an integer in [" : "a number in [") +
                                                format_number(change->min) + ", " +
                                                format_number(change->max) + "]"});
                continue;
            }
            overrides.push_back(setting.key + "=" +
                                (change->integer ? std::to_string(static_cast<std::int64_t>(setting.value))
                                                 : format_toml_float(setting.value)));
            continue;
        }
        const Parameter* p = find_perturbable(scenario.source.schema, setting.key);
        if (!p) {
            refused.problems.push_back(
                {vector_source, 0, setting.key,
                 "unknown key: not a scalar integer or real parameter of the scenario"});
            continue;
        }
        const NumericParameter declared = numeric(*p, 0.0);
        if (!declared.admits(setting.value)) {
            refused.problems.push_back(
                {vector_source, 0, setting.key,
                 format_number(setting.value) + " is out of range: expected " + element_text(*p)});
            continue;
        }
        overrides.push_back(setting.key + "=" + value_text(*p, setting.value));
    }
    if (!refused.problems.empty())
        return refused;
    return load_scenario_text(scenario.source.schema, scenario.source.text, scenario.path, overrides,
                              {.allow_outside_tables = scenario.source.allow_outside_tables});
}

} // namespace migsim
