#include "sensitivity/designs.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "core/rng.hpp"

namespace migsim {

namespace {

constexpr double pi = 3.14159265358979323846;
constexpr StreamId morris_stream = stream_named("sensitivity.morris");
constexpr StreamId saltelli_stream = stream_named("sensitivity.saltelli");
constexpr StreamId bootstrap_stream = stream_named("sensitivity.bootstrap");

double mean_of(const std::vector<double>& values) {
    return values.empty()
               ? 0.0
               : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

/// Sample variance (divisor n - 1), two-pass.
double variance_of(const std::vector<double>& values) {
    if (values.size() < 2)
        return 0.0;
    const double mean = mean_of(values);
    double sum = 0.0;
    for (const double v : values)
        sum += (v - mean) * (v - mean);
    return sum / static_cast<double>(values.size() - 1);
}

/// The q quantile of sorted values, interpolated between order statistics (Hyndman & Fan's type 7).
double quantile(const std::vector<double>& sorted, double q) {
    const double position = q * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

struct Estimate {
    double variance = 0.0;
    std::vector<double> first, total;
};

/// The indices from rows `rows` of the design (with repeats in a bootstrap resample).
Estimate estimate(const std::vector<std::size_t>& rows, std::size_t k, const std::vector<double>& y) {
    const std::size_t stride = k + 2;
    std::vector<double> ab;
    ab.reserve(2 * rows.size());
    for (const std::size_t j : rows) {
        ab.push_back(y[j * stride]);
        ab.push_back(y[j * stride + 1]);
    }
    Estimate out;
    out.variance = variance_of(ab);
    const double n = static_cast<double>(rows.size());
    out.first.assign(k, 0.0);
    out.total.assign(k, 0.0);
    for (std::size_t i = 0; i < k; ++i) {
        double first_sum = 0.0;
        double total_sum = 0.0;
        for (const std::size_t j : rows) {
            const double a = y[j * stride];
            const double b = y[j * stride + 1];
            const double ab_i = y[j * stride + 2 + i];
            first_sum += b * (ab_i - a);
            total_sum += (a - ab_i) * (a - ab_i);
        }
        out.first[i] = out.variance > 0.0 ? first_sum / n / out.variance : 0.0;
        out.total[i] = out.variance > 0.0 ? total_sum / (2.0 * n) / out.variance : 0.0;
    }
    return out;
}

} // namespace

double morris_delta(int levels) {
    return static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
}

Design morris_design(int trajectories, int levels, std::size_t factors, std::uint64_t seed) {
    Design design;
    design.factors = factors;
    const double delta = morris_delta(levels);
    const auto lower_levels = static_cast<std::uint32_t>(levels / 2);
    for (int t = 0; t < trajectories; ++t) {
        auto generator = keyed_generator(seed, static_cast<std::uint64_t>(t), 0, morris_stream);
        // Each factor takes two values, x* and x* + delta, x* on the lower half of the grid; the
        // trajectory starts at the first or the second (its direction) and moves each factor once,
        // in a random order (Morris 1991, section 3).
        std::vector<double> point(factors);
        std::vector<double> step(factors);
        for (std::size_t i = 0; i < factors; ++i) {
            const double lower = static_cast<double>(uniform_below(generator, lower_levels)) / (levels - 1);
            const bool upward = uniform_below(generator, 2) == 0;
            point[i] = upward ? lower : lower + delta;
            step[i] = upward ? delta : -delta;
        }
        std::vector<std::size_t> order(factors);
        std::iota(order.begin(), order.end(), 0);
        for (std::size_t i = factors; i > 1; --i)
            std::swap(order[i - 1], order[uniform_below(generator, static_cast<std::uint32_t>(i))]);
        design.unit.insert(design.unit.end(), point.begin(), point.end());
        design.moved.push_back(-1);
        for (const std::size_t i : order) {
            point[i] += step[i];
            // Exactly a grid value: x* or x* + delta, not a rounding of their sum.
            point[i] = std::round(point[i] * (levels - 1)) / (levels - 1);
            design.unit.insert(design.unit.end(), point.begin(), point.end());
            design.moved.push_back(static_cast<int>(i));
        }
    }
    return design;
}

Design saltelli_design(std::uint64_t samples, std::size_t factors, std::uint64_t seed) {
    Design design;
    design.factors = factors;
    design.unit.reserve(samples * (factors + 2) * factors);
    for (std::uint64_t j = 0; j < samples; ++j) {
        auto draw_a = keyed_generator(seed, j, 0, saltelli_stream);
        auto draw_b = keyed_generator(seed, j, 1, saltelli_stream);
        std::vector<double> a(factors), b(factors);
        for (std::size_t i = 0; i < factors; ++i) {
            a[i] = uniform01(draw_a);
            b[i] = uniform01(draw_b);
        }
        design.unit.insert(design.unit.end(), a.begin(), a.end());
        design.unit.insert(design.unit.end(), b.begin(), b.end());
        for (std::size_t i = 0; i < factors; ++i) {
            std::vector<double> ab = a;
            ab[i] = b[i];
            design.unit.insert(design.unit.end(), ab.begin(), ab.end());
        }
    }
    return design;
}

MorrisIndices morris_indices(const Design& design, const std::vector<double>& outputs) {
    const std::size_t k = design.factors;
    const std::size_t trajectories = design.points() / (k + 1);
    MorrisIndices m;
    m.effects.assign(trajectories * k, 0.0);
    for (std::size_t t = 0; t < trajectories; ++t)
        for (std::size_t s = 1; s <= k; ++s) {
            const std::size_t p = t * (k + 1) + s;
            const auto i = static_cast<std::size_t>(design.moved[p]);
            const double change = design.point(p)[i] - design.point(p - 1)[i];
            m.effects[t * k + i] = (outputs[p] - outputs[p - 1]) / change;
        }
    for (std::size_t i = 0; i < k; ++i) {
        std::vector<double> effects, absolute;
        for (std::size_t t = 0; t < trajectories; ++t) {
            effects.push_back(m.effects[t * k + i]);
            absolute.push_back(std::abs(m.effects[t * k + i]));
        }
        m.mu.push_back(mean_of(effects));
        m.mu_star.push_back(mean_of(absolute));
        m.sigma.push_back(std::sqrt(variance_of(effects)));
        m.mu_star_se.push_back(std::sqrt(variance_of(absolute) / static_cast<double>(trajectories)));
    }
    return m;
}

SobolIndices sobol_indices(std::uint64_t samples, std::size_t factors, const std::vector<double>& outputs,
                           int bootstrap, std::uint64_t seed) {
    if (outputs.size() != samples * (factors + 2))
        throw std::invalid_argument("a Saltelli design's outputs are N (k + 2)");
    SobolIndices result;
    std::vector<std::size_t> rows(samples);
    std::iota(rows.begin(), rows.end(), 0);
    Estimate whole = estimate(rows, factors, outputs);
    result.variance = whole.variance;
    result.first = std::move(whole.first);
    result.total = std::move(whole.total);
    result.first_low = result.first_high = result.first;
    result.total_low = result.total_high = result.total;
    if (bootstrap <= 0)
        return result;
    std::vector<std::vector<double>> first(factors), total(factors);
    for (int b = 0; b < bootstrap; ++b) {
        auto generator = keyed_generator(seed, static_cast<std::uint64_t>(b), 2, bootstrap_stream);
        for (std::size_t& row : rows)
            row = static_cast<std::size_t>(uniform_below(generator, static_cast<std::uint32_t>(samples)));
        const Estimate resample = estimate(rows, factors, outputs);
        for (std::size_t i = 0; i < factors; ++i) {
            first[i].push_back(resample.first[i]);
            total[i].push_back(resample.total[i]);
        }
    }
    for (std::size_t i = 0; i < factors; ++i) {
        std::sort(first[i].begin(), first[i].end());
        std::sort(total[i].begin(), total[i].end());
        result.first_low[i] = quantile(first[i], 0.025);
        result.first_high[i] = quantile(first[i], 0.975);
        result.total_low[i] = quantile(total[i], 0.025);
        result.total_high[i] = quantile(total[i], 0.975);
    }
    return result;
}

double ishigami(const double* x, double a, double b) {
    const double s = std::sin(x[1]);
    return std::sin(x[0]) + a * s * s + b * std::pow(x[2], 4) * std::sin(x[0]);
}

double sobol_g(const double* x, const std::vector<double>& a) {
    double product = 1.0;
    for (std::size_t i = 0; i < a.size(); ++i)
        product *= (std::abs(4.0 * x[i] - 2.0) + a[i]) / (1.0 + a[i]);
    return product;
}

ExactIndices ishigami_indices(double a, double b) {
    const double pi4 = std::pow(pi, 4);
    const double pi8 = pi4 * pi4;
    const double v1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0);
    const double v2 = a * a / 8.0;
    const double v13 = b * b * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
    const double v = v1 + v2 + v13;
    return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

ExactIndices sobol_g_indices(const std::vector<double>& a) {
    std::vector<double> partial;
    double product = 1.0;
    for (const double ai : a) {
        partial.push_back(1.0 / (3.0 * (1.0 + ai) * (1.0 + ai)));
        product *= 1.0 + partial.back();
    }
    const double v = product - 1.0;
    ExactIndices exact;
    for (const double vi : partial) {
        exact.first.push_back(vi / v);
        exact.total.push_back(vi * product / (1.0 + vi) / v);
    }
    return exact;
}

} // namespace migsim
