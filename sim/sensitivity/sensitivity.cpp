#include "sensitivity/sensitivity.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "ensemble/moments.hpp"
#include "ensemble/replicates.hpp"
#include "ensemble/run_datasets.hpp"

namespace migsim {

namespace {

std::string at_line(const std::string& path, int line) {
    return path + ":" + std::to_string(line) + ": ";
}

std::string label_text(const Coordinate& coordinate, std::size_t i) {
    if (const auto* texts = std::get_if<std::vector<std::string>>(&coordinate.labels))
        return (*texts)[i];
    return std::to_string(std::get<std::vector<std::int32_t>>(coordinate.labels)[i]);
}

/// Variance with divisor n - 1, two-pass.
double sample_variance(const std::vector<double>& values) {
    if (values.size() < 2)
        return 0.0;
    double mean = 0.0;
    for (const double v : values)
        mean += v;
    mean /= static_cast<double>(values.size());
    double squares = 0.0;
    for (const double v : values)
        squares += (v - mean) * (v - mean);
    return squares / static_cast<double>(values.size() - 1);
}

/// The design's points in the unit hypercube.
Design design_of(const Study& study) {
    return study.method == StudyMethod::morris
               ? morris_design(study.trajectories, study.levels, study.factors.size(), study.seed)
               : saltelli_design(study.samples, study.factors.size(), study.seed);
}

/// Every rank's values, in job order, on the first rank: each rank sends its own (or why it failed).
std::vector<double> gather(const std::vector<double>& own, const std::string& failure, const Ranks& ranks) {
    if (!ranks.first()) {
        ByteWriter out;
        out.put_vector(own);
        ranks.send(0, failure.empty() ? "S" + out.take() : "E" + failure);
        return {};
    }
    std::vector<std::string> failures;
    if (!failure.empty())
        failures.push_back(ranks.size() > 1 ? "rank 0: " + failure : failure);
    std::vector<double> all = own;
    for (int rank = 1; rank < ranks.size(); ++rank) {
        const std::string message = ranks.receive(rank);
        if (message.empty() || message[0] != 'S') {
            failures.push_back("rank " + std::to_string(rank) + ": " + message.substr(1));
            continue;
        }
        ByteReader in(std::string_view(message).substr(1));
        const std::vector<double> theirs = in.get_vector<double>();
        all.insert(all.end(), theirs.begin(), theirs.end());
    }
    if (!failures.empty()) {
        std::string text = failures.front();
        for (std::size_t i = 1; i < failures.size(); ++i)
            text += "\n" + failures[i];
        throw std::runtime_error(text);
    }
    return all;
}

} // namespace

std::vector<ScenarioProblem> check_study_scenario(const Study& study, const Scenario& base,
                                                  const OutputSchema& run_layout) {
    std::vector<ScenarioProblem> problems;
    for (const Factor& factor : study.factors) {
        std::vector<double> values;
        if (factor.kind == Factor::Kind::levels)
            for (std::size_t i = 0; i < factor.levels.size(); ++i)
                values.push_back(static_cast<double>(i));
        else
            values = {factor.value(0.0), factor.value(1.0)};
        for (const double value : values) {
            try {
                scenario_with(base, {factor.override_text(value)}, 1);
            } catch (const std::invalid_argument& error) {
                // The loader's words after the first line, which says what was loaded.
                std::string why = error.what();
                why = why.substr(why.find('\n') + 1);
                problems.push_back(
                    {study.path, factor.line, factor.key, "as " + factor.override_text(value) + ": " + why});
                break;
            }
        }
    }
    for (const StudyOutput& output : study.outputs) {
        const auto [group, dataset] = run_layout.find_dataset(output.path);
        if (dataset == nullptr) {
            problems.push_back(
                {study.path, output.line, output.name, "'" + output.path + "' is not a dataset of a run"});
            continue;
        }
        for (const auto& [dim, labels] : output.select)
            if (std::find(dataset->dims.begin(), dataset->dims.end(), dim) == dataset->dims.end())
                problems.push_back({study.path, output.line, output.name + ".select." + dim,
                                    "'" + output.path + "' has no dim '" + dim + "'"});
    }
    return problems;
}

double output_value(const StudyOutput& output, const OutputContents& contents,
                    const std::string& study_path) {
    const auto arrays = named_arrays(contents);
    const auto found = arrays.find(output.path);
    if (found == arrays.end())
        throw std::invalid_argument(at_line(study_path, output.line) + output.name + ": '" + output.path +
                                    "' is not in the run's output");
    const OutputArray& array = *found->second.array;
    const OutputGroup& group = *found->second.group;
    // For each dim, whether each of its labels is kept.
    std::vector<std::vector<bool>> kept;
    std::vector<std::size_t> sizes;
    for (const std::string& dim : array.dims) {
        const auto coordinate = std::find_if(group.coordinates.begin(), group.coordinates.end(),
                                             [&](const Coordinate& c) { return c.name == dim; });
        const auto selection = std::find_if(output.select.begin(), output.select.end(),
                                            [&](const auto& s) { return s.first == dim; });
        std::vector<bool> keep(coordinate->size(), selection == output.select.end());
        if (selection != output.select.end())
            for (const std::string& label : selection->second) {
                bool matched = false;
                for (std::size_t i = 0; i < coordinate->size(); ++i)
                    if (label_text(*coordinate, i) == label)
                        keep[i] = matched = true;
                if (!matched)
                    throw std::invalid_argument(at_line(study_path, output.line) + output.name + ".select." +
                                                dim + ": '" + label + "' is not a label of " + output.path +
                                                " (from " + label_text(*coordinate, 0) + " to " +
                                                label_text(*coordinate, coordinate->size() - 1) + ")");
            }
        kept.push_back(std::move(keep));
        sizes.push_back(coordinate->size());
    }
    std::vector<double> values;
    if (const auto* counts = std::get_if<std::vector<std::int32_t>>(&array.values))
        values.assign(counts->begin(), counts->end());
    else
        values = std::get<std::vector<double>>(array.values);
    std::vector<std::size_t> index(sizes.size(), 0);
    double sum = 0.0;
    std::size_t count = 0;
    for (const double value : values) {
        bool keep = true;
        for (std::size_t d = 0; d < sizes.size(); ++d)
            keep = keep && kept[d][index[d]];
        if (keep) {
            sum += value;
            ++count;
        }
        for (std::size_t d = sizes.size(); d-- > 0;) {
            if (++index[d] < sizes[d])
                break;
            index[d] = 0;
        }
    }
    return output.mean && count > 0 ? sum / static_cast<double>(count) : sum;
}

std::optional<StudyResult> run_study(const Study& study, const Scenario* base, const StudyOptions& options,
                                     const Ranks& ranks) {
    StudyResult result;
    result.study = study;
    result.design = design_of(study);
    const std::size_t points = result.design.points();
    const std::size_t k = study.factors.size();
    const std::size_t outputs = study.outputs.size();
    const auto replicates = static_cast<std::size_t>(study.replicates);
    const std::uint64_t jobs = points * replicates;
    const auto share = ranks.share_of(jobs);
    const std::uint64_t first = share.first, last = share.second;
    const ThreadPlan threads = plan_threads(options.threads, last - first, ranks);

    std::optional<ReplicateSeeds> seeds;
    std::unique_ptr<Runner> runner;
    if (base) {
        seeds.emplace(*base);
        if (first < last)
            runner = std::make_unique<Runner>(scenario_with(*base, seeds->overrides(0), threads.per_job));
    }
    std::vector<double> own((last - first) * outputs, 0.0);
    std::atomic<std::uint64_t> done{0};
    const auto job = [&](std::uint64_t j, int job_threads) {
        const std::size_t point = j / replicates;
        const std::size_t replicate = j % replicates;
        const double* unit = result.design.point(point);
        std::vector<double> x(k);
        for (std::size_t i = 0; i < k; ++i)
            x[i] = study.factors[i].value(unit[i]);
        double* values = own.data() + (j - first) * outputs;
        if (study.model == AnalyticModel::ishigami) {
            values[0] = ishigami(x.data(), study.a, study.b);
        } else if (study.model == AnalyticModel::sobol_g) {
            values[0] = sobol_g(x.data(), study.g_a);
        } else {
            std::vector<std::string> overrides;
            for (std::size_t i = 0; i < k; ++i)
                overrides.push_back(study.factors[i].override_text(x[i]));
            for (const std::string& seed : seeds->overrides(replicate))
                overrides.push_back(seed);
            try {
                const Scenario scenario = scenario_with(*base, overrides, job_threads);
                const OutputContents contents =
                    output_contents(scenario, runner->run(scenario, job_threads, {}, options.modules));
                for (std::size_t o = 0; o < outputs; ++o)
                    values[o] = output_value(study.outputs[o], contents, study.path);
            } catch (const std::exception& error) {
                throw std::runtime_error("point " + std::to_string(point) + ", replicate " +
                                         std::to_string(replicate) + ": " + error.what());
            }
        }
        if (options.progress)
            options.progress(++done, last - first);
    };
    std::string failure;
    try {
        run_jobs(first, last, threads, job);
    } catch (const std::exception& error) {
        failure = error.what();
    }
    const std::vector<double> all = gather(own, failure, ranks);
    if (!ranks.first())
        return std::nullopt;

    // Each point's mean and variance over its replicates, in replicate order.
    result.values.assign(points * outputs, 0.0);
    result.noise.assign(points * outputs, 0.0);
    result.noise_variance.assign(outputs, 0.0);
    for (std::size_t p = 0; p < points; ++p)
        for (std::size_t o = 0; o < outputs; ++o) {
            double sum = 0.0;
            for (std::size_t r = 0; r < replicates; ++r)
                sum += all[(p * replicates + r) * outputs + o];
            const double mean = sum / static_cast<double>(replicates);
            double squares = 0.0;
            for (std::size_t r = 0; r < replicates; ++r) {
                const double d = all[(p * replicates + r) * outputs + o] - mean;
                squares += d * d;
            }
            result.values[p * outputs + o] = mean;
            result.noise[p * outputs + o] =
                replicates > 1 ? squares / static_cast<double>(replicates - 1) : 0.0;
            result.noise_variance[o] += result.noise[p * outputs + o] / static_cast<double>(points);
        }
    for (std::size_t o = 0; o < outputs; ++o) {
        std::vector<double> y(points);
        for (std::size_t p = 0; p < points; ++p)
            y[p] = result.values[p * outputs + o];
        if (study.method == StudyMethod::morris) {
            result.morris.push_back(morris_indices(result.design, y));
            result.output_variance.push_back(sample_variance(y));
        } else {
            result.sobol.push_back(sobol_indices(study.samples, k, y, study.bootstrap, study.seed));
            result.output_variance.push_back(result.sobol.back().variance);
        }
    }
    result.scenario = base ? base->resolved_text : "";
    result.run_seed = base ? base->run.seed : 0;
    result.threads = threads.total();
    result.ranks = ranks.size();
    return result;
}

} // namespace migsim
