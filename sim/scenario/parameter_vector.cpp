#include "scenario/parameter_vector.hpp"

#include <cmath>

#include <toml++/toml.h>

#include "scenario/parameters.hpp"
#include "core/text.hpp"

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
    return found;
}

ScenarioLoad scenario_variant(const Scenario& scenario, const std::vector<ParameterSetting>& settings) {
    ScenarioLoad refused;
    std::vector<std::string> overrides = scenario.source.overrides;
    for (const ParameterSetting& setting : settings) {
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
