#pragma once
// What every likelihood fit of sim/stats/ reports besides its estimates: whether a finite
// maximum-likelihood estimate was found, and the evidence when it was not (separation, empty
// categories, sparse cells), so that the caller decides what to do. A fit never loops without end
// and never returns a NaN without saying why. docs/methods.md, "Separation and sparse cells".
#include <string>
#include <vector>

namespace migsim::stats {

enum class FitStatus {
    converged,      ///< the maximum-likelihood estimate, found
    separated,      ///< no finite estimate: the likelihood keeps rising as some fitted values go to 0
                    ///< (or 1); the coefficients are the last iterate's, not estimates
    not_converged,  ///< max_iterations reached with the estimate still moving for another reason
    rank_deficient, ///< the design's columns are linearly dependent over the rows with data
    invalid_input,  ///< wrong shapes, negative or non-finite counts or weights
};

const char* to_string(FitStatus status);

struct FitDiagnostics {
    /// Rows (covariate patterns) whose linear predictor was still moving by more than
    /// FitOptions::diverging_step at the last iteration although the log-likelihood no longer
    /// changed: each one's fitted value runs away to the boundary where its observed count lies.
    std::vector<int> diverging_rows;
    /// Coefficients taking part in that run-away direction (index into the coefficient vector).
    std::vector<int> diverging_coefficients;
    /// Every row with data is diverging: the classes are completely separated (Albert & Anderson
    /// 1984); otherwise, when some rows diverge, the separation is quasi-complete.
    bool complete_separation = false;
    /// Rows whose observed count lies at the boundary of its range (Poisson y = 0; binomial y = 0 or
    /// y = trials; multinomial: a pattern with some category count 0): the sparse cells that make
    /// separation possible. Reported whether or not the fit separated.
    std::vector<int> boundary_rows;
    /// Rows that carry no information (prior weight 0, or no trials) and were left out.
    std::vector<int> empty_rows;
    /// Multinomial: categories with no observation in any pattern (their log-odds go to -infinity).
    std::vector<int> empty_categories;
    /// Smallest over largest eigenvalue of the Fisher information scaled to unit diagonal, at the
    /// last iterate: near 0 when the information is nearly singular (near-collinear covariates).
    /// Separation need not show here: the weights of the separated rows vanish together, which the
    /// scaling hides; the diverging rows above are the test for it.
    double information_reciprocal_condition = 0.0;
    /// Largest |coefficient| after each iteration: grows by about a constant step per iteration
    /// without bound under separation, settles when the estimate is finite.
    std::vector<double> largest_coefficient_path;
    /// One sentence per finding, for a log or an error message.
    std::vector<std::string> notes;

    bool separated() const { return !diverging_rows.empty(); }
};

/// Settings shared by the iterative fits.
struct FitOptions {
    int max_iterations = 50;
    /// Converged when |D_k - D_{k-1}| / (|D_k| + 0.1) < tolerance, D the deviance (the rule of R's
    /// glm.fit, with a tighter default so that a diverging fit is seen diverging).
    double tolerance = 1e-10;
    /// A row is diverging when its linear predictor (log rate, log odds) still moves by more than
    /// this at an iteration that no longer changes the deviance. At a finite estimate Newton's
    /// steps shrink quadratically to 0; under separation they stay near 1 for ever.
    double diverging_step = 0.01;
};

} // namespace migsim::stats
