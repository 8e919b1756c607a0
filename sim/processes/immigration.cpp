#include "processes/immigration.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/rng.hpp"

namespace migsim {

Immigration::Immigration(const Scenario& scenario, Month start)
    : start_(start), urban_attraction_(scenario.immigration.urban_attraction) {
    for (int g = 0; g < scenario.groups.count(); ++g) {
        const double per_month = scenario.immigration.arrivals_per_year[static_cast<std::size_t>(g)] *
                                 scenario.population.scale / 12.0;
        // Checked here so that the conversion to whole arrivals below is exact and defined; the
        // scenario's declared range refuses such values long before (docs/parameters.md).
        if (!(per_month >= 0.0) || per_month > max_arrivals_per_month) {
            std::ostringstream message;
            message << "immigration.arrivals_per_year: " << per_month * 12.0 << " arrivals a year for group "
                    << scenario.groups.names[static_cast<std::size_t>(g)]
                    << " after scaling, more than the engine can number";
            throw std::invalid_argument(message.str());
        }
        per_month_.push_back(per_month);
        std::vector<double> cumulative;
        double sum = 0.0;
        for (int sex = 0; sex < n_sexes; ++sex) {
            for (int age = 0; age < n_ages; ++age) {
                sum += scenario.immigration.age_profile[static_cast<std::size_t>(g)][sex][age];
                cumulative.push_back(sum);
            }
        }
        for (double& c : cumulative)
            c = sum > 0.0 ? c / sum : 1.0;
        profile_.push_back(std::move(cumulative));
    }
}

std::int64_t Immigration::arrivals(int group, Month m) const {
    // Whole arrivals due by the end of month m minus those due by its start: exact yearly totals
    // without any random rounding.
    const double rate = per_month_[static_cast<std::size_t>(group)];
    const auto due = [&](Month end) {
        return static_cast<std::int64_t>(std::floor(rate * (end - start_) + 1e-9));
    };
    return due(m + 1) - due(m);
}

std::pair<std::uint8_t, int> Immigration::draw_sex_age(int group, pcg32& generator) const {
    const auto& cumulative = profile_[static_cast<std::size_t>(group)];
    const double u = uniform01(generator);
    const auto cell =
        static_cast<int>(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
    const int bounded = std::min(cell, 2 * n_ages - 1);
    return {static_cast<std::uint8_t>(bounded / n_ages), bounded % n_ages};
}

void Immigration::update_attraction(const std::vector<SmallArea>& areas,
                                    const std::vector<std::size_t>& area_population) {
    area_cumulative_.resize(areas.size());
    double sum = 0.0;
    for (std::size_t a = 0; a < areas.size(); ++a) {
        sum += static_cast<double>(area_population[a]) * (1.0 + urban_attraction_ * areas[a].urbanity);
        area_cumulative_[a] = sum;
    }
    for (std::size_t a = 0; a < areas.size(); ++a)
        area_cumulative_[a] = sum > 0.0 ? area_cumulative_[a] / sum
                                        : static_cast<double>(a + 1) / static_cast<double>(areas.size());
}

std::uint16_t Immigration::choose_area(pcg32& generator) const {
    const double u = uniform01(generator);
    const auto a =
        std::upper_bound(area_cumulative_.begin(), area_cumulative_.end(), u) - area_cumulative_.begin();
    return static_cast<std::uint16_t>(
        std::min<std::ptrdiff_t>(a, static_cast<std::ptrdiff_t>(area_cumulative_.size()) - 1));
}

} // namespace migsim
