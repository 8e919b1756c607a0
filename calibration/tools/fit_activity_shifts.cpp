// Fits the employment shifts of the activity transitions (calibration/README.md, "Activity
// transitions") to Denmark's published flows and employment rates, and writes the two tables the
// scenario reads, committed as DATA_DIR/dk_activity_shifts.csv and DATA_DIR/dk_activity_monthly.csv.
// Prints every cell's target and shift.
//   fit_activity_shifts DATA_DIR
#include <cstdio>
#include <string>

#include "calibration/activity_calibration.hpp"
#include "calibration/labour_flows.hpp"
#include "calibration/lee_carter_tables.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
        return 2;
    }
    const std::string data = std::string(argv[1]) + "/";
    const migsim::ActivityInputs inputs = migsim::read_activity_inputs(data);
    for (const std::string& problem : inputs.problems)
        std::fprintf(stderr, "%s\n", problem.c_str());
    if (!inputs.ok())
        return 1;
    const migsim::ActivityCalibration calibration = migsim::calibrate_activity(inputs);
    for (const std::string& problem : calibration.problems)
        std::fprintf(stderr, "%s\n", problem.c_str());
    if (!calibration.ok())
        return 1;
    for (const migsim::ActivityCell& cell : calibration.cells)
        std::printf("%-6s %-24s %s  target %5.1f %%  shift %+.3f  (%d iterations)\n",
                    migsim::employment_sexes[cell.sex].data(),
                    std::string(migsim::employment_origin_groups[cell.group]).c_str(),
                    std::string(migsim::employment_age_bands[cell.band]).c_str(), 100.0 * cell.target,
                    cell.shift, cell.iterations);
    const std::string provenance = "# Fitted by calibration/tools/fit_activity_shifts to the tables of " +
                                   std::string(argv[1]) +
                                   "; see calibration/README.md, \"Activity transitions\"\n";
    for (const auto& [name, text] :
         {std::pair{"dk_activity_shifts.csv", migsim::activity_shifts_csv(calibration)},
          std::pair{"dk_activity_monthly.csv", migsim::activity_monthly_csv(inputs.monthly)}}) {
        const std::string path = data + name;
        const std::string error = migsim::write_text_file(path, provenance + text);
        if (!error.empty()) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        std::printf("wrote %s\n", path.c_str());
    }
    return 0;
}
