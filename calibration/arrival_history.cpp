#include "calibration/arrival_history.hpp"
#include "processes/emigration_settings.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/mortality_settings.hpp"

#include <algorithm>
#include <cmath>

namespace migsim {

namespace {

std::size_t table_age(int age) {
    return static_cast<std::size_t>(std::clamp(age, 0, oldest_age));
}

/// The scenario's tables the arrival history reads, looked up once: the history evaluates them
/// millions of times.
struct Rates {
    const EmigrationSettings& emigration;
    const ImmigrationSettings& immigration;
    const MortalitySettings& mortality;
    double scale;

    explicit Rates(const Scenario& scenario)
        : emigration(scenario.settings<EmigrationSettings>()),
          immigration(scenario.settings<ImmigrationSettings>()),
          mortality(scenario.settings<MortalitySettings>()), scale(scenario.population.scale) {}

    double emigration_hazard(int years_since_arrival, int age) const {
        const int status = 1 + std::min(years_since_arrival, n_emigration_statuses - 2);
        return emigration.hazard[static_cast<std::size_t>(status)][table_age(age)];
    }

    double profile(int group, int sex, int age) const {
        const auto& profiles = immigration.age_profile;
        if (static_cast<std::size_t>(group) >= profiles.size())
            return 0.0;
        return profiles[static_cast<std::size_t>(group)][static_cast<std::size_t>(sex)][table_age(age)];
    }

    /// ArrivalHistory::surviving_arrivals.
    double surviving_arrivals(int group, int sex, int age_at_arrival, int d) const {
        if (static_cast<std::size_t>(group) >= immigration.arrivals_per_year.size())
            return 0.0;
        const double arrivals = immigration.arrivals_per_year[static_cast<std::size_t>(group)] * scale;
        const auto& death = mortality.hazard[static_cast<std::size_t>(sex)];
        double hazard_years = 0.0;
        for (int k = 0; k <= d; ++k) {
            const int age = age_at_arrival + k;
            const double h = emigration_hazard(k, age) + death[table_age(age)];
            hazard_years += k < d ? h : 0.5 * h;
        }
        return arrivals * profile(group, sex, age_at_arrival) * std::exp(-hazard_years);
    }
};

/// P(d | group, sex, age), d = 0..age (see the header).
std::vector<double> years_since_arrival(const Rates& rates, double growth, int group, int sex, int age,
                                        double stock) {
    std::vector<double> p(static_cast<std::size_t>(age) + 1, 0.0);
    // Recent arrivals: the survivors of the scenario's inflow, as a share of the expected stock.
    const int recent = std::min(age + 1, recent_arrival_years);
    double recent_share = 0.0;
    for (int d = 0; d < recent; ++d) {
        const double survivors = rates.surviving_arrivals(group, sex, age - d, d);
        p[static_cast<std::size_t>(d)] = stock > 0.0 ? survivors / stock : 0.0;
        recent_share += p[static_cast<std::size_t>(d)];
    }
    if (recent_share >= 1.0) {
        for (double& share : p)
            share /= recent_share;
        return p;
    }
    // Earlier arrivals share the rest in the steady state of the hazards.
    std::vector<double> earlier(p.size(), 0.0);
    double earlier_total = 0.0;
    for (int d = recent_arrival_years; d <= age; ++d) {
        double emigration = 0.0;
        for (int k = 0; k < d; ++k)
            emigration += rates.emigration_hazard(k, age - d + k);
        const double weight =
            rates.profile(group, sex, age - d) * std::exp(-emigration - growth * (d - recent_arrival_years));
        earlier[static_cast<std::size_t>(d)] = weight;
        earlier_total += weight;
    }
    if (age < recent_arrival_years || !(earlier_total > 0.0) || !std::isfinite(earlier_total)) {
        // No earlier year is possible or has arrivals in the profile: the recent years take all,
        // or, with no recent arrivals either, every year since birth is as likely.
        if (recent_share > 0.0) {
            for (double& share : p)
                share /= recent_share;
        } else {
            std::fill(p.begin(), p.end(), 1.0 / static_cast<double>(p.size()));
        }
        return p;
    }
    for (int d = recent_arrival_years; d <= age; ++d)
        p[static_cast<std::size_t>(d)] =
            (1.0 - recent_share) * earlier[static_cast<std::size_t>(d)] / earlier_total;
    return p;
}

} // namespace

double ArrivalHistory::surviving_arrivals(const Scenario& scenario, int group, int sex, int age_at_arrival,
                                          int d) {
    return Rates(scenario).surviving_arrivals(group, sex, age_at_arrival, d);
}

ArrivalHistory::ArrivalHistory(const Scenario& scenario, int max_age,
                               const std::vector<double>& expected_stock)
    : max_age_(max_age) {
    const Rates rates(scenario);
    const double growth = scenario.population.past_immigration_growth;
    const int groups = scenario.groups.count();
    for (int g = 0; g < groups; ++g)
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age <= max_age; ++age) {
                offsets_.push_back(cumulative_.size());
                const std::size_t cell =
                    (static_cast<std::size_t>(g) * n_sexes + static_cast<std::size_t>(sex)) *
                        static_cast<std::size_t>(max_age + 1) +
                    static_cast<std::size_t>(age);
                const double stock = cell < expected_stock.size() ? expected_stock[cell] : 0.0;
                double running = 0.0;
                for (double p : years_since_arrival(rates, growth, g, sex, age, stock)) {
                    running += p;
                    cumulative_.push_back(
                        static_cast<std::uint64_t>(std::llround(std::min(running, 1.0) * 4294967296.0)));
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
