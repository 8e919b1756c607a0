#include "ensemble/quality_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace migsim {

namespace {

enum Measure : std::size_t {
    bias,
    bias_mc_se,
    relative_bias,
    rmse,
    rmse_mc_se,
    cell_rmse,
    coverage,
    coverage_mc_se,
    final_after,
    closure_error
};

std::string label_text(const Coordinate& coordinate, std::size_t i) {
    return std::visit(
        [&](const auto& labels) {
            if constexpr (std::is_same_v<std::decay_t<decltype(labels)>, std::vector<std::string>>)
                return labels[i];
            else
                return std::to_string(labels[i]);
        },
        coordinate.labels);
}

const DatasetSummary* find_summary(const EnsembleResult& result, const std::string& source,
                                   std::string_view margin) {
    for (const DatasetSummary& s : result.summaries)
        if (s.source == source && s.margin == margin)
            return &s;
    return nullptr;
}

/// The summary of a dataset's total by its first dim: the dataset itself when it has one dim, its
/// margin by the first dim when it has one.
const DatasetSummary* totals_by_first_dim(const EnsembleResult& result, const DatasetGeometry& g) {
    const auto& dims = g.layout.dataset->dims;
    if (dims.size() == 1)
        return find_summary(result, g.layout.path, "");
    if (dims.empty() || g.layout.margins.empty())
        return nullptr;
    return find_summary(result, g.layout.path, "by_" + dims.front());
}

/// Each replicate's totals by the labels of the first dim, keyed by label.
std::map<std::string, std::vector<double>> replicate_totals(const DatasetSummary& s) {
    std::map<std::string, std::vector<double>> by_label;
    const Coordinate& first = s.coordinates.front();
    for (std::size_t i = 0; i < first.size(); ++i)
        for (const std::vector<double>& replicate : s.replicates)
            by_label[label_text(first, i)].push_back(replicate[i]);
    return by_label;
}

/// The mean over replicates and years of |closure error|: the estimate's change from year y to
/// y + 1 less the true flows of year y, by the balancing identity of its target (nothing when the
/// layout declares none over the first dim).
std::optional<double> closure(const EnsembleResult& result, const DatasetGeometry& g,
                              const OutputSchema& layout) {
    const std::string& target = g.layout.dataset->target;
    const auto& dims = g.layout.dataset->dims;
    if (target.empty() || target == "zero" || dims.empty())
        return std::nullopt;
    const auto identity =
        std::find_if(layout.identities.begin(), layout.identities.end(), [&](const IdentitySchema& i) {
            return i.kind == IdentityKind::sum && i.result == target && i.result_at_next == dims.front() &&
                   std::find(i.plus.begin(), i.plus.end(), target) != i.plus.end();
        });
    const DatasetSummary* estimate = totals_by_first_dim(result, g);
    if (identity == layout.identities.end() || estimate == nullptr)
        return std::nullopt;
    std::vector<std::pair<double, std::map<std::string, std::vector<double>>>> flows;
    for (const auto& [sign, terms] : {std::pair{1.0, identity->plus}, std::pair{-1.0, identity->minus}})
        for (const std::string& term : terms) {
            if (term == target)
                continue;
            const auto geometry =
                std::find_if(result.datasets.begin(), result.datasets.end(),
                             [&](const DatasetGeometry& d) { return d.layout.path == term; });
            const DatasetSummary* totals =
                geometry == result.datasets.end() ? nullptr : totals_by_first_dim(result, *geometry);
            if (totals == nullptr || totals->coordinates.front().name != dims.front())
                return std::nullopt;
            flows.emplace_back(sign, replicate_totals(*totals));
        }
    const Coordinate& years = estimate->coordinates.front();
    const auto stocks = replicate_totals(*estimate);
    double sum = 0.0;
    std::size_t count = 0;
    for (std::size_t y = 0; y + 1 < years.size(); ++y) {
        const std::vector<double>& now = stocks.at(label_text(years, y));
        const std::vector<double>& next = stocks.at(label_text(years, y + 1));
        std::vector<double> residual(now.size());
        for (std::size_t r = 0; r < now.size(); ++r)
            residual[r] = next[r] - now[r];
        bool complete = true;
        for (const auto& [sign, totals] : flows) {
            const auto year = totals.find(label_text(years, y));
            if (year == totals.end()) {
                complete = false;
                break;
            }
            for (std::size_t r = 0; r < residual.size(); ++r)
                residual[r] -= sign * year->second[r];
        }
        if (!complete)
            continue;
        for (const double value : residual) {
            sum += std::abs(value);
            ++count;
        }
    }
    if (count == 0)
        return std::nullopt;
    return sum / static_cast<double>(count);
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.5g", value);
    return text;
}

std::string cell(const std::optional<double>& value) {
    return value ? number(*value) : "-";
}

} // namespace

std::vector<QualityRow> quality_report(const EnsembleResult& result, const OutputSchema& run_layout) {
    std::vector<QualityRow> rows;
    for (const DatasetGeometry& g : result.datasets) {
        const DatasetSchema& d = *g.layout.dataset;
        if (d.target.empty())
            continue;
        QualityRow row;
        row.estimate = g.layout.path;
        const DatasetSummary* whole = find_summary(result, g.layout.path, "");
        if (const DatasetSummary* totals = totals_by_first_dim(result, g)) {
            const std::size_t last = totals->coordinates.front().size() - 1;
            row.reference = label_text(totals->coordinates.front(), last);
            const auto at_last = [&](const char* name) -> std::optional<double> {
                const std::vector<double>* values = totals->statistic(name);
                return values ? std::optional(values->at(last)) : std::nullopt;
            };
            row.values[bias] = at_last("bias");
            row.values[bias_mc_se] = at_last("bias_mc_se");
            row.values[relative_bias] = at_last("relative_bias");
            row.values[rmse] = at_last("rmse");
            row.values[rmse_mc_se] = at_last("rmse_mc_se");
            // The cells at the first dim's last label are the first dim's last block of cells.
            const std::vector<double>& cell_values = *whole->statistic("rmse");
            const std::size_t block = cell_values.size() / totals->coordinates.front().size();
            double squares = 0.0;
            for (std::size_t i = cell_values.size() - block; i < cell_values.size(); ++i)
                squares += cell_values[i] * cell_values[i];
            row.values[cell_rmse] = block > 0 ? std::sqrt(squares / static_cast<double>(block)) : 0.0;
        }
        if (const std::vector<double>* covered = whole->statistic("coverage")) {
            // The mean coverage of the cells; its standard error treats the cells as independent.
            const double n = static_cast<double>(result.replicates);
            double sum = 0.0, variance = 0.0;
            for (const double c : *covered) {
                sum += c;
                variance += c * (1.0 - c) / n;
            }
            const double cells = static_cast<double>(covered->size());
            row.values[coverage] = sum / cells;
            row.values[coverage_mc_se] = std::sqrt(variance) / cells;
        }
        if (d.final_after)
            row.values[final_after] = *d.final_after;
        row.values[closure_error] = closure(result, g, run_layout);
        rows.push_back(std::move(row));
    }
    return rows;
}

OutputGroup quality_group(const std::vector<QualityRow>& rows) {
    std::vector<std::string> estimates;
    std::vector<double> values;
    std::vector<std::int32_t> available;
    for (const QualityRow& row : rows) {
        estimates.push_back(row.estimate);
        for (const auto& value : row.values) {
            values.push_back(value.value_or(0.0));
            available.push_back(value.has_value());
        }
    }
    std::vector<std::string> measures(quality_measures.begin(), quality_measures.end());
    return {"/ensemble/quality",
            {{"estimate", estimates}, {"measure", measures}},
            {{"value", {"estimate", "measure"}, values}, {"available", {"estimate", "measure"}, available}}};
}

std::string quality_table(const std::vector<QualityRow>& rows) {
    std::ostringstream out;
    out << "quality report (accuracy of the total at the last reference date, +- Monte Carlo SE; timeliness; "
           "coherence)\n";
    char header[256];
    std::snprintf(header, sizeof header, "  %-44s %6s %20s %9s %20s %10s %16s %6s %10s\n", "figure", "at",
                  "bias", "rel.bias", "RMSE", "cell RMSE", "coverage", "final", "closure");
    out << header;
    for (const QualityRow& row : rows) {
        const auto& v = row.values;
        const auto with_se = [](const std::optional<double>& value, const std::optional<double>& se) {
            return value ? number(*value) + (se ? " +- " + number(*se) : "") : std::string("-");
        };
        const std::string relative = v[relative_bias] ? number(100.0 * *v[relative_bias]) + "%" : "-";
        char line[512];
        std::snprintf(line, sizeof line, "  %-44s %6s %20s %9s %20s %10s %16s %6s %10s\n",
                      row.estimate.c_str(), row.reference.c_str(), with_se(v[bias], v[bias_mc_se]).c_str(),
                      relative.c_str(), with_se(v[rmse], v[rmse_mc_se]).c_str(), cell(v[cell_rmse]).c_str(),
                      with_se(v[coverage], v[coverage_mc_se]).c_str(), cell(v[final_after]).c_str(),
                      cell(v[closure_error]).c_str());
        out << line;
    }
    return out.str();
}

std::string ensemble_summary_table(const EnsembleResult& result) {
    std::ostringstream out;
    for (const DatasetGeometry& g : result.datasets) {
        if (g.layout.dataset->target.empty())
            continue;
        const DatasetSummary* totals = totals_by_first_dim(result, g);
        if (totals == nullptr)
            continue;
        out << g.layout.path << " (target " << g.layout.dataset->target << "), total by "
            << totals->coordinates.front().name << ":\n";
        const bool relative = totals->statistic("relative_bias") != nullptr;
        char header[256];
        std::snprintf(header, sizeof header, "  %8s %24s %10s %24s\n",
                      totals->coordinates.front().name.c_str(), "bias +- MC SE", relative ? "rel. bias" : "",
                      "RMSE +- MC SE");
        out << header;
        for (std::size_t i = 0; i < totals->coordinates.front().size(); ++i) {
            const auto value = [&](const char* name) { return totals->statistic(name)->at(i); };
            const std::string rel = relative ? number(100.0 * value("relative_bias")) + "%" : "";
            char line[256];
            std::snprintf(line, sizeof line, "  %8s %24s %10s %24s\n",
                          label_text(totals->coordinates.front(), i).c_str(),
                          (number(value("bias")) + " +- " + number(value("bias_mc_se"))).c_str(), rel.c_str(),
                          (number(value("rmse")) + " +- " + number(value("rmse_mc_se"))).c_str());
            out << line;
        }
    }
    return out.str();
}

} // namespace migsim
