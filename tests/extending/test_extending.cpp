// The worked example of docs/extending.md, compiled and run: a process with a person column, a
// stream and a flow of its own (hiccups.*), and a source of its own (death_notifications.*), each
// added to a run by listing it, with their output fragments. The process's flow must follow its
// rate, adding an independent draw must leave every figure of the first version's processes
// unchanged, bit for bit, and the output with the modules' groups must be valid against the schema
// assembled with their fragments, identities included.
#include <cmath>
#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include "extending/death_notifications.hpp"
#include "extending/hiccups.hpp"
#include "extending/hiccups_settings.hpp"
#include "io/hdf5_writer.hpp"
#include "io/output_error.hpp"
#include "io/output_schema.hpp"
#include "io/output_validator.hpp"
#include "model/model.hpp"
#include "modules/modules.hpp"
#include "pipeline/pipeline.hpp"
#include "support/scenario_checks.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

std::vector<std::string> small() {
    return {"population.scale=0.02", "run.months=24", "population.areas=30", "example.hiccups.rate=0.9"};
}

/// The default scenario, small, loaded with the schema of every module and the example's section,
/// as sim/modules/modules.cpp would list it.
Scenario small_scenario() {
    Schema schema = default_schema();
    schema.push_back(&example::hiccups_parameters());
    ScenarioLoad load = load_scenario(schema, testing::synthetic_baseline_path(), small());
    for (const ScenarioProblem& problem : load.problems)
        ADD_FAILURE() << problem.to_string();
    if (!load.ok())
        throw std::runtime_error("the scenario did not load");
    return *load.scenario;
}

TEST(Extending, AnAddedProcessAndSourceRunAndLeaveTheFirstVersionUnchanged) {
    const Scenario scenario = small_scenario();
    // The added process, listed as model/added_processes.cpp would list it: after the processes
    // already listed there (a list given to the Model replaces that one).
    std::vector<ProcessFactory> added(added_processes().begin(), added_processes().end());
    added.push_back(&example::make_hiccups);
    example::DeathNotifications notifications(scenario, 2);
    Model with(scenario, 2, {&notifications}, added);
    const RunResults extended = with.run();
    Model without(scenario, 2, {});
    const RunResults first_version = without.run();

    // Every stock and flow of the first version, bit for bit: the hiccups draw from a stream of
    // their own and compete with nothing.
    EXPECT_EQ(extended.truth.population.values, first_version.truth.population.values);
    for (const FlowInfo& info : first_version.truth.flow_info)
        EXPECT_EQ(extended.truth.flow(info.name).values, first_version.truth.flow(info.name).values)
            << info.name;
    EXPECT_EQ(extended.truth.at_risk_months.values, first_version.truth.at_risk_months.values);

    // Hiccups: binomial over the person-months at risk, with probability rate / 12 each.
    const double person_months = std::accumulate(extended.truth.at_risk_months.values.begin(),
                                                 extended.truth.at_risk_months.values.end(), 0.0);
    EXPECT_EQ(scenario.settings<example::HiccupsSettings>().rate, 0.9);
    const double p = 0.9 / 12.0;
    const double expected = person_months * p;
    const double se = std::sqrt(person_months * p * (1.0 - p));
    const auto hiccups = static_cast<double>(extended.truth.flow("hiccups").total());
    EXPECT_NEAR(hiccups, expected, 4.0 * se) << "expected " << expected << " (SE " << se << ")";

    // The column counts each person's hiccups: those present at the end had at most all of them,
    // and on average rate / 12 per month lived in the country.
    std::int64_t in_column = 0;
    const auto& layout = with.state().layout;
    std::size_t column_index = layout.size();
    for (std::size_t c = 0; c < layout.size(); ++c)
        if (layout.info(c).name == "example.hiccups")
            column_index = c;
    ASSERT_LT(column_index, layout.size());
    EXPECT_EQ(layout.info(column_index).owner, "hiccups");
    const Column<std::uint16_t> column{static_cast<std::uint32_t>(column_index)};
    for (const PersonTable& table : with.population().persons)
        for (std::size_t row = 0; row < table.size(); ++row)
            in_column += table.at(column, row);
    EXPECT_GT(in_column, 0);
    EXPECT_LE(static_cast<double>(in_column), hiccups);

    // The source: one notification per death in the country, each once, two months later.
    const auto deaths = extended.truth.flow("deaths").total();
    ASSERT_EQ(static_cast<std::int64_t>(notifications.records().size()), deaths);
    std::set<PersonId> notified;
    for (const example::DeathNotification& record : notifications.records()) {
        EXPECT_TRUE(notified.insert(record.person).second);
        EXPECT_EQ(record.received, record.died + 2);
    }
}

TEST(Extending, AnAddedModulesParameterMayChangeDuringTheRun) {
    // No hiccups from the second year on: the example refreshes its probability when told.
    Schema schema = default_schema();
    schema.push_back(&example::hiccups_parameters());
    std::vector<std::string> overrides = small();
    for (const char* change : {"changes.cure.key=example.hiccups.rate", "changes.cure.shape=step",
                               "changes.cure.from=2014-01", "changes.cure.value=0"})
        overrides.emplace_back(change);
    const ScenarioLoad load = load_scenario(schema, testing::synthetic_baseline_path(), overrides);
    ASSERT_TRUE(load.ok()) << (load.problems.empty() ? "" : load.problems[0].to_string());
    const ProcessFactory added[] = {&example::make_hiccups};
    const RunResults results = Model(*load.scenario, 2, {}, added).run();
    const auto& hiccups = results.truth.flow("hiccups");
    EXPECT_GT(hiccups.total(0), 0);
    EXPECT_EQ(hiccups.total(1), 0);
}

TEST(Extending, TheModulesOutputsAreValidAgainstTheSchemaWithTheirFragments) {
    const Scenario scenario = small_scenario();
    // The processes every run adds (their groups are in every file), then the example's.
    std::vector<ProcessFactory> processes(added_processes().begin(), added_processes().end());
    processes.push_back(&example::make_hiccups);
    const SourceFactory sources[] = {&example::make_death_notifications};
    const PipelineResults results = run_pipeline(scenario, 2, {}, AddedModules{processes, sources});
    ASSERT_EQ(results.sources.added.size(), 1u);

    // The schema with the modules' fragments, each a line in the list of fragments.
    const std::filesystem::path here = std::filesystem::path(MIGSIM_SOURCE_DIR) / "tests" / "extending";
    const std::string hiccups_fragment = testing::read_text(here / "hiccups.toml");
    const std::string notifications_fragment = testing::read_text(here / "death_notifications.toml");
    std::vector<SchemaFile> files = builtin_schema_files();
    files.push_back({"hiccups.toml", hiccups_fragment});
    files.push_back({"death_notifications.toml", notifications_fragment});
    SchemaIndex index = schema_index(files);
    index.fragments.push_back("hiccups.toml");
    index.fragments.push_back("death_notifications.toml");
    const OutputSchema schema = assemble_output_schema(index, files);

    const std::filesystem::path folder = testing::test_folder();
    const std::string path = (folder / "run.h5").string();
    OutputContents contents = output_contents(scenario, results);
    write_output(path, contents, schema);
    EXPECT_EQ(validate_output(path, schema), std::vector<std::string>{});
    // Without the fragments the writer refuses the modules' datasets.
    EXPECT_THROW(write_output((folder / "other.h5").string(), contents), OutputError);

    // The source's identity is checked: one notification lost fails validation.
    for (OutputGroup& group : contents.groups)
        if (group.path == "/sources/death_notifications")
            std::get<std::vector<std::int32_t>>(group.arrays[0].values)[3] -= 1;
    write_output((folder / "wrong.h5").string(), contents, schema);
    const auto problems = validate_output((folder / "wrong.h5").string(), schema);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("identity 'every death notified'"), std::string::npos) << problems[0];
}

} // namespace
} // namespace migsim
