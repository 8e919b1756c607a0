#include "ensemble/comparison.hpp"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "core/version.hpp"
#include "ensemble/rank_folds.hpp"
#include "io/summary_layouts.hpp"

namespace migsim {

namespace {

/// The series of a dataset or a margin in a comparison: its values in A and B and the difference.
struct PairIndex {
    std::size_t a = 0, b = 0, d = 0;
};

class ComparisonPlan {
public:
    ComparisonPlan(const OutputSchema& layout, const OutputContents& a, const OutputContents& b)
        : geometries_(dataset_geometries(layout, a)) {
        const std::vector<DatasetGeometry> in_b = dataset_geometries(layout, b);
        for (std::size_t g = 0; g < geometries_.size(); ++g)
            for (std::size_t k = 0; k < geometries_[g].coordinates.size(); ++k)
                if (geometries_[g].coordinates[k].labels != in_b[g].coordinates[k].labels)
                    throw std::invalid_argument(geometries_[g].layout.path + ": the labels of '" +
                                                geometries_[g].coordinates[k].name +
                                                "' differ between the scenarios (a comparison needs the same "
                                                "areas, period and groups)");
        const auto arrays = named_arrays(a);
        for (const DatasetGeometry& g : geometries_) {
            const bool integer = std::holds_alternative<std::vector<std::int64_t>>(g.values(arrays));
            const auto plan = [&](const std::string& name, std::size_t cells, std::size_t dims) {
                PairIndex p;
                p.a = add(name + " in A", integer, cells, false);
                p.b = add(name + " in B", integer, cells, false);
                p.d = add(name + " B - A", integer, cells, dims == 1);
                return p;
            };
            std::vector<PairIndex> margins;
            for (std::size_t m = 0; m < g.margins.size(); ++m)
                margins.push_back(plan(g.layout.path + " " + g.layout.margins[m].name, g.margins[m].cells,
                                       g.layout.margins[m].dims.size()));
            series_.push_back({plan(g.layout.path, g.cells, g.layout.dataset->dims.size()), margins});
        }
    }

    const std::vector<SeriesSpec>& specs() const { return specs_; }
    const std::vector<DatasetGeometry>& geometries() const { return geometries_; }
    const std::pair<PairIndex, std::vector<PairIndex>>& series(std::size_t g) const { return series_[g]; }

    std::vector<SeriesValues> observe(const OutputContents& a, const OutputContents& b) const {
        const auto in_a = named_arrays(a);
        const auto in_b = named_arrays(b);
        std::vector<SeriesValues> values(specs_.size());
        for (std::size_t g = 0; g < geometries_.size(); ++g) {
            const DatasetGeometry& geometry = geometries_[g];
            const auto fill = [&](const PairIndex& p, SeriesValues x, SeriesValues y) {
                values[p.d] = difference(y, x);
                values[p.a] = std::move(x);
                values[p.b] = std::move(y);
            };
            const SeriesValues x = geometry.values(in_a);
            const SeriesValues y = geometry.values(in_b);
            for (std::size_t m = 0; m < geometry.margins.size(); ++m)
                fill(series_[g].second[m], geometry.margins[m].sum(x), geometry.margins[m].sum(y));
            fill(series_[g].first, x, y);
        }
        return values;
    }

private:
    std::size_t add(const std::string& name, bool integer, std::size_t cells, bool keep) {
        specs_.push_back({name, integer, cells, keep});
        return specs_.size() - 1;
    }

    std::vector<SeriesSpec> specs_;
    std::vector<DatasetGeometry> geometries_;
    std::vector<std::pair<PairIndex, std::vector<PairIndex>>> series_;
};

std::vector<std::pair<std::string, std::vector<double>>>
pair_statistics(const PairIndex& p, const std::vector<SeriesSummary>& moments) {
    const SeriesSummary& a = moments[p.a];
    const SeriesSummary& b = moments[p.b];
    const SeriesSummary& d = moments[p.d];
    const double n = static_cast<double>(d.count);
    const std::size_t cells = d.cells.size();
    std::vector<std::pair<std::string, std::vector<double>>> out;
    const auto add = [&](const char* name, auto&& value_of) {
        std::vector<double> values(cells);
        for (std::size_t i = 0; i < cells; ++i)
            values[i] = value_of(i);
        out.emplace_back(name, std::move(values));
    };
    add("mean_a", [&](std::size_t i) { return a.cells[i].mean; });
    add("mean_b", [&](std::size_t i) { return b.cells[i].mean; });
    add("difference", [&](std::size_t i) { return d.cells[i].mean; });
    add("difference_se", [&](std::size_t i) { return std::sqrt(d.cells[i].variance / n); });
    add("independent_se",
        [&](std::size_t i) { return std::sqrt((a.cells[i].variance + b.cells[i].variance) / n); });
    add("variance_ratio", [&](std::size_t i) {
        const double independent = a.cells[i].variance + b.cells[i].variance;
        return independent > 0.0 ? d.cells[i].variance / independent : 0.0;
    });
    return out;
}

std::string label_text(const Coordinate& coordinate, std::size_t i) {
    if (const auto* texts = std::get_if<std::vector<std::string>>(&coordinate.labels))
        return (*texts)[i];
    return std::to_string(std::get<std::vector<std::int32_t>>(coordinate.labels)[i]);
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.5g", value);
    return text;
}

} // namespace

std::optional<ComparisonResult> run_comparison(const Scenario& a, const Scenario& b,
                                               const ComparisonOptions& options, const Ranks& ranks) {
    if (options.replicates < 2)
        throw std::invalid_argument("a comparison needs at least 2 replicates");
    const OutputSchema& layout = options.run_layout ? *options.run_layout : output_schema();
    // Both scenarios run with A's seeds: the same seed gives the same draws to the same persons.
    const ReplicateSeeds seeds(a, options.base_population);
    // Not a structured binding: the progress lambda below captures them (clang 14 cannot).
    const auto share = ranks.share_of(options.replicates);
    const std::uint64_t first = share.first, last = share.second;
    const ThreadPlan threads = plan_threads(options.threads, last - first, ranks);
    std::unique_ptr<Runner> runner_a;
    std::unique_ptr<Runner> runner_b;
    if (first < last && seeds.base_population == BasePopulation::shared) {
        runner_a = std::make_unique<Runner>(scenario_with(a, seeds.overrides(first), threads.per_job));
        const Scenario b_first = scenario_with(b, seeds.overrides(first), threads.per_job);
        if (!runner_a->shares_base_population(b_first))
            runner_b = std::make_unique<Runner>(b_first);
    }
    const auto run = [&](const Scenario& scenario, const Runner* runner, int replicate_threads) {
        return runner ? runner->run(scenario, replicate_threads, {}, options.modules)
                      : run_pipeline(scenario, replicate_threads, {}, options.modules);
    };

    RankFolds<ComparisonPlan> folds(first, last, options.replicates);
    std::atomic<std::uint64_t> done{0};
    folds.run(threads, ranks, [&](std::uint64_t r, int replicate_threads) {
        try {
            const Scenario scenario_a = scenario_with(a, seeds.overrides(r), replicate_threads);
            const Scenario scenario_b = scenario_with(b, seeds.overrides(r), replicate_threads);
            const OutputContents in_a =
                output_contents(scenario_a, run(scenario_a, runner_a.get(), replicate_threads));
            const OutputContents in_b = output_contents(
                scenario_b, run(scenario_b, runner_b ? runner_b.get() : runner_a.get(), replicate_threads));
            folds.add(
                r, [&] { return ComparisonPlan(layout, in_a, in_b); },
                [&](const ComparisonPlan& plan) { return plan.observe(in_a, in_b); });
        } catch (const std::exception& error) {
            throw std::runtime_error("replicate " + std::to_string(r) + " (seed " +
                                     std::to_string(seeds.run_seed(r)) + "): " + error.what());
        }
        if (options.progress)
            options.progress(++done, last - first);
    });
    if (!ranks.first())
        return std::nullopt;

    ComparisonResult result;
    result.replicates = options.replicates;
    result.seeds = seeds;
    for (std::uint64_t r = 0; r < options.replicates; ++r)
        result.run_seeds.push_back(seeds.run_seed(r));
    result.threads = threads.total();
    result.ranks = ranks.size();
    result.scenario_a = scenario_with(a, seeds.overrides(0), threads.per_job);
    result.scenario_b = scenario_with(b, seeds.overrides(0), threads.per_job);
    result.run_layout = &layout;
    result.datasets = folds.plan().geometries();
    const std::vector<SeriesSummary> moments = folds.summaries();
    for (std::size_t g = 0; g < result.datasets.size(); ++g) {
        const DatasetGeometry& geometry = result.datasets[g];
        const auto summary = [&](const PairIndex& p, const std::string& margin,
                                 const std::vector<Coordinate>& c) {
            return DatasetSummary{comparison_group_path(geometry.layout.path, margin),
                                  geometry.layout.path,
                                  margin,
                                  c,
                                  pair_statistics(p, moments),
                                  moments[p.d].replicates};
        };
        const auto& [whole, margins] = folds.plan().series(g);
        result.summaries.push_back(summary(whole, "", geometry.coordinates));
        for (std::size_t m = 0; m < geometry.margins.size(); ++m)
            result.summaries.push_back(
                summary(margins[m], geometry.layout.margins[m].name, geometry.margins[m].coordinates));
    }
    return result;
}

std::vector<ComparisonTotal> comparison_totals(const ComparisonResult& result) {
    std::vector<ComparisonTotal> totals;
    for (const DatasetGeometry& g : result.datasets) {
        if (!g.layout.counts)
            continue;
        const auto& dims = g.layout.dataset->dims;
        const std::string margin = dims.size() == 1 ? "" : "by_" + dims.front();
        for (const DatasetSummary& s : result.summaries) {
            if (s.source != g.layout.path || s.margin != margin)
                continue;
            const std::size_t last = s.coordinates.front().size() - 1;
            const auto at = [&](const char* name) { return s.statistic(name)->at(last); };
            totals.push_back({g.layout.path, label_text(s.coordinates.front(), last), at("mean_a"),
                              at("mean_b"), at("difference"), at("difference_se"), at("independent_se"),
                              at("variance_ratio")});
        }
    }
    return totals;
}

OutputContents comparison_contents(const ComparisonResult& result) {
    OutputContents contents;
    const Scenario& a = result.scenario_a;
    contents.meta = {std::string(version()),
                     result.seeds.seed,
                     result.threads,
                     format_month(a.run.start),
                     a.run.months,
                     a.resolved_text,
                     {}};
    contents.meta.attributes = {
        {"layout", std::string(comparison_layout_name)},
        {"replicates", static_cast<std::int32_t>(result.replicates)},
        {"base_population", std::string(to_string(result.seeds.base_population))},
        {"base_population_seed", result.seeds.population_seed(0)},
        {"ranks", static_cast<std::int32_t>(result.ranks)},
        {"scenario_b", result.scenario_b.resolved_text},
    };
    std::vector<std::string> seeds;
    std::vector<std::int32_t> numbers;
    for (std::size_t r = 0; r < result.run_seeds.size(); ++r) {
        seeds.push_back(std::to_string(result.run_seeds[r]));
        numbers.push_back(static_cast<std::int32_t>(r));
    }
    contents.groups.push_back(
        {"/comparison/replicates", {{"seed", seeds}}, {{"replicate", {"seed"}, numbers}}});
    std::vector<std::string> datasets;
    std::vector<double> values;
    for (const ComparisonTotal& t : comparison_totals(result)) {
        datasets.push_back(t.dataset);
        values.insert(values.end(), {t.mean_a, t.mean_b, t.difference, t.difference_se, t.independent_se,
                                     t.variance_ratio});
    }
    contents.groups.push_back(
        {"/comparison/totals",
         {{"dataset", datasets},
          {"measure", std::vector<std::string>{"mean_a", "mean_b", "difference", "difference_se",
                                               "independent_se", "variance_ratio"}}},
         {{"value", {"dataset", "measure"}, values}}});
    for (const DatasetSummary& summary : result.summaries)
        contents.groups.push_back(summary_group(summary, result.replicates, "differences"));
    return contents;
}

std::string comparison_table(const ComparisonResult& result) {
    std::ostringstream out;
    char line[512];
    std::snprintf(line, sizeof line, "  %-36s %6s %14s %14s %24s %14s %10s\n", "dataset (total)", "at", "A",
                  "B", "B - A +- paired SE", "independent SE", "var. ratio");
    out << line;
    for (const ComparisonTotal& t : comparison_totals(result)) {
        std::snprintf(line, sizeof line, "  %-36s %6s %14s %14s %24s %14s %10s\n", t.dataset.c_str(),
                      t.reference.c_str(), number(t.mean_a).c_str(), number(t.mean_b).c_str(),
                      (number(t.difference) + " +- " + number(t.difference_se)).c_str(),
                      number(t.independent_se).c_str(), number(t.variance_ratio).c_str());
        out << line;
    }
    return out.str();
}

} // namespace migsim
