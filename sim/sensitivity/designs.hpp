#pragma once
// The designs of sensitivity studies on the unit hypercube, their estimators, and the analytic test
// functions that validate them (docs/ensembles.md, "Sensitivity studies").
//
// Morris (1991): r trajectories of k + 1 points on a grid of p levels, each step moving one factor
// by delta = p / (2 (p - 1)); the elementary effect of a factor is the change of the output over
// its step. mu* (Campolongo, Cariboni & Saltelli 2007) is the mean of their absolute values, sigma
// their standard deviation.
// Sobol' indices (Saltelli et al. 2010): two independent N x k samples A and B, and for each factor
// i the matrix A_B^(i), A with its column i from B: N (k + 2) points. First order by Saltelli et
// al.'s (2010) estimator (b), S_i = mean(f(B) (f(A_B^i) - f(A))) / V; total by Jansen's (1999),
// S_Ti = mean((f(A) - f(A_B^i))^2) / (2 V); V the variance of f over A and B. Rows are independent
// uniform draws (not a quasi-random sequence), so that resampling them gives valid bootstrap
// intervals (percentile, Efron & Tibshirani 1993).
#include <cstdint>
#include <vector>

namespace migsim {

/// Points of the unit hypercube, in the design's order.
struct Design {
    std::size_t factors = 0;
    std::vector<double> unit; ///< [point][factor], row-major
    std::vector<int> moved;   ///< Morris: the factor a point moved from the one before, -1 at a start
    std::size_t points() const { return factors ? unit.size() / factors : 0; }
    const double* point(std::size_t i) const { return unit.data() + i * factors; }
};

/// Morris's step on a grid of `levels` levels.
double morris_delta(int levels);
Design morris_design(int trajectories, int levels, std::size_t factors, std::uint64_t seed);
Design saltelli_design(std::uint64_t samples, std::size_t factors, std::uint64_t seed);

struct MorrisIndices {
    std::vector<double> mu, mu_star, sigma, mu_star_se; ///< by factor
    std::vector<double> effects;                        ///< [trajectory][factor]
};
/// The indices of one output from its value at each point of `design`.
MorrisIndices morris_indices(const Design& design, const std::vector<double>& outputs);

struct SobolIndices {
    double variance = 0.0;
    std::vector<double> first, first_low, first_high, total, total_low, total_high; ///< by factor
};
/// The indices of one output from its value at each point of a Saltelli design of `samples` rows,
/// with 95 % percentile intervals from `bootstrap` resamples of the rows (none: the estimate).
SobolIndices sobol_indices(std::uint64_t samples, std::size_t factors, const std::vector<double>& outputs,
                           int bootstrap, std::uint64_t seed);

/// Ishigami & Homma (1990): sin x1 + a sin^2 x2 + b x3^4 sin x1, x uniform on [-pi, pi]^3.
double ishigami(const double* x, double a, double b);
/// Sobol' (1993) G function: prod (|4 x_i - 2| + a_i) / (1 + a_i), x uniform on [0, 1]^k.
double sobol_g(const double* x, const std::vector<double>& a);

/// The exact indices of the test functions (Saltelli et al. 2008, Global Sensitivity Analysis:
/// The Primer, sections 3.6 and 4.9; Sobol' 1993).
struct ExactIndices {
    std::vector<double> first, total;
};
ExactIndices ishigami_indices(double a, double b);
ExactIndices sobol_g_indices(const std::vector<double>& a);

} // namespace migsim
