// The contents of an ensemble file: output_schemas/ensemble/, then the summaries derived from the
// run's layout (io/summary_layouts.hpp).
#include "core/version.hpp"
#include "ensemble/ensemble.hpp"
#include "ensemble/quality_report.hpp"
#include "io/summary_layouts.hpp"

namespace migsim {

namespace {

std::vector<std::string> seed_labels(const std::vector<std::uint64_t>& seeds) {
    std::vector<std::string> labels;
    for (const std::uint64_t seed : seeds)
        labels.push_back(std::to_string(seed));
    return labels;
}

std::vector<std::int32_t> replicate_numbers(std::uint64_t replicates) {
    std::vector<std::int32_t> numbers(replicates);
    for (std::uint64_t r = 0; r < replicates; ++r)
        numbers[r] = static_cast<std::int32_t>(r);
    return numbers;
}

} // namespace

/// A summary's group: its statistics over its coordinates, and each replicate's values over the
/// replicate dim and its one dim when kept.
OutputGroup summary_group(const DatasetSummary& summary, std::uint64_t replicates,
                          const char* replicate_array) {
    OutputGroup group{summary.path, summary.coordinates, {}};
    std::vector<std::string> dims;
    for (const Coordinate& c : summary.coordinates)
        dims.push_back(c.name);
    for (const auto& [name, values] : summary.statistics)
        group.arrays.push_back({name, dims, values});
    if (keeps_replicates(dims)) {
        group.coordinates.insert(group.coordinates.begin(), {"replicate", replicate_numbers(replicates)});
        std::vector<double> values;
        for (const std::vector<double>& replicate : summary.replicates)
            values.insert(values.end(), replicate.begin(), replicate.end());
        std::vector<std::string> replicate_dims{"replicate"};
        replicate_dims.insert(replicate_dims.end(), dims.begin(), dims.end());
        group.arrays.push_back({replicate_array, replicate_dims, std::move(values)});
    }
    return group;
}

OutputContents ensemble_contents(const EnsembleResult& result) {
    OutputContents contents;
    const Scenario& scenario = result.scenario;
    contents.meta = {std::string(version()),
                     result.seeds.seed,
                     result.threads,
                     format_month(scenario.run.start),
                     scenario.run.months,
                     scenario.resolved_text,
                     {}};
    contents.meta.attributes = {
        {"layout", std::string(ensemble_layout_name)},
        {"replicates", static_cast<std::int32_t>(result.replicates)},
        {"base_population", std::string(to_string(result.seeds.base_population))},
        {"base_population_seed", result.seeds.population_seed(0)},
        {"ranks", static_cast<std::int32_t>(result.ranks)},
    };
    contents.groups.push_back({"/ensemble/replicates",
                               {{"seed", seed_labels(result.run_seeds)}},
                               {{"replicate", {"seed"}, replicate_numbers(result.replicates)}}});
    contents.groups.push_back(quality_group(quality_report(result, *result.run_layout)));
    for (const DatasetSummary& summary : result.summaries)
        contents.groups.push_back(summary_group(summary, result.replicates, "replicates"));
    return contents;
}

} // namespace migsim
