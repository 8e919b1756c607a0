// links: migsim_settings
// Mortality improvement (processes/mortality_settings.hpp): the hazard of calendar year y is
// m_base(x) exp(b_x d (y - base_year)), b_x and the drift d from the Lee-Carter tables written by
// calibration/tools/fit_lee_carter, the base year that of mortality.rates. The expectation is
// computed here from the CSV files themselves, read by the test, not through the loader; the
// loader's refusals of tables that do not go together name file, line and key.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <utility>

#include "modules/modules.hpp"
#include "processes/mortality_settings.hpp"
#include "support/scenario_checks.hpp"

namespace migsim {
namespace {

using namespace migsim::testing;

/// The rows of a CSV file without its `#` comments and header, split at commas.
std::vector<std::vector<std::string>> csv_rows(const fs::path& path) {
    std::istringstream in(read_text(path));
    std::vector<std::vector<std::string>> rows;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        if (std::exchange(header, false))
            continue;
        std::vector<std::string> cells;
        std::istringstream fields(line);
        std::string cell;
        while (std::getline(fields, cell, ','))
            cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

const fs::path data = source_dir / "scenarios/data";

TEST(MortalityImprovement, HazardOfEachYearIsTheBaseRateTimesExpOfBTimesDriftTimesYears) {
    // sex,age,a,b; sex,year,k,drift,...; year,sex,age,deaths,person_years,rate_per_1000.
    std::map<std::pair<std::string, int>, double> b;
    for (const auto& row : csv_rows(data / "dk_mortality_lee_carter.csv"))
        b[{row[0], std::stoi(row[1])}] = std::stod(row[3]);
    std::map<std::string, double> drift;
    for (const auto& row : csv_rows(data / "dk_mortality_lee_carter_k.csv"))
        drift[row[0]] = std::stod(row[3]);
    std::map<std::pair<std::string, int>, double> rate_2012;
    for (const auto& row : csv_rows(data / "dk_mortality_2012.csv")) {
        ASSERT_EQ(row[0], "2012");
        rate_2012[{row[1], std::stoi(row[2])}] = std::stod(row[5]) / 1000.0;
    }
    ASSERT_EQ(b.size(), 200u);
    ASSERT_EQ(rate_2012.size(), 200u);
    ASSERT_NEAR(drift["male"], -2.0169, 1e-4);
    ASSERT_NEAR(drift["female"], -2.1691, 1e-4);

    const ScenarioLoad load = load_scenario((source_dir / "scenarios/baseline.toml").string());
    ASSERT_TRUE(load.ok()) << all_problems(load);
    const auto& settings = load.scenario->settings<MortalitySettings>();
    EXPECT_TRUE(settings.improving());
    EXPECT_EQ(settings.base_year, 2012);
    for (int year : {2012, 2013, 2017, 2022, 2040}) {
        const SexAgeTable hazard = hazard_in_year(settings, year);
        for (int sex = 0; sex < n_sexes; ++sex)
            for (int age = 0; age <= oldest_age; ++age) {
                // Age 100 has the open last row's rate and b (99 and over).
                const std::pair key{std::string(sex_names[sex]), std::min(age, 99)};
                const double expected =
                    rate_2012.at(key) * std::exp(b.at(key) * drift.at(key.first) * (year - 2012));
                EXPECT_NEAR(hazard[sex][age], expected, 1e-12 * expected + 1e-300)
                    << sex_names[sex] << " " << age << " in " << year;
            }
    }
}

TEST(MortalityImprovement, WithoutItOrWithAMultiplierOfZeroTheRatesAreTheTablesInEveryYear) {
    const ScenarioLoad without = load_scenario(fixture("valid.toml"));
    ASSERT_TRUE(without.ok()) << all_problems(without);
    const auto& plain = without.scenario->settings<MortalitySettings>();
    EXPECT_FALSE(plain.improving());
    const ScenarioLoad frozen = load_scenario((source_dir / "scenarios/baseline.toml").string(),
                                              {"mortality.improvement_multiplier=0"});
    ASSERT_TRUE(frozen.ok()) << all_problems(frozen);
    const auto& zero = frozen.scenario->settings<MortalitySettings>();
    EXPECT_TRUE(zero.improving());
    for (int year : {1990, 2013, 2022, 2399}) {
        // Bit for bit: a run without the trend must write the outputs it wrote before the trend
        // existed.
        EXPECT_EQ(hazard_in_year(plain, year), plain.hazard) << year;
        EXPECT_EQ(hazard_in_year(zero, year), zero.hazard) << year;
    }
}

TEST(MortalityImprovement, OneTableWithoutTheOtherIsRefused) {
    const std::string b = (data / "dk_mortality_lee_carter.csv").string();
    const std::string k = (data / "dk_mortality_lee_carter_k.csv").string();
    const auto only_b = load_scenario(fixture("valid.toml"), {"mortality.improvement=" + b});
    ASSERT_EQ(only_b.problems.size(), 1u) << all_problems(only_b);
    EXPECT_EQ(only_b.problems[0].key, "mortality.improvement_k");
    EXPECT_NE(only_b.problems[0].message.find("without mortality.improvement_k"), std::string::npos);
    const auto only_k = load_scenario(fixture("valid.toml"), {"mortality.improvement_k=" + k});
    ASSERT_EQ(only_k.problems.size(), 1u) << all_problems(only_k);
    EXPECT_EQ(only_k.problems[0].key, "mortality.improvement");
}

TEST(MortalityImprovement, BOfAnotherNormalisationOrTwoDriftsOfOneSexAreRefusedWithFileAndLine) {
    const fs::path folder = test_folder();
    std::string b_text = read_text(data / "dk_mortality_lee_carter.csv");
    // Line 103 is the first female row: female b then sum to about 2.
    const std::string female_0 = "female,0,-5.254749361,0.01427191489";
    ASSERT_NE(b_text.find(female_0), std::string::npos);
    b_text.replace(b_text.find(female_0), female_0.size(), "female,0,-5.254749361,1.0");
    write_text(folder / "b.csv", b_text);
    std::string k_text = read_text(data / "dk_mortality_lee_carter_k.csv");
    const std::string male_1974 = "male,1974,23.3883416,-2.016919307";
    ASSERT_NE(k_text.find(male_1974), std::string::npos);
    k_text.replace(k_text.find(male_1974), male_1974.size(), "male,1974,23.3883416,-1.5");
    write_text(folder / "k.csv", k_text);
    const auto load =
        load_scenario(fixture("valid.toml"), {"mortality.improvement=" + (folder / "b.csv").string(),
                                              "mortality.improvement_k=" + (folder / "k.csv").string()});
    expect_problem(load, (folder / "b.csv").string(), 103, "b", "the b of females sum to");
    expect_problem(load, (folder / "k.csv").string(), 3, "drift", "the drift is -1.5");
    EXPECT_EQ(load.problems.size(), 2u) << all_problems(load);
}

} // namespace
} // namespace migsim
