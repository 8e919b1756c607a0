#include "calibration/lee_carter_tables.hpp"

#include <cstdio>
#include <fstream>
#include <map>

#include "scenario/csv_table.hpp"
#include "scenario/load.hpp"
#include "scenario/tables.hpp"

namespace migsim {

DeathsAndExposureBySex read_deaths_and_exposure(const std::string& path, int open_age) {
    DeathsAndExposureBySex table;
    std::vector<ScenarioProblem> problems;
    const std::map<std::string, ParameterValue> no_parameters;
    const TableContext context{"deaths", path, std::nullopt, "", 0, &no_parameters, &problems};
    CategoryColumn age{"age", {}};
    for (int a = 0; a <= open_age; ++a)
        age.levels.push_back(std::to_string(a));
    // The year is the table's index (an unbroken run of years, whichever); sex and age are its keys.
    const TableSpec spec{{sex_column(), age},
                         {"year", 1700, 2500, IndexCoverage::contiguous},
                         {{"deaths", 0.0, unbounded, true}, {"person_years", 0.0}, {"rate_per_1000", 0.0}},
                         {"year", "sex", "age", "deaths", "person_years", "rate_per_1000"}};
    const auto grid = read_table(context, spec);
    if (grid) {
        const int ages = open_age + 1;
        const int years = grid->last_index() - grid->first_index() + 1;
        for (int sex = 0; sex < n_sexes; ++sex) {
            DeathsAndExposure& data = table.by_sex[static_cast<std::size_t>(sex)];
            data.first_year = grid->first_index();
            data.first_age = 0;
            data.deaths.resize(ages, years);
            data.person_years.resize(ages, years);
            for (int a = 0; a < ages; ++a)
                for (int t = 0; t < years; ++t) {
                    const int combination = sex * ages + a;
                    const int year = data.first_year + t;
                    data.deaths(a, t) = grid->value(combination, year, 0);
                    data.person_years(a, t) = grid->value(combination, year, 1);
                    if (data.person_years(a, t) <= 0.0)
                        context.problem(path, grid->line(combination, year), "person_years",
                                        "no person-years at risk: the death rate is undefined");
                }
        }
    }
    for (const ScenarioProblem& problem : problems)
        table.problems.push_back(problem.to_string());
    return table;
}

namespace {

/// Ten significant digits: the parameters' own precision is far lower (their standard errors).
std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

} // namespace

std::string lee_carter_age_parameters_csv(const LeeCarterFitBySex& fits) {
    std::string text = "sex,age,a,b\n";
    for (int sex = 0; sex < n_sexes; ++sex) {
        const LeeCarterFit& fit = fits[static_cast<std::size_t>(sex)];
        for (Eigen::Index x = 0; x < fit.a.size(); ++x)
            text += std::string(sex_names[static_cast<std::size_t>(sex)]) + "," +
                    std::to_string(fit.first_age + static_cast<int>(x)) + "," + number(fit.a(x)) + "," +
                    number(fit.b(x)) + "\n";
    }
    return text;
}

std::string lee_carter_index_csv(const LeeCarterFitBySex& fits) {
    std::string text = "sex,year,k,drift,drift_se,innovation_sd\n";
    for (int sex = 0; sex < n_sexes; ++sex) {
        const LeeCarterFit& fit = fits[static_cast<std::size_t>(sex)];
        for (Eigen::Index t = 0; t < fit.k.size(); ++t)
            text += std::string(sex_names[static_cast<std::size_t>(sex)]) + "," +
                    std::to_string(fit.first_year + static_cast<int>(t)) + "," + number(fit.k(t)) + "," +
                    number(fit.drift) + "," + number(fit.drift_se) + "," + number(fit.innovation_sd) + "\n";
    }
    return text;
}

std::string projected_rates_csv(const LeeCarterFitBySex& fits, int first_year, int last_year) {
    // 1.96: the two-sided 95 % normal quantile of k's projection error.
    constexpr double z = 1.96;
    std::string text = "year,sex,age,rate,rate_low,rate_high\n";
    for (int year = first_year; year <= last_year; ++year)
        for (int sex = 0; sex < n_sexes; ++sex) {
            const LeeCarterFit& fit = fits[static_cast<std::size_t>(sex)];
            const Eigen::VectorXd central = fit.rates(year);
            // With most b_x > 0 a higher k means higher mortality: the low path has k - z SE.
            const Eigen::VectorXd low = fit.rates(year, -z);
            const Eigen::VectorXd high = fit.rates(year, z);
            for (Eigen::Index x = 0; x < central.size(); ++x)
                text += std::to_string(year) + "," + sex_names[static_cast<std::size_t>(sex)] + "," +
                        std::to_string(fit.first_age + static_cast<int>(x)) + "," + number(central(x)) + "," +
                        number(low(x)) + "," + number(high(x)) + "\n";
        }
    return text;
}

std::string write_text_file(const std::string& path, const std::string& text) {
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out)
            return "cannot create " + partial;
        out << text;
        out.close();
        if (!out) {
            std::remove(partial.c_str());
            return "cannot write " + partial + " (disk full?)";
        }
    }
    if (std::rename(partial.c_str(), path.c_str()) != 0) {
        std::remove(partial.c_str());
        return "cannot rename " + partial + " to " + path;
    }
    return "";
}

} // namespace migsim
