#pragma once
// The scenario schema of the whole engine: the core sections and every module's parameter section,
// in the order of the scenario file; and loading a scenario against it.
#include <string>
#include <string_view>
#include <vector>

#include "scenario/load.hpp"

namespace migsim {

/// Every section of the schema: [run], [population], [groups], then the modules'.
const Schema& default_schema();

/// load_scenario() and load_scenario_text() (scenario/load.hpp) with every module's parameters.
inline ScenarioLoad load_scenario(const std::string& path, const std::vector<std::string>& overrides = {},
                                  const LoadOptions& options = {}) {
    return load_scenario(default_schema(), path, overrides, options);
}
inline ScenarioLoad load_scenario_text(std::string_view text, const std::string& path,
                                       const std::vector<std::string>& overrides = {},
                                       const LoadOptions& options = {}) {
    return load_scenario_text(default_schema(), text, path, overrides, options);
}

/// The parameter reference (docs/parameters.md) of every module.
inline std::string parameter_reference_markdown() {
    return parameter_reference_markdown(default_schema());
}

} // namespace migsim
