#pragma once
// Dual-system (capture-recapture) estimation of a population's size from two lists of it, such as
// a census and its post-enumeration (coverage) survey: pure functions of the counts, by post-stratum
// and in total. The lists must be independent within each post-stratum (heterogeneity of capture
// that both lists share biases the estimate down: tests/statistical/test_capture_recapture.cpp
// measures by how much). docs/methods.md, "Dual-system estimation".
#include <string>
#include <vector>

namespace migsim {

/// One post-stratum's counts. Counts may be weighted (non-integer).
struct DualSystemCounts {
    double first_list = 0.0;  ///< n1: persons on the first list (the census)
    double second_list = 0.0; ///< n2: persons on the second list (the coverage survey)
    double matched = 0.0;     ///< m: persons found on both
};

enum class DualSystemFormula {
    /// N = n1 n2 / m (Petersen 1896; Lincoln 1930), with the variance of Chandra Sekar & Deming
    /// (1949): n1 n2 (n1 - m)(n2 - m) / m^3. Biased up by about (1 - p1)(1 - p2) / (p1 p2)
    /// persons: negligible in census-sized post-strata, not in small ones.
    lincoln_petersen,
    /// N = (n1 + 1)(n2 + 1) / (m + 1) - 1 (Chapman 1951), unbiased when n1 + n2 >= N and defined at
    /// m = 0, with the variance (n1 + 1)(n2 + 1)(n1 - m)(n2 - m) / ((m + 1)^2 (m + 2)) (Seber 1970;
    /// Wittes 1972). The choice for small post-strata.
    chapman,
};

struct PopulationSizeEstimate {
    double population = 0.0;
    double variance = 0.0; ///< of the estimate's error, N-hat - N
    std::string error;     ///< why there is no estimate (no match, inconsistent counts); empty if ok

    bool ok() const { return error.empty(); }
    double standard_error() const;
};

PopulationSizeEstimate dual_system_estimate(const DualSystemCounts& counts,
                                            DualSystemFormula formula = DualSystemFormula::lincoln_petersen);

struct PostStratifiedEstimate {
    std::vector<PopulationSizeEstimate> post_strata;
    /// The sum of the post-strata's estimates, with the sum of their variances (the lists are
    /// drawn independently in each post-stratum). Not ok if any post-stratum is not.
    PopulationSizeEstimate total;
};

PostStratifiedEstimate
dual_system_by_post_stratum(const std::vector<DualSystemCounts>& post_strata,
                            DualSystemFormula formula = DualSystemFormula::lincoln_petersen);

/// One post-stratum of a census and its coverage survey, with the corrections of the US Census
/// Bureau's estimator (Hogan 1993, JASA 88(423); United Nations 2010, Post Enumeration Surveys:
/// Operational Guidelines, ch. 7).
struct CensusCoverageCounts {
    double census_records = 0.0;           ///< C: census enumerations in the post-stratum
    double whole_person_imputations = 0.0; ///< II: records imputed whole, which cannot be matched
    double e_sample_records = 0.0;         ///< E: census records checked for correct enumeration
    double e_sample_correct = 0.0;         ///< CE: of them, correct (the right person, counted once, here)
    double p_sample_persons = 0.0;         ///< N_p: persons found by the coverage survey
    double p_sample_matched = 0.0;         ///< M: of them, declared matched to a census record
    /// Matching errors, from a rematching study: the share of declared matches that are not the
    /// same person (f), and the share of true matches the matching missed (g).
    double false_match_rate = 0.0;
    double missed_match_rate = 0.0;
};

/// N = (C - II) (CE / E) (N_p / M*), M* = M (1 - f) / (1 - g) the matches corrected for matching
/// error. (C - II) CE/E estimates the correctly enumerated persons, N_p / M* is the inverse of the
/// census coverage among the survey's persons. Variance, the sum of: that of Chandra Sekar & Deming
/// for the correctly enumerated against the survey; the E-sample's binomial sampling variance of
/// CE/E (with the finite-population correction 1 - E/(C - II)); the noise matching errors add to M
/// (each true match missed, each false match made independently: Var(M) = M* g (1 - g) + M f).
/// The P-sample counts are taken unweighted, as a complete second enumeration of the
/// post-stratum, and the matching error rates as known constants (their estimation error is not
/// included). With a weighted area sample the caller needs replicate variances instead.
PopulationSizeEstimate corrected_dual_system_estimate(const CensusCoverageCounts& counts);

} // namespace migsim
