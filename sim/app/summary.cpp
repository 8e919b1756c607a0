#include "summary.hpp"

#include <cstdio>
#include <sstream>

#include <sys/resource.h>

namespace migsim {

namespace {

/// 5602628 → "5,602,628"
std::string grouped(std::int64_t value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    const int n = static_cast<int>(digits.size());
    for (int k = 0; k < n; ++k) {
        out += digits[static_cast<std::size_t>(k)];
        if ((n - k - 1) % 3 == 0 && k != n - 1)
            out += ',';
    }
    if (value < 0)
        out.insert(out.begin(), '-');
    return out;
}

std::string line(const char* format, auto... values) {
    char text[256];
    std::snprintf(text, sizeof text, format, values...);
    return text;
}

std::string signed_grouped(std::int64_t value) {
    std::string text = grouped(value);
    if (value > 0)
        text.insert(text.begin(), '+');
    return text;
}

} // namespace

std::string run_summary(const Scenario& scenario, const PipelineResults& results,
                        const std::string& output_path) {
    const RunResults& run = results.run;
    const ReportingYears& calendar = run.calendar;
    const int last = calendar.population_years - 1;
    const Month end = scenario.run.start + scenario.run.months;
    std::ostringstream out;
    out << "migsim run: " << scenario.path << ", seed " << scenario.run.seed << ", " << run.threads
        << " thread" << (run.threads == 1 ? "" : "s") << ", " << run.areas.size() << " areas, "
        << format_month(scenario.run.start) << " to " << format_month(end - 1) << "\n\n";

    out << line("%-34s %14s %14s\n", "population on 1 January", std::to_string(calendar.first_year).c_str(),
                std::to_string(calendar.first_year + last).c_str());
    const auto truth_start = run.truth.population.total(0);
    const auto truth_end = run.truth.population.total(last);
    const auto register_start = results.estimates.register_population.population.total(0);
    const auto register_end = results.estimates.register_population.population.total(last);
    out << line("%-34s %14s %14s\n", "  truth", grouped(truth_start).c_str(), grouped(truth_end).c_str());
    out << line("%-34s %14s %14s\n", "  register", grouped(register_start).c_str(),
                grouped(register_end).c_str());
    const auto overcount = [](std::int64_t reg, std::int64_t truth) {
        return signed_grouped(reg - truth) +
               line(" (%+.2f%%)",
                    truth > 0 ? 100.0 * static_cast<double>(reg - truth) / static_cast<double>(truth) : 0.0);
    };
    out << line("%-34s %14s %14s\n", "  register overcount", overcount(register_start, truth_start).c_str(),
                overcount(register_end, truth_end).c_str());

    const double years = scenario.run.months / 12.0;
    out << "\n" << line("%-34s %14s %14s\n", "events (truth)", "total", "per year");
    const auto flow_row = [&](const char* label, const char* flow) {
        const auto total = run.truth.flow(flow).total();
        out << line("%-34s %14s %14s\n", label, grouped(total).c_str(),
                    grouped(static_cast<std::int64_t>(static_cast<double>(total) / years + 0.5)).c_str());
    };
    flow_row("  births", "births");
    flow_row("  deaths", "deaths");
    flow_row("  arrivals (first immigration)", "immigration");
    flow_row("  departures (emigration)", "emigration");
    flow_row("  returns from abroad", "returns");
    flow_row("  internal moves", "internal_out");
    out << line("%-34s %14s\n", "  persons abroad at the start",
                grouped(static_cast<std::int64_t>(run.abroad_start)).c_str());
    out << line("%-34s %14s\n", "  persons abroad at the end",
                grouped(static_cast<std::int64_t>(run.abroad_end)).c_str());
    out << line("%-34s %14s\n", "  no longer followed abroad",
                grouped(static_cast<std::int64_t>(run.abroad_pruned)).c_str());

    const double person_months = static_cast<double>(run.person_months);
    const double rate = run.seconds > 0 ? person_months / run.seconds : 0.0;
    out << "\n"
        << line("speed: %.0f M person-months in %.2f s: %.1f M person-months/s (%.1f M per thread)\n",
                person_months / 1e6, run.seconds, rate / 1e6, rate / 1e6 / run.threads);
    out << line(
        "memory: %.1f bytes per person in the hot columns; abroad pool and register records %.1f MB\n",
        run.peak_hot_persons > 0
            ? static_cast<double>(run.peak_hot_bytes) / static_cast<double>(run.peak_hot_persons)
            : 0.0,
        static_cast<double>(run.peak_side_bytes) / 1e6);
    for (const SizeFigure& figure : run.size_figures)
        out << line("  %s: %s %s\n", figure.name.c_str(),
                    figure.value == static_cast<double>(static_cast<std::int64_t>(figure.value))
                        ? grouped(static_cast<std::int64_t>(figure.value)).c_str()
                        : line("%.1f", figure.value).c_str(),
                    figure.unit.c_str());
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    out << line("peak resident memory: %.0f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
    out << "output: " << output_path << "\n";
    return out.str();
}

} // namespace migsim
