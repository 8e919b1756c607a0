#include "scenario/run_size.hpp"

#include <cmath>
#include <cstdio>

#include "scenario/limits.hpp"

namespace migsim {

std::string grouped_digits(double value) {
    const std::string digits = std::to_string(static_cast<long long>(std::llround(std::abs(value))));
    std::string out;
    for (std::size_t k = 0; k < digits.size(); ++k) {
        out += digits[k];
        const std::size_t left = digits.size() - k - 1;
        if (left > 0 && left % 3 == 0)
            out += ',';
    }
    return value < 0 ? "-" + out : out;
}

double estimated_run_bytes(const Scenario& scenario, double persons) {
    const double reported_years = static_cast<double>(scenario.run.months / 12 + 1);
    const double area_years = scenario.population.areas * reported_years;
    return 2 * persons * limits::bytes_per_person + area_years * limits::bytes_per_area_year + 64e6;
}

std::string memory_text(double bytes) {
    char text[32];
    if (bytes >= 1e9)
        std::snprintf(text, sizeof text, "%.1f GB", bytes / 1e9);
    else
        std::snprintf(text, sizeof text, "%.0f MB", std::ceil(bytes / 1e6));
    return text;
}

std::vector<RunSizeProblem> run_size_problems(const Scenario& scenario,
                                              const std::function<bool(const std::string&)>& valid) {
    std::vector<RunSizeProblem> problems;
    // Every stock and flow is reported by year, area, sex and age, so the accounts (and the output)
    // grow with areas x years whatever the population.
    if (valid("population.areas") && valid("run.months")) {
        const double reported_years = static_cast<double>(scenario.run.months / 12 + 1);
        const double area_years = scenario.population.areas * reported_years;
        if (area_years > limits::area_years)
            problems.push_back(
                {"population.areas",
                 grouped_digits(scenario.population.areas) + " areas over " + grouped_digits(reported_years) +
                     " reported years are " + grouped_digits(area_years) +
                     " area-years: more than the limit of " + grouped_digits(limits::area_years) +
                     " (each takes about 12 KB of accounts in memory and in the output); use fewer "
                     "areas or months"});
    }
    return problems;
}

} // namespace migsim
