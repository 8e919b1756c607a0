#include "calibration/arrival_history.hpp"

#include <algorithm>
#include <cmath>

namespace migsim {

namespace {

int table_age(int age) {
    return std::min(age, oldest_age);
}

/// Unnormalised steady-state weights of d = 0..age (see the header).
std::vector<double> steady_state_weights(const Scenario& scenario, int group, int sex, int age) {
    const auto& profiles = scenario.immigration.age_profile;
    const auto& hazard = scenario.emigration.hazard;
    const double growth = scenario.population.past_immigration_growth;
    std::vector<double> weights(static_cast<std::size_t>(age) + 1, 0.0);
    if (static_cast<std::size_t>(group) >= profiles.size()) { // no profile: uniform (below)
        std::fill(weights.begin(), weights.end(), 1.0);
        return weights;
    }
    const auto& profile = profiles[static_cast<std::size_t>(group)][static_cast<std::size_t>(sex)];
    for (int d = 0; d <= age; ++d) {
        const int age_at_arrival = age - d;
        double emigration = 0.0;
        for (int k = 0; k < d; ++k)
            emigration += hazard[static_cast<std::size_t>(1 + std::min(k, n_emigration_statuses - 2))]
                                [static_cast<std::size_t>(table_age(age_at_arrival + k))];
        weights[static_cast<std::size_t>(d)] =
            profile[static_cast<std::size_t>(table_age(age_at_arrival))] * std::exp(-emigration - growth * d);
    }
    double total = 0.0;
    for (double w : weights)
        total += w;
    // No arrival in the profile at any of these ages: every year since birth is as likely.
    if (!(total > 0.0) || !std::isfinite(total))
        std::fill(weights.begin(), weights.end(), 1.0);
    return weights;
}

} // namespace

ArrivalHistory::ArrivalHistory(const Scenario& scenario, int max_age) : max_age_(max_age) {
    const int groups = scenario.groups.count();
    for (int g = 0; g < groups; ++g)
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age <= max_age; ++age) {
                offsets_.push_back(cumulative_.size());
                const std::vector<double> weights = steady_state_weights(scenario, g, sex, age);
                double total = 0.0;
                for (double w : weights)
                    total += w;
                double running = 0.0;
                for (double w : weights) {
                    running += w;
                    cumulative_.push_back(
                        static_cast<std::uint64_t>(std::llround(running / total * 4294967296.0)));
                }
                cumulative_.back() = std::uint64_t{1} << 32;
            }
}

std::size_t ArrivalHistory::offset(int group, int sex, int age) const {
    return offsets_[(static_cast<std::size_t>(group) * n_sexes + static_cast<std::size_t>(sex)) *
                        static_cast<std::size_t>(max_age_ + 1) +
                    static_cast<std::size_t>(age)];
}

std::vector<double> ArrivalHistory::distribution(int group, int sex, int age) const {
    const std::size_t first = offset(group, sex, age);
    std::vector<double> p(static_cast<std::size_t>(age) + 1);
    std::uint64_t previous = 0;
    for (std::size_t d = 0; d < p.size(); ++d) {
        p[d] = static_cast<double>(cumulative_[first + d] - previous) / 4294967296.0;
        previous = cumulative_[first + d];
    }
    return p;
}

int ArrivalHistory::draw_years(int group, int sex, int age, std::uint32_t u) const {
    const std::size_t first = offset(group, sex, age);
    const auto begin = cumulative_.begin() + static_cast<std::ptrdiff_t>(first);
    const auto end = begin + age + 1;
    return static_cast<int>(std::upper_bound(begin, end, std::uint64_t{u}) - begin);
}

} // namespace migsim
