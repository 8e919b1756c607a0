// Fits the Lee-Carter model to deaths and person-years by year, sex and age, and writes its
// parameters as CSV: the files committed as scenarios/data/dk_mortality_lee_carter.csv (sex, age,
// a, b) and dk_mortality_lee_carter_k.csv (sex, year, k and the random walk's drift). Prints the
// fit's summary for calibration/README.md.
//   fit_lee_carter DEATHS.csv AGE_PARAMETERS.csv INDEX.csv [OPEN_AGE=99]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "calibration/lee_carter_tables.hpp"

int main(int argc, char** argv) {
    if (argc < 4 || argc > 5) {
        std::fprintf(stderr, "usage: %s DEATHS.csv AGE_PARAMETERS.csv INDEX.csv [OPEN_AGE=99]\n", argv[0]);
        return 2;
    }
    int open_age = 99;
    if (argc == 5) {
        char* end = nullptr;
        const long value = std::strtol(argv[4], &end, 10);
        if (end == argv[4] || *end != '\0' || value < 1 || value > 130) {
            std::fprintf(stderr, "OPEN_AGE must be a whole number of years from 1 to 130, not '%s'\n",
                         argv[4]);
            return 2;
        }
        open_age = static_cast<int>(value);
    }
    const migsim::DeathsAndExposureBySex data = migsim::read_deaths_and_exposure(argv[1], open_age);
    for (const std::string& problem : data.problems)
        std::fprintf(stderr, "%s\n", problem.c_str());
    if (!data.ok())
        return 1;
    migsim::LeeCarterFitBySex fits;
    for (int sex = 0; sex < migsim::n_sexes; ++sex) {
        const auto s = static_cast<std::size_t>(sex);
        fits[s] = migsim::fit_lee_carter(data.by_sex[s]);
        if (!fits[s].ok()) {
            std::fprintf(stderr, "%s: %s: %s\n", argv[1], migsim::sex_names[s], fits[s].error.c_str());
            return 1;
        }
        const migsim::LeeCarterFit& fit = fits[s];
        std::printf("%s %d-%d: explained variance %.3f, zero-death cells %d, drift %.4f (SE %.4f), "
                    "innovation SD %.4f, k %.3f .. %.3f\n",
                    migsim::sex_names[s], fit.first_year, fit.last_year(), fit.explained_variance,
                    fit.zero_death_cells, fit.drift, fit.drift_se, fit.innovation_sd, fit.k(0),
                    fit.k(fit.k.size() - 1));
    }
    // The provenance line of every committed table (scenarios/data/SOURCES.md).
    const std::string provenance = std::string("# Lee-Carter fit to ") + argv[1] +
                                   " by calibration/tools/fit_lee_carter; see calibration/README.md\n";
    for (const auto& [path, text] :
         {std::pair{std::string(argv[2]), migsim::lee_carter_age_parameters_csv(fits)},
          std::pair{std::string(argv[3]), migsim::lee_carter_index_csv(fits)}}) {
        const std::string error = migsim::write_text_file(path, provenance + text);
        if (!error.empty()) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        std::printf("wrote %s\n", path.c_str());
    }
    return 0;
}
