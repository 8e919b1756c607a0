// run_ensemble: the replicates of a rank on its threads, folded as they finish; the ranks' folds
// absorbed by the first in rank order; the statistics of docs/ensembles.md from the moments.
#include "ensemble/ensemble.hpp"

#include <atomic>
#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "ensemble/ensemble_plan.hpp"
#include "ensemble/rank_folds.hpp"
#include "io/hdf5_writer.hpp"
#include "io/summary_layouts.hpp"

namespace migsim {

namespace {

/// The statistics of one dataset or margin from the moments of its series (docs/ensembles.md).
std::vector<std::pair<std::string, std::vector<double>>>
statistics(const SeriesIndex& s, const std::vector<SeriesSummary>& moments) {
    const SeriesSummary& x = moments[s.x];
    const std::size_t cells = x.cells.size();
    const double n = static_cast<double>(x.count);
    std::vector<std::pair<std::string, std::vector<double>>> out;
    const auto add = [&](const char* name, auto&& value_of) {
        std::vector<double> values(cells);
        for (std::size_t i = 0; i < cells; ++i)
            values[i] = value_of(i);
        out.emplace_back(name, std::move(values));
    };
    add("mean", [&](std::size_t i) { return x.cells[i].mean; });
    add("variance", [&](std::size_t i) { return x.cells[i].variance; });
    add("mc_se", [&](std::size_t i) { return std::sqrt(x.cells[i].variance / n); });
    add("variance_mc_se", [&](std::size_t i) { return x.cells[i].variance * std::sqrt(2.0 / (n - 1.0)); });
    if (s.e == no_series)
        return out;
    const SeriesSummary& e = moments[s.e];
    const SeriesSummary& q = moments[s.q];
    const auto bias_se = [&](std::size_t i) { return std::sqrt(e.cells[i].variance / n); };
    const auto rmse = [&](std::size_t i) { return std::sqrt(e.cells[i].mean_square); };
    add("bias", [&](std::size_t i) { return e.cells[i].mean; });
    add("bias_mc_se", bias_se);
    add("rmse", rmse);
    // Morris, White & Crowther (2019), table 6: the MSE's Monte Carlo SE, carried to the RMSE by
    // the delta method.
    add("rmse_mc_se", [&](std::size_t i) {
        const double r = rmse(i);
        return r > 0.0 ? std::sqrt(q.cells[i].variance / n) / (2.0 * r) : 0.0;
    });
    if (s.t != no_series) {
        const SeriesSummary& t = moments[s.t];
        add("target_mean", [&](std::size_t i) { return t.cells[i].mean; });
        add("relative_bias",
            [&](std::size_t i) { return t.cells[i].mean != 0.0 ? e.cells[i].mean / t.cells[i].mean : 0.0; });
        add("relative_bias_mc_se", [&](std::size_t i) {
            return t.cells[i].mean != 0.0 ? bias_se(i) / std::abs(t.cells[i].mean) : 0.0;
        });
    }
    if (s.c != no_series) {
        const SeriesSummary& c = moments[s.c];
        const SeriesSummary& v = moments[s.v];
        add("coverage", [&](std::size_t i) { return c.cells[i].mean; });
        add("coverage_mc_se", [&](std::size_t i) {
            const double p = c.cells[i].mean;
            return std::sqrt(p * (1.0 - p) / n);
        });
        add("estimated_variance", [&](std::size_t i) { return v.cells[i].mean; });
        add("se_ratio", [&](std::size_t i) {
            return x.cells[i].variance > 0.0 ? std::sqrt(v.cells[i].mean / x.cells[i].variance) : 0.0;
        });
    }
    return out;
}

std::vector<DatasetSummary> summaries_of(const EnsemblePlan& plan,
                                         const std::vector<SeriesSummary>& moments) {
    std::vector<DatasetSummary> result;
    for (std::size_t g = 0; g < plan.geometries().size(); ++g) {
        const DatasetGeometry& geometry = plan.geometries()[g];
        const auto summary = [&](const SeriesIndex& s, std::string margin,
                                 std::vector<Coordinate> coordinates) {
            DatasetSummary d;
            d.path = ensemble_group_path(geometry.layout.path, margin);
            d.source = geometry.layout.path;
            d.margin = std::move(margin);
            d.coordinates = std::move(coordinates);
            d.statistics = statistics(s, moments);
            d.replicates = moments[s.x].replicates;
            return d;
        };
        result.push_back(summary(plan.dataset_series(g).front(), "", geometry.coordinates));
        for (std::size_t m = 0; m < geometry.margins.size(); ++m)
            result.push_back(summary(plan.margin_series(g)[m], geometry.layout.margins[m].name,
                                     geometry.margins[m].coordinates));
    }
    return result;
}

} // namespace

const std::vector<double>* DatasetSummary::statistic(std::string_view name) const {
    for (const auto& [statistic_name, values] : statistics)
        if (statistic_name == name)
            return &values;
    return nullptr;
}

std::optional<EnsembleResult> run_ensemble(const Scenario& scenario, const EnsembleOptions& options,
                                           const Ranks& ranks) {
    if (options.replicates < 2)
        throw std::invalid_argument("an ensemble needs at least 2 replicates");
    const OutputSchema& run_layout = options.run_layout ? *options.run_layout : output_schema();
    const ReplicateSeeds seeds(scenario, options.base_population);
    // Not a structured binding: the progress lambda below captures them (clang 14 cannot).
    const auto share = ranks.share_of(options.replicates);
    const std::uint64_t first = share.first, last = share.second;
    const ThreadPlan threads = plan_threads(options.threads, last - first, ranks);

    // The shared base population is built once per rank, and each replicate starts from a copy.
    std::unique_ptr<Runner> runner;
    if (first < last && seeds.base_population == BasePopulation::shared)
        runner = std::make_unique<Runner>(scenario_with(scenario, seeds.overrides(first), threads.per_job));

    RankFolds<EnsemblePlan> folds(first, last, options.replicates);
    std::mutex write_mutex;
    std::atomic<std::uint64_t> done{0};
    const auto replicate = [&](std::uint64_t r, int replicate_threads) {
        const Scenario replicate_scenario = scenario_with(scenario, seeds.overrides(r), replicate_threads);
        const PipelineResults results =
            runner ? runner->run(replicate_scenario, replicate_threads, {}, options.modules)
                   : run_pipeline(replicate_scenario, replicate_threads, {}, options.modules);
        const OutputContents contents = output_contents(replicate_scenario, results);
        if (!options.keep_folder.empty()) {
            // The HDF5 library serialises nothing itself: one file is written at a time.
            const std::lock_guard lock(write_mutex);
            const auto path =
                std::filesystem::path(options.keep_folder) / ("replicate_" + std::to_string(r) + ".h5");
            write_output(path.string(), contents, run_layout);
        }
        folds.add(
            r, [&] { return EnsemblePlan(run_layout, contents); },
            [&](const EnsemblePlan& plan) { return plan.observe(contents); });
        if (options.progress)
            options.progress(++done, last - first);
    };
    folds.run(threads, ranks, [&](std::uint64_t r, int replicate_threads) {
        try {
            replicate(r, replicate_threads);
        } catch (const std::exception& error) {
            throw std::runtime_error("replicate " + std::to_string(r) + " (seed " +
                                     std::to_string(seeds.run_seed(r)) + "): " + error.what());
        }
    });
    if (!ranks.first())
        return std::nullopt;

    EnsembleResult result;
    result.replicates = options.replicates;
    result.seeds = seeds;
    for (std::uint64_t r = 0; r < options.replicates; ++r)
        result.run_seeds.push_back(seeds.run_seed(r));
    result.threads = threads.total();
    result.ranks = ranks.size();
    result.scenario = scenario_with(scenario, seeds.overrides(0), threads.per_job);
    result.run_layout = &run_layout;
    result.datasets = folds.plan().geometries();
    result.summaries = summaries_of(folds.plan(), folds.summaries());
    return result;
}

} // namespace migsim
