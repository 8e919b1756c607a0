// Fuzz target: the scenario loader. The input is a scenario's TOML text, optionally followed by a
// NUL byte and --set overrides separated by NUL bytes. Tables are read from the test fixtures'
// folder (tests/fixtures/scenarios/: data/ and bad_data/), as if the scenario were there.
//
// Besides not crashing, a scenario that loads must resolve to a text that loads again to the same
// scenario: the resolved text is what /meta/scenario records.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "modules/modules.hpp"

namespace {

const std::string scenario_path = std::string(MIGSIM_SOURCE_DIR) + "/tests/fixtures/scenarios/fuzzed.toml";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t end_of_text = input.find('\0');
    const std::string_view text = input.substr(0, end_of_text);
    std::vector<std::string> overrides;
    if (end_of_text != std::string_view::npos) {
        std::string_view rest = input.substr(end_of_text + 1);
        while (!rest.empty() && overrides.size() < 16) {
            const std::size_t next = rest.find('\0');
            overrides.emplace_back(rest.substr(0, next));
            rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
        }
    }
    const migsim::ScenarioLoad load = migsim::load_scenario_text(text, scenario_path, overrides);
    if (!load.ok())
        return 0;
    const migsim::ScenarioLoad again = migsim::load_scenario_text(load.scenario->resolved_text, scenario_path,
                                                                  {}, {.allow_outside_tables = true});
    if (!again.ok())
        std::abort(); // the resolved text of a valid scenario does not load
    migsim::Scenario first = *load.scenario;
    migsim::Scenario second = *again.scenario;
    first.resolved_text = second.resolved_text = "";
    if (!(first == second))
        std::abort(); // it loads to another scenario
    return 0;
}
