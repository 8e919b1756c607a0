#include "ensemble/ensemble_plan.hpp"

#include <cmath>

namespace migsim {

namespace {

bool is_integer(const SeriesValues& values) {
    return std::holds_alternative<std::vector<std::int64_t>>(values);
}

/// 1 where value +- z sqrt(variance) holds the target (a negative or undefined variance holds
/// nothing), else 0.
std::vector<std::int64_t> covered(const std::vector<double>& value, const std::vector<double>& target,
                                  const std::vector<double>& variance) {
    std::vector<std::int64_t> hit(value.size(), 0);
    for (std::size_t i = 0; i < value.size(); ++i)
        hit[i] = variance[i] >= 0.0 &&
                 std::abs(value[i] - target[i]) <= normal_quantile_975 * std::sqrt(variance[i]);
    return hit;
}

} // namespace

std::size_t EnsemblePlan::add(const std::string& name, bool integer, std::size_t cells, bool keep) {
    specs_.push_back({name, integer, cells, keep});
    return specs_.size() - 1;
}

EnsemblePlan::EnsemblePlan(const OutputSchema& run_layout, const OutputContents& first)
    : geometries_(dataset_geometries(run_layout, first)) {
    const auto arrays = named_arrays(first);
    for (const DatasetGeometry& g : geometries_) {
        const DatasetSchema& d = *g.layout.dataset;
        const bool integer = is_integer(g.values(arrays));
        const bool targeted = !d.target.empty();
        const bool integer_error = integer && (!g.has_target || g.integer_target);
        const auto plan = [&](const std::string& name, std::size_t cells,
                              const std::vector<std::string>& dims, bool with_variance) {
            SeriesIndex s;
            s.x = add(name, integer, cells, keeps_replicates(dims));
            if (targeted) {
                if (g.has_target) {
                    s.t = add(name + " target", g.integer_target, cells, false);
                    s.e = add(name + " error", integer_error, cells, false);
                } else {
                    s.e = s.x;
                }
                s.q = add(name + " squared error", false, cells, false);
                if (with_variance) {
                    s.c = add(name + " coverage", true, cells, false);
                    s.v = add(name + " variance", false, cells, false);
                }
            }
            return s;
        };
        std::vector<SeriesIndex> margins;
        for (std::size_t m = 0; m < g.margins.size(); ++m)
            margins.push_back(plan(g.layout.path + " " + g.layout.margins[m].name, g.margins[m].cells,
                                   g.layout.margins[m].dims, false));
        series_.push_back({{plan(g.layout.path, g.cells, d.dims, !g.layout.variance_path.empty())}, margins});
    }
}

std::vector<SeriesValues> EnsemblePlan::observe(const OutputContents& contents) const {
    const auto arrays = named_arrays(contents);
    std::vector<SeriesValues> values(specs_.size());
    for (std::size_t i = 0; i < geometries_.size(); ++i) {
        const DatasetGeometry& g = geometries_[i];
        const auto fill = [&](const SeriesIndex& s, SeriesValues x, const SeriesValues* target,
                              const std::vector<double>* variance) {
            if (s.e != no_series && s.e != s.x) {
                values[s.t] = *target;
                values[s.e] = difference(x, *target);
            }
            if (s.q != no_series)
                values[s.q] = squares(s.e == s.x ? x : values[s.e]);
            if (s.c != no_series) {
                values[s.c] =
                    covered(reals(x), target ? reals(*target) : std::vector<double>(g.cells, 0.0), *variance);
                values[s.v] = *variance;
            }
            values[s.x] = std::move(x);
        };
        const SeriesValues x = g.values(arrays);
        std::optional<SeriesValues> target;
        if (g.has_target)
            target = g.target_values(arrays);
        std::optional<std::vector<double>> variance;
        if (!g.layout.variance_path.empty())
            variance = g.variance_values(arrays);
        for (std::size_t m = 0; m < g.margins.size(); ++m) {
            const CellMap& map = g.margins[m];
            std::optional<SeriesValues> margin_target;
            if (target)
                margin_target = map.sum(*target);
            fill(series_[i].second[m], map.sum(x), margin_target ? &*margin_target : nullptr, nullptr);
        }
        fill(series_[i].first.front(), x, target ? &*target : nullptr, variance ? &*variance : nullptr);
    }
    return values;
}

} // namespace migsim
