#include "scenario/run_size.hpp"

#include <cmath>
#include <cstdio>

#include "core/text.hpp"
#include "scenario/limits.hpp"

namespace migsim {

namespace {

/// `value` rounded up to two significant digits: 1.7848e-07 -> 1.8e-07.
double rounded_up(double value) {
    const double unit = std::pow(10.0, std::floor(std::log10(value)) - 1);
    return std::ceil(value / unit) * unit;
}

} // namespace

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
    // A scale that leaves no one in the base population runs a country of nobody: exit 0 and an empty
    // output, which no one asked for.
    if (valid("population.scale") && valid("population.national_table")) {
        double national = 0.0;
        for (const auto& by_age : scenario.population.national)
            for (const std::int64_t persons : by_age)
                national += static_cast<double>(persons);
        if (national > 0 && national * scenario.population.scale < 1)
            problems.push_back(
                {"population.scale",
                 format_number(scenario.population.scale) + " x the national table's " +
                     grouped_digits(national) +
                     " persons leaves no one to simulate; raise population.scale to at least " +
                     format_number(rounded_up(1 / national))});
    }
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
