#include "estimators/dual_system.hpp"

#include <cmath>

namespace migsim {

double PopulationSizeEstimate::standard_error() const {
    return std::sqrt(variance);
}

namespace {

std::string counts_problem(const DualSystemCounts& c) {
    if (!std::isfinite(c.first_list) || !std::isfinite(c.second_list) || !std::isfinite(c.matched))
        return "a count is not finite";
    if (c.first_list < 0.0 || c.second_list < 0.0 || c.matched < 0.0)
        return "a count is negative";
    if (c.matched > c.first_list || c.matched > c.second_list)
        return "more matches than persons on a list";
    return "";
}

/// The Chandra Sekar & Deming variance: n1 n2 (n1 - m)(n2 - m) / m^3.
double sekar_deming_variance(double n1, double n2, double m) {
    return n1 * n2 * (n1 - m) * (n2 - m) / (m * m * m);
}

} // namespace

PopulationSizeEstimate dual_system_estimate(const DualSystemCounts& counts, DualSystemFormula formula) {
    PopulationSizeEstimate estimate;
    estimate.error = counts_problem(counts);
    if (!estimate.ok())
        return estimate;
    const double n1 = counts.first_list;
    const double n2 = counts.second_list;
    const double m = counts.matched;
    if (formula == DualSystemFormula::lincoln_petersen) {
        if (m <= 0.0) {
            estimate.error = "no person is on both lists: n1 n2 / m is undefined";
            return estimate;
        }
        estimate.population = n1 * n2 / m;
        estimate.variance = sekar_deming_variance(n1, n2, m);
    } else {
        estimate.population = (n1 + 1.0) * (n2 + 1.0) / (m + 1.0) - 1.0;
        estimate.variance =
            (n1 + 1.0) * (n2 + 1.0) * (n1 - m) * (n2 - m) / ((m + 1.0) * (m + 1.0) * (m + 2.0));
    }
    return estimate;
}

PostStratifiedEstimate dual_system_by_post_stratum(const std::vector<DualSystemCounts>& post_strata,
                                                   DualSystemFormula formula) {
    PostStratifiedEstimate result;
    for (std::size_t h = 0; h < post_strata.size(); ++h) {
        result.post_strata.push_back(dual_system_estimate(post_strata[h], formula));
        const PopulationSizeEstimate& stratum = result.post_strata.back();
        if (!stratum.ok() && result.total.ok())
            result.total.error = "post-stratum " + std::to_string(h) + ": " + stratum.error;
        result.total.population += stratum.population;
        result.total.variance += stratum.variance;
    }
    if (post_strata.empty())
        result.total.error = "no post-strata";
    return result;
}

PopulationSizeEstimate corrected_dual_system_estimate(const CensusCoverageCounts& c) {
    PopulationSizeEstimate estimate;
    const double values[] = {c.census_records,   c.whole_person_imputations, c.e_sample_records,
                             c.e_sample_correct, c.p_sample_persons,         c.p_sample_matched,
                             c.false_match_rate, c.missed_match_rate};
    for (double v : values)
        if (!std::isfinite(v) || v < 0.0) {
            estimate.error = "a count or rate is negative or not finite";
            return estimate;
        }
    const double data_defined = c.census_records - c.whole_person_imputations;
    if (data_defined <= 0.0)
        estimate.error = "no census record is left after removing the whole-person imputations";
    else if (c.e_sample_records <= 0.0 || c.e_sample_records > data_defined)
        estimate.error = "the E-sample must hold between 1 and C - II records";
    else if (c.e_sample_correct > c.e_sample_records)
        estimate.error = "more correct enumerations than E-sample records";
    else if (c.false_match_rate >= 1.0 || c.missed_match_rate >= 1.0)
        estimate.error = "matching error rates must be below 1";
    else if (c.p_sample_matched > c.p_sample_persons)
        estimate.error = "more matches than P-sample persons";
    if (!estimate.ok())
        return estimate;
    const double true_matches = c.p_sample_matched * (1.0 - c.false_match_rate) / (1.0 - c.missed_match_rate);
    if (true_matches <= 0.0 || c.e_sample_correct <= 0.0) {
        estimate.error = "no matches or no correct enumerations: the estimate is undefined";
        return estimate;
    }
    if (true_matches > c.p_sample_persons) {
        estimate.error = "the corrected matches exceed the P-sample persons (missed-match rate too high)";
        return estimate;
    }
    const double correct_rate = c.e_sample_correct / c.e_sample_records;
    const double correctly_enumerated = data_defined * correct_rate;
    estimate.population = correctly_enumerated * c.p_sample_persons / true_matches;
    // The correctly enumerated may be fewer than the true matches only by sampling error of CE/E;
    // the capture variance is then taken as 0 rather than negative.
    const double capture_variance =
        std::max(0.0, sekar_deming_variance(correctly_enumerated, c.p_sample_persons, true_matches));
    const double e_sample_fraction = c.e_sample_records / data_defined;
    const double correct_rate_relative_variance =
        (1.0 - correct_rate) / (correct_rate * c.e_sample_records) * (1.0 - e_sample_fraction);
    // Matching error adds noise of its own to the declared matches M: each true match missed, and
    // each declared false match made, independently: Var(M) = M* g (1 - g) + M f (the latter a
    // Poisson bound for the false matches), relative variance Var(M) / M^2 of N-hat.
    const double matching_relative_variance =
        (true_matches * c.missed_match_rate * (1.0 - c.missed_match_rate) +
         c.p_sample_matched * c.false_match_rate) /
        (c.p_sample_matched * c.p_sample_matched);
    estimate.variance = capture_variance + estimate.population * estimate.population *
                                               (correct_rate_relative_variance + matching_relative_variance);
    return estimate;
}

} // namespace migsim
