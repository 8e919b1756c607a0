// Fuzz target: the CSV table reader and the loaders of every table. The first byte of the input
// picks the table parameter, the second which of the parameters a loader depends on are valid;
// the rest is the table's text. The other parameters are those of the valid test scenario.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "modules/modules.hpp"
#include "processes/returns_settings.hpp"
#include "scenario/parameters.hpp"

namespace {

struct Setting {
    migsim::Scenario scenario;
    std::vector<const migsim::Parameter*> tables;
    std::map<std::string, migsim::ParameterValue> values;
};

/// The valid test scenario, loaded once, and the values its table loaders read.
const Setting& setting() {
    static const Setting loaded = [] {
        Setting s;
        const auto load =
            migsim::load_scenario(std::string(MIGSIM_SOURCE_DIR) + "/tests/fixtures/scenarios/valid.toml");
        if (!load.ok())
            std::abort();
        s.scenario = *load.scenario;
        for (const migsim::ParameterSection* section : migsim::default_schema())
            for (const auto& p : section->parameters)
                if (p.load_table)
                    s.tables.push_back(&p);
        migsim::ParameterValue value;
        value.text = "2013-01";
        s.values["run.start"] = value;
        value = {};
        value.names = s.scenario.groups.names;
        s.values["groups.names"] = value;
        value = {};
        value.integer = s.scenario.settings<migsim::ReturnSettings>().max_years_abroad;
        value.real = static_cast<double>(value.integer);
        s.values["returns.max_years_abroad"] = value;
        for (const char* key : {"population.scale", "mortality.multiplier", "emigration.multiplier",
                                "returns.multiplier", "internal_migration.multiplier"}) {
            value = {};
            value.real = 0.5;
            s.values[key] = value;
        }
        value = {};
        value.real = 1.73;
        s.values["fertility.total_fertility"] = value;
        return s;
    }();
    return loaded;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2)
        return 0;
    const Setting& s = setting();
    const migsim::Parameter& table = *s.tables[data[0] % s.tables.size()];
    // Each bit of the second byte drops one of the values the loaders depend on, as when that
    // parameter is itself in error.
    std::map<std::string, migsim::ParameterValue> values;
    int bit = 0;
    for (const auto& [key, value] : s.values)
        if ((data[1] >> (bit++ % 8) & 1) == 0)
            values[key] = value;
    std::vector<migsim::ScenarioProblem> problems;
    migsim::TableContext context;
    context.key = table.key;
    context.path = "fuzzed.csv";
    context.content = std::string_view(reinterpret_cast<const char*>(data + 2), size - 2);
    context.referenced_from = "fuzzed.toml";
    context.values = &values;
    context.problems = &problems;
    migsim::Scenario scenario = s.scenario;
    if (table.key == std::string("returns.hazards") && values.count("returns.max_years_abroad") == 0)
        scenario.settings<migsim::ReturnSettings>().max_years_abroad = 10;
    table.load_table(context, scenario);
    return 0;
}
