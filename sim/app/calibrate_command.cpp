// migsim calibrate CONFIG: fits internal migration's attraction of every real area to the areas'
// observed populations, backtests the fit out of sample, and writes the fitted tables and the
// report (calibration/README.md, "Calibration to the municipalities").
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "calibrate/calibration_report.hpp"
#include "core/text.hpp"
#include "core/version.hpp"
#include "io/output_error.hpp"
#include "io/output_file.hpp"
#include "modules/modules.hpp"
#include "population/area_settings.hpp"
#include "study_commands.hpp"

namespace migsim {

namespace {

/// The overrides of the configuration's scenario over first..last: from January of `first` with that
/// year's national table, to January of `last`.
std::vector<std::string> period_overrides(const CalibrationConfig& config,
                                          const std::vector<std::string>& set, int first, int last) {
    // The tables the calibration writes are not read: the fit starts from no attraction and does not
    // depend on (or stop at) the tables it replaces.
    std::vector<std::string> overrides = {"internal_migration.attraction=\"\"",
                                          "internal_migration.attraction_fit=\"\"",
                                          "internal_migration.attraction_fit_summary=\"\""};
    overrides.insert(overrides.end(), config.set.begin(), config.set.end());
    overrides.insert(overrides.end(), set.begin(), set.end());
    overrides.push_back("run.start=" + std::to_string(first) + "-01");
    overrides.push_back("run.months=" + std::to_string(12 * (last - first)));
    overrides.push_back("population.national_table=" + *config.national_table(first));
    return overrides;
}

/// The value of a national parameter as --set gives it: every digit a double has.
std::string exact_text(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

/// The scenario of the period remade with values of the national parameters: std::invalid_argument
/// with every problem when a value is refused (outside the parameter's range).
ScenarioWithValues period_with_values(const CalibrationConfig& config, const std::vector<std::string>& set,
                                      int first, int last) {
    return [overrides = period_overrides(config, set, first, last),
            path = config.scenario](const std::vector<NationalValue>& values) {
        std::vector<std::string> with = overrides;
        for (const NationalValue& v : values)
            with.push_back(v.parameter + "=" + exact_text(v.value));
        ScenarioLoad load = load_scenario(path, with);
        if (!load.ok()) {
            std::string message = "the calibration's scenario with its national parameters was refused:";
            for (const ScenarioProblem& problem : load.problems)
                message += "\n  " + problem.key + ": " + problem.message;
            throw std::invalid_argument(message);
        }
        return std::move(*load.scenario);
    };
}

/// The scenario of the configuration over first..last.
std::optional<Scenario> period_scenario(const CalibrationConfig& config, const std::vector<std::string>& set,
                                        int first, int last, const Ranks& ranks) {
    ScenarioLoad load = load_scenario(config.scenario, period_overrides(config, set, first, last));
    if (!load.ok()) {
        print_problems("the calibration's scenario " + config.scenario + " for " + std::to_string(first) +
                           "-" + std::to_string(last) +
                           " (with the calibration's set and its period, as --set)",
                       load.problems, ranks);
        return std::nullopt;
    }
    return std::move(*load.scenario);
}

} // namespace

void CalibrateCommand::add(CLI::App& app) {
    command =
        app.add_subcommand("calibrate", "Fit internal migration's attraction of each real area to the areas' "
                                        "observed populations, backtest it, write the tables and a report");
    command->add_option("config", config, "Calibration file (TOML), e.g. scenarios/calibration.toml")
        ->required();
    command->add_option("--set", overrides,
                        "Override a scenario parameter of every run, KEY=VALUE (repeatable)");
    command->add_option(
        "--output-dir", output_dir,
        "Write the tables and the report into this folder instead of the calibration file's paths");
    command->add_option("--threads", threads, "Threads, 0 = the cores this process may use")
        ->check(CLI::Range(0, 1024));
    command->add_flag("--no-backtest", no_backtest, "Skip the backtest");
    command->add_flag("-q,--quiet", quiet, "Print only where the files went");
}

int CalibrateCommand::run() const {
    const Ranks ranks; // problems are printed by the first rank only, as the other study commands do
    const CalibrationConfigLoad load = load_calibration_config(config);
    if (!load.ok()) {
        print_problems("the calibration file", load.problems, ranks);
        return exit_usage;
    }
    CalibrationConfig c = *load.config;
    if (!output_dir.empty()) {
        for (std::string* path :
             {&c.attraction_table, &c.fit_table, &c.summary_table, &c.report, &c.national_fit_table})
            if (!path->empty())
                *path =
                    (std::filesystem::path(output_dir) / std::filesystem::path(*path).filename()).string();
    }
    // Every output can be written before anything runs (a run of the default takes minutes).
    std::vector<std::string> problems;
    for (const std::string* path :
         {&c.attraction_table, &c.fit_table, &c.summary_table, &c.report, &c.national_fit_table}) {
        if (path->empty())
            continue;
        std::string problem = output_target_problem(*path, {{"the calibration file", config}});
        if (problem.empty())
            if (const FolderProblem folder = output_folder_problem(*path))
                problem = folder.message;
        // Outputs in one missing folder share their problem: it is said once.
        if (!problem.empty() && std::find(problems.begin(), problems.end(), problem) == problems.end())
            problems.push_back(std::move(problem));
    }
    if (!problems.empty()) {
        for (const std::string& problem : problems)
            std::cerr << "migsim: " << printable(problem) << "\n";
        return exit_usage;
    }

    const std::optional<Scenario> fit_scenario =
        period_scenario(c, overrides, c.first_year, c.last_year, ranks);
    if (!fit_scenario)
        return exit_usage;
    const ObservedAreaPopulationsRead observed =
        read_observed_area_populations(*fit_scenario, c.first_year, c.last_year);
    if (!observed.ok()) {
        print_problems("the calibration's observations", observed.problems, ranks);
        return exit_usage;
    }
    std::optional<Scenario> backtest_fit;
    std::optional<Scenario> backtest_projection;
    if (c.backtest_base > 0 && !no_backtest) {
        backtest_fit = period_scenario(c, overrides, c.first_year, c.backtest_base, ranks);
        backtest_projection = period_scenario(c, overrides, c.backtest_base, c.last_year, ranks);
        if (!backtest_fit || !backtest_projection)
            return exit_usage;
    }

    AreaFitOptions options;
    options.max_iterations = c.max_iterations;
    options.tolerance = c.tolerance;
    options.threads = threads;
    options.national = c.national;
    std::string stage = "fit";
    if (!quiet)
        options.progress = [&stage](int iteration, const AreaFitIteration& it) {
            std::cerr << "migsim calibrate: " << stage << ", run " << iteration << ": rms z "
                      << format_approximately(std::round(it.rms_standardised * 100) / 100) << ", max |z| "
                      << format_approximately(std::round(it.max_abs_standardised * 100) / 100);
            for (const NationalMoment& m : it.national)
                std::cerr << ", " << m.parameter << " "
                          << format_approximately(std::round(m.value * 1e4) / 1e4) << " (z "
                          << format_approximately(std::round(m.standardised_difference() * 100) / 100) << ")";
            std::cerr << " (" << format_approximately(std::round(it.seconds * 10) / 10) << " s)\n";
        };
    CalibrationProvenance provenance;
    provenance.command = "migsim calibrate " + config;
    provenance.version = std::string(version());
    provenance.seed = fit_scenario->run.seed;
    provenance.scale = fit_scenario->population.scale;
    provenance.threads = threads;
    for (const RealArea& area : fit_scenario->settings<AreaSettings>().areas)
        provenance.area_names.push_back(area.name);

    std::optional<AreaBacktest> backtest;
    try {
        const AreaAttractionFit fit =
            fit_area_attractions(*fit_scenario, *observed.observed, options,
                                 period_with_values(c, overrides, c.first_year, c.last_year));
        if (backtest_fit) {
            stage = "backtest";
            const ObservedAreaPopulationsRead all =
                read_observed_area_populations(*backtest_fit, c.first_year, c.last_year);
            // The backtest fits only the national figures of its own period.
            AreaFitOptions backtest_options = options;
            for (NationalTarget& target : backtest_options.national)
                std::erase_if(target.published,
                              [&](const auto& figure) { return figure.first >= c.backtest_base; });
            std::erase_if(backtest_options.national,
                          [](const NationalTarget& target) { return target.published.empty(); });
            backtest = run_area_backtest(*backtest_fit, *backtest_projection, *all.observed, backtest_options,
                                         period_with_values(c, overrides, c.first_year, c.backtest_base),
                                         period_with_values(c, overrides, c.backtest_base, c.last_year));
        }
        write_file_atomically(c.attraction_table, attraction_table_text(fit, provenance));
        write_file_atomically(c.fit_table, fit_table_text(fit, provenance));
        write_file_atomically(c.summary_table, summary_table_text(fit, provenance));
        if (!c.national_fit_table.empty())
            write_file_atomically(c.national_fit_table, national_table_text(fit, provenance));
        write_file_atomically(c.report, calibration_report(c, fit, backtest, provenance, true));
        if (!quiet)
            std::cout << calibration_report(c, fit, backtest, provenance, false) << "\n";
    } catch (const OutputError& error) {
        std::cerr << "migsim: " << printable(error.what()) << "\n";
        return exit_failed;
    } catch (const std::invalid_argument& error) {
        std::cerr << "migsim: " << printable(error.what()) << "\n";
        return exit_usage;
    }
    std::cout << "wrote: " << c.attraction_table << "\n       " << c.fit_table << "\n       "
              << c.summary_table << "\n       "
              << (c.national_fit_table.empty() ? "" : c.national_fit_table + "\n       ") << c.report << "\n";
    return 0;
}

} // namespace migsim
