#pragma once
// What the tests of the truth under each definition share: a run with the reference watching, the
// arrays of the module's output groups, and a comparison that names the first cell that differs.
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "calibration/base_population.hpp"
#include "definitions/reference_definitions.hpp"
#include "model/model.hpp"
#include "processes/migration_definitions.hpp"
#include "support/run_outputs.hpp"

namespace migsim::testing {

struct DefinitionsRun {
    RunResults results;
    MigrationAccounts expected; ///< the reference's figures
    std::int64_t base_persons = 0;
};

/// A run of `scenario` with the processes `added` (among them the module), watched by the reference,
/// which is told the planned end of every stay going on at the end (spell.planned_end, if a module
/// keeps it).
inline DefinitionsRun run_with_reference(const Scenario& scenario, int threads,
                                         std::span<const ProcessFactory> added) {
    const Population base = base_population(scenario);
    ReferenceDefinitions reference(scenario, base.area_count());
    Model model(scenario, base, {&reference}, threads, added);
    reference.start_abroad(model.abroad().persons);
    DefinitionsRun run;
    run.base_persons = static_cast<std::int64_t>(base.size());
    run.results = model.run();
    const ColumnLayout& layout = model.state().layout;
    if (layout.contains("spell.planned_end")) {
        const auto planned_end = layout.find<StoredMonth>("spell.planned_end");
        const auto read = [&](const PersonTable& persons) {
            for (std::size_t row = 0; row < persons.size(); ++row)
                reference.plans[persons.at(core.id, row)] = persons.at(planned_end, row);
        };
        for (const PersonTable& table : model.population().persons)
            read(table);
        read(model.abroad().persons);
    }
    run.expected = reference.expected(scenario.run.start + scenario.run.months);
    return run;
}

/// "" when equal, else how many cells differ and the first few, as indices over `shape`.
template <class T, class U>
std::string differences(const std::vector<T>& got, const std::vector<U>& want, std::vector<int> shape = {}) {
    if (got.size() != want.size())
        return "sizes differ: " + std::to_string(got.size()) + " against " + std::to_string(want.size());
    std::size_t count = 0;
    std::ostringstream listed;
    for (std::size_t i = 0; i < got.size(); ++i)
        if (static_cast<std::int64_t>(got[i]) != static_cast<std::int64_t>(want[i]) && count++ < 5) {
            std::vector<std::size_t> index(shape.size());
            std::size_t rest = i;
            for (std::size_t k = shape.size(); k-- > 0;) {
                index[k] = rest % static_cast<std::size_t>(shape[k]);
                rest /= static_cast<std::size_t>(shape[k]);
            }
            listed << " [";
            for (const std::size_t k : index)
                listed << k << " ";
            listed << "] " << got[i] << " against " << want[i] << ";";
        }
    if (count == 0)
        return "";
    std::ostringstream out;
    out << count << " cells differ:" << listed.str();
    return out.str();
}

/// Every figure of the module's output equals the reference's.
inline void expect_reference(const DefinitionsRun& run) {
    const MigrationAccounts& want = run.expected;
    const RunResults& got = run.results;
    const std::string stocks = "/truth/migration", flows = "/truth/migration/flows";
    const int p = want.population_years, f = want.flow_years, o = want.origins, g = want.partners,
              r = want.areas;
    EXPECT_EQ(differences(output_values(got, stocks, "population"), want.population, {p, 3, o, r, 2, 101}),
              "")
        << "population";
    EXPECT_EQ(differences(output_values(got, stocks, "circular"), want.circular, {p, 2, o, r, 2, 101}), "")
        << "circular";
    EXPECT_EQ(differences(output_values(got, stocks, "provisional"), want.population_provisional), "")
        << "provisional stocks";
    EXPECT_EQ(differences(output_values(got, stocks, "circular_provisional"), want.circular_provisional), "")
        << "circular provisional";
    EXPECT_EQ(differences(output_values(got, flows, "immigration"), want.immigration, {f, 3, g, r, 2, 101}),
              "")
        << "immigration";
    EXPECT_EQ(differences(output_values(got, flows, "emigration"), want.emigration, {f, 3, g, r, 2, 101}), "")
        << "emigration";
    EXPECT_EQ(differences(output_values(got, flows, "crossings"), want.crossings, {f, 2, 4, g, 2, 101}), "")
        << "crossings";
    EXPECT_EQ(differences(output_values(got, flows, "provisional"), want.flows_provisional), "")
        << "provisional flows";
    // Births and deaths reach the output in the balance: (year, definition, component).
    const auto& balance = output_values(got, "/truth/migration/balance", "persons");
    const std::size_t years = balance.size() / (n_definitions * 6);
    for (std::size_t y = 0; y < years; ++y)
        for (std::size_t d = 0; d < n_definitions; ++d) {
            EXPECT_EQ(balance[(y * n_definitions + d) * 6 + 1], want.births[y * n_definitions + d])
                << "births, year " << y << ", " << definition_names[d];
            EXPECT_EQ(balance[(y * n_definitions + d) * 6 + 2], want.deaths[y * n_definitions + d])
                << "deaths, year " << y << ", " << definition_names[d];
        }
}

} // namespace migsim::testing
