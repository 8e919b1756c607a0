// A sensitivity study's file (output_schemas/sensitivity/) and its table on the screen.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/version.hpp"
#include "io/summary_layouts.hpp"
#include "sensitivity/sensitivity.hpp"

namespace migsim {

namespace {

std::vector<std::int32_t> sequence_of(std::size_t n) {
    std::vector<std::int32_t> labels(n);
    for (std::size_t i = 0; i < n; ++i)
        labels[i] = static_cast<std::int32_t>(i);
    return labels;
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

/// [output][factor] of a per-output statistic.
template <class Indices>
std::vector<double> by_output_factor(const std::vector<Indices>& all, std::vector<double> Indices::*member) {
    std::vector<double> values;
    for (const Indices& indices : all)
        values.insert(values.end(), (indices.*member).begin(), (indices.*member).end());
    return values;
}

} // namespace

OutputContents study_contents(const StudyResult& result) {
    const Study& study = result.study;
    const std::size_t points = result.design.points();
    const std::size_t k = study.factors.size();
    std::vector<std::string> outputs, factors;
    for (const StudyOutput& o : study.outputs)
        outputs.push_back(o.name);
    for (const Factor& f : study.factors)
        factors.push_back(f.key);

    OutputContents contents;
    contents.meta.migsim_version = std::string(version());
    contents.meta.seed = study.seed;
    contents.meta.threads = result.threads;
    contents.meta.scenario = result.scenario;
    contents.meta.attributes = {
        {"layout", std::string(sensitivity_layout_name)},
        {"method", std::string(to_string(study.method))},
        {"replicates", static_cast<std::int32_t>(study.replicates)},
        {"ranks", static_cast<std::int32_t>(result.ranks)},
        {"study", study.text},
        {"base_population", std::string(result.scenario.empty() ? "none" : "shared")},
        {"run_seed", result.run_seed},
    };
    const Coordinate output{"output", outputs};
    const Coordinate factor{"factor", factors};
    contents.groups.push_back({"/sensitivity",
                               {output, factor},
                               {{"noise_variance", {"output"}, result.noise_variance},
                                {"output_variance", {"output"}, result.output_variance}}});

    std::vector<double> values(points * k);
    for (std::size_t p = 0; p < points; ++p)
        for (std::size_t i = 0; i < k; ++i)
            values[p * k + i] = study.factors[i].value(result.design.point(p)[i]);
    contents.groups.push_back({"/sensitivity/design",
                               {{"point", sequence_of(points)}, factor, output},
                               {{"unit_value", {"point", "factor"}, result.design.unit},
                                {"value", {"point", "factor"}, values},
                                {"output_value", {"point", "output"}, result.values},
                                {"noise_variance", {"point", "output"}, result.noise}}});

    if (study.method == StudyMethod::morris) {
        const double delta = morris_delta(study.levels);
        std::vector<double> noise_effect;
        for (const double v : result.noise_variance)
            noise_effect.push_back(std::sqrt(2.0 * v / study.replicates) / delta);
        // The effects are stored [trajectory][factor] per output: [output][trajectory][factor].
        const std::vector<double> effects = by_output_factor(result.morris, &MorrisIndices::effects);
        contents.groups.push_back(
            {"/sensitivity/morris",
             {output, factor, {"trajectory", sequence_of(static_cast<std::size_t>(study.trajectories))}},
             {{"mu_star", {"output", "factor"}, by_output_factor(result.morris, &MorrisIndices::mu_star)},
              {"mu", {"output", "factor"}, by_output_factor(result.morris, &MorrisIndices::mu)},
              {"sigma", {"output", "factor"}, by_output_factor(result.morris, &MorrisIndices::sigma)},
              {"mu_star_mc_se",
               {"output", "factor"},
               by_output_factor(result.morris, &MorrisIndices::mu_star_se)},
              {"elementary_effects", {"output", "trajectory", "factor"}, effects},
              {"noise_effect", {"output"}, noise_effect}}});
    } else {
        const auto of = [&](std::vector<double> SobolIndices::*member) {
            return by_output_factor(result.sobol, member);
        };
        contents.groups.push_back({"/sensitivity/sobol",
                                   {output, factor},
                                   {{"first_order", {"output", "factor"}, of(&SobolIndices::first)},
                                    {"first_order_low", {"output", "factor"}, of(&SobolIndices::first_low)},
                                    {"first_order_high", {"output", "factor"}, of(&SobolIndices::first_high)},
                                    {"total", {"output", "factor"}, of(&SobolIndices::total)},
                                    {"total_low", {"output", "factor"}, of(&SobolIndices::total_low)},
                                    {"total_high", {"output", "factor"}, of(&SobolIndices::total_high)}}});
    }
    return contents;
}

std::string study_table(const StudyResult& result) {
    const Study& study = result.study;
    std::optional<ExactIndices> exact;
    if (study.model == AnalyticModel::ishigami)
        exact = ishigami_indices(study.a, study.b);
    else if (study.model == AnalyticModel::sobol_g)
        exact = sobol_g_indices(study.g_a);
    std::ostringstream out;
    char line[512];
    for (std::size_t o = 0; o < study.outputs.size(); ++o) {
        out << study.outputs[o].name << ": variance over the design " << number(result.output_variance[o])
            << ", noise variance of one run " << number(result.noise_variance[o]) << " (" << study.replicates
            << " replicate" << (study.replicates == 1 ? "" : "s") << " per point)\n";
        if (study.method == StudyMethod::morris) {
            const MorrisIndices& m = result.morris[o];
            std::snprintf(line, sizeof line, "  %-52s %12s %12s %12s %12s\n", "factor", "mu*", "+- MC SE",
                          "sigma", "mu");
            out << line;
            for (std::size_t i = 0; i < study.factors.size(); ++i) {
                std::snprintf(line, sizeof line, "  %-52s %12s %12s %12s %12s\n",
                              study.factors[i].key.c_str(), number(m.mu_star[i]).c_str(),
                              number(m.mu_star_se[i]).c_str(), number(m.sigma[i]).c_str(),
                              number(m.mu[i]).c_str());
                out << line;
            }
        } else {
            const SobolIndices& s = result.sobol[o];
            std::snprintf(line, sizeof line, "  %-40s %26s %26s%s\n", "factor", "first order [95% interval]",
                          "total [95% interval]", exact ? "   exact first, total" : "");
            out << line;
            for (std::size_t i = 0; i < study.factors.size(); ++i) {
                const std::string first =
                    number(s.first[i]) + " [" + number(s.first_low[i]) + ", " + number(s.first_high[i]) + "]";
                const std::string total =
                    number(s.total[i]) + " [" + number(s.total_low[i]) + ", " + number(s.total_high[i]) + "]";
                const std::string truth =
                    exact ? "   " + number(exact->first[i]) + ", " + number(exact->total[i]) : std::string();
                std::snprintf(line, sizeof line, "  %-40s %26s %26s%s\n", study.factors[i].key.c_str(),
                              first.c_str(), total.c_str(), truth.c_str());
                out << line;
            }
        }
    }
    return out.str();
}

} // namespace migsim
