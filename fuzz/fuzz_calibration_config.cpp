// Fuzz target: the reader of migsim calibrate's file. The input is the file's text. Besides not
// crashing, a file that loads has a fit period of at least two years, a national table for its
// first year, a backtest base (when any) inside the period with its own table, and every output.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "calibrate/calibration_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const migsim::CalibrationConfigLoad load = migsim::load_calibration_config_text(
        text, std::string(MIGSIM_SOURCE_DIR) + "/scenarios/fuzzed_calibration.toml");
    if (!load.ok()) {
        if (load.problems.empty())
            std::abort(); // refused without a reason
        return 0;
    }
    const migsim::CalibrationConfig& c = *load.config;
    if (c.first_year >= c.last_year || c.national_table(c.first_year) == nullptr)
        std::abort();
    if (c.backtest_base != 0 && (c.backtest_base <= c.first_year || c.backtest_base >= c.last_year ||
                                 c.national_table(c.backtest_base) == nullptr))
        std::abort();
    if (c.scenario.empty() || c.attraction_table.empty() || c.fit_table.empty() || c.summary_table.empty() ||
        c.report.empty())
        std::abort();
    return 0;
}
