// output_contents: what a run writes, as the list of its contributors in the order of
// output_schemas/migsim_output.toml. Each builds its own groups or /inputs tables next to its
// module; the shared coordinates come from io/output_coordinates.hpp.
#include "core/version.hpp"
#include "io/output_coordinates.hpp"
#include "model/truth_output.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/timeline_output.hpp"
#include "processes/emigration.hpp"
#include "processes/fertility.hpp"
#include "processes/immigration.hpp"
#include "processes/internal_migration.hpp"
#include "processes/mortality.hpp"
#include "processes/returns.hpp"

namespace migsim {

namespace {

/// The attributes of /meta (output_schemas/run_metadata.toml).
RunMetadata run_metadata(const Scenario& scenario, const RunResults& run) {
    return {std::string(version()),           scenario.run.seed,   run.threads,
            format_month(scenario.run.start), scenario.run.months, scenario.resolved_text};
}

/// The /inputs group and its coordinates (output_schemas/inputs.toml); its tables come from the
/// processes, the register and the area table.
OutputGroup inputs_group(const Scenario& scenario, const RunResults& run) {
    std::vector<std::string> origins{"native_born"};
    origins.insert(origins.end(), scenario.groups.names.begin(), scenario.groups.names.end());
    return {"/inputs",
            {sex_coordinate(),
             age_coordinate(),
             {"status", labels(emigration_status_names)},
             {"origin", origins},
             {"group", scenario.groups.names},
             {"birthplace", labels(birthplace_names)},
             {"years_abroad", sequence(0, scenario.settings<ReturnSettings>().max_years_abroad)},
             area_coordinate(run.areas)},
            {}};
}

} // namespace

OutputContents output_contents(const Scenario& scenario, const PipelineResults& results) {
    const RunResults& run = results.run;
    OutputContents contents;
    contents.meta = run_metadata(scenario, run);

    OutputGroup inputs = inputs_group(scenario, run);
    inputs.add(mortality_inputs(scenario.settings<MortalitySettings>()));
    inputs.add(fertility_inputs(scenario.settings<FertilitySettings>()));
    inputs.add(emigration_inputs(scenario.settings<EmigrationSettings>()));
    inputs.add(internal_migration_inputs(scenario.settings<InternalMigrationSettings>()));
    inputs.add(immigration_inputs(scenario.settings<ImmigrationSettings>(), scenario.population.scale));
    inputs.add(emigration_destination_inputs(scenario.settings<EmigrationSettings>()));
    inputs.add(return_inputs(scenario.settings<ReturnSettings>()));
    inputs.add(register_inputs(scenario.settings<RegisterSettings>()));
    inputs.add(area_inputs(run));
    contents.groups.push_back(std::move(inputs));
    if (auto timeline = timeline_group(scenario))
        contents.groups.push_back(std::move(*timeline));
    for (OutputGroup& group : calibration_groups(scenario.settings<InternalMigrationSettings>(), run.areas))
        contents.groups.push_back(std::move(group));

    for (OutputGroup& group : truth_groups(run))
        contents.groups.push_back(std::move(group));
    // The processes' own groups (Process::add_output), each declared by its fragment.
    contents.groups.insert(contents.groups.end(), run.groups.begin(), run.groups.end());
    const auto stock_cells =
        year_area_sex_age(run.calendar.first_year, run.calendar.population_years, run.areas);
    contents.groups.push_back(register_group(results.sources.population_register, stock_cells));
    contents.groups.push_back(register_population_group(results.estimates.register_population, stock_cells));
    contents.groups.push_back(
        population_scores_group("/scores/register", results.scores.register_population, stock_cells));
    for (const auto& source : results.sources.added)
        source->add_output(contents.groups, stock_cells);
    return contents;
}

} // namespace migsim
