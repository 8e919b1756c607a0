// Real small areas from tables ([areas], population/area_settings.*): the scenario reads them, a
// bad table is reported through the scenario with file, line and key, and the base population
// keeps the areas' totals by sex and the national table by sex and age, both exactly, at any
// thread count the same.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "calibration/base_population.hpp"
#include "pipeline/pipeline.hpp"
#include "population/area_settings.hpp"
#include "processes/mortality_settings.hpp"
#include "support/scenario_checks.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

using namespace migsim::testing;

/// The default scenario: Denmark's municipalities.
std::string municipalities_path() {
    return baseline_path();
}

/// Persons by code and sex in 2013, read here from the published table itself.
std::map<std::string, std::array<std::int64_t, 2>> table_2013() {
    std::ifstream in(std::string(MIGSIM_SOURCE_DIR) + "/scenarios/data/municipal_population_2008_2013.csv");
    std::map<std::string, std::array<std::int64_t, 2>> persons;
    std::string line;
    std::getline(in, line); // code,year,males,females
    while (std::getline(in, line)) {
        std::stringstream row(line);
        std::string code, year, males, females;
        std::getline(row, code, ',');
        std::getline(row, year, ',');
        std::getline(row, males, ',');
        std::getline(row, females, ',');
        if (year == "2013")
            persons[code] = {std::stoll(males), std::stoll(females)};
    }
    return persons;
}

TEST(RealAreas, TheDefaultScenarioReadsTheMunicipalTablesInTheirOrder) {
    const Scenario scenario = scenario_with_overrides(municipalities_path(), {});
    ASSERT_TRUE(has_real_areas(scenario));
    const AreaSettings& areas = scenario.settings<AreaSettings>();
    const auto published = table_2013();
    ASSERT_EQ(areas.areas.size(), published.size());
    EXPECT_EQ(scenario.population.areas, static_cast<int>(published.size()));
    EXPECT_EQ(areas.areas.front().code, "101");
    EXPECT_EQ(areas.areas.front().name, "København");
    EXPECT_EQ(areas.areas.front().region, "Hovedstaden");
    for (const RealArea& area : areas.areas)
        EXPECT_EQ(area.persons, published.at(area.code)) << area.code;
    // With areas.synthetic, the synthetic areas, as many as population.areas says.
    const Scenario synthetic = synthetic_baseline_with({"population.areas=7"});
    EXPECT_FALSE(has_real_areas(synthetic));
    EXPECT_EQ(synthetic.population.areas, 7);
    const Scenario set = scenario_with_overrides(municipalities_path(), {"areas.synthetic=true"});
    EXPECT_FALSE(has_real_areas(set));
    EXPECT_EQ(set.population.areas, 100);
}

TEST(RealAreas, TheBasePopulationKeepsTheAreasTotalsAndTheNationalTableExactly) {
    const double scale = 0.05;
    const Scenario scenario = scenario_with_overrides(municipalities_path(), {"population.scale=0.05"});
    const AreaSettings& real = scenario.settings<AreaSettings>();
    const SexAgeTable& mortality = scenario.settings<MortalitySettings>().hazard;
    const AreaCounts counts = real_area_counts(scenario.population, real, mortality);
    const NationalCounts national = scaled_national_counts(scenario.population, mortality);
    ASSERT_EQ(counts.areas, static_cast<int>(real.areas.size()));
    // The national margin: every (sex, age) exactly.
    for (int sex = 0; sex < n_sexes; ++sex)
        for (int age = 0; age <= counts.max_age; ++age) {
            std::int64_t sum = 0;
            for (int a = 0; a < counts.areas; ++a)
                sum += counts.at(a, sex, age);
            ASSERT_EQ(sum, national.persons[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)])
                << "sex " << sex << " age " << age;
        }
    // The areas' margin: each area and sex is the published count x scale, rounded (the tables
    // of 2013 agree exactly, so nothing else moves it): within one person.
    const auto published = table_2013();
    for (int a = 0; a < counts.areas; ++a)
        for (int sex = 0; sex < n_sexes; ++sex) {
            std::int64_t total = 0;
            for (int age = 0; age <= counts.max_age; ++age)
                total += counts.at(a, sex, age);
            const double expected =
                scale * static_cast<double>(published.at(
                            real.areas[static_cast<std::size_t>(a)].code)[static_cast<std::size_t>(sex)]);
            EXPECT_LT(std::abs(static_cast<double>(total) - expected), 1.0)
                << real.areas[static_cast<std::size_t>(a)].code << " sex " << sex;
        }
    // The persons of the base population are those counts, in areas labelled by code.
    const Population base = base_population(scenario);
    ASSERT_EQ(base.areas.size(), real.areas.size());
    for (int a = 0; a < counts.areas; ++a) {
        EXPECT_EQ(base.areas[static_cast<std::size_t>(a)].label,
                  real.areas[static_cast<std::size_t>(a)].code);
        EXPECT_EQ(static_cast<std::int64_t>(base.persons[static_cast<std::size_t>(a)].size()),
                  counts.area_total(a));
    }
    // Points: Copenhagen (12.57 E, 55.68 N) and Esbjerg
    // (8.45 E, 55.47 N): the great-circle distance is 259.6 km (haversine), which the projection must keep
    const auto at = [&](const std::string& code) {
        for (const SmallArea& area : base.areas)
            if (area.label == code)
                return area;
        throw std::runtime_error("no area " + code);
    };
    const SmallArea copenhagen = at("101"), esbjerg = at("561");
    const double distance = std::hypot(copenhagen.x_km - esbjerg.x_km, copenhagen.y_km - esbjerg.y_km);
    EXPECT_NEAR(distance, 259.6, 2.6);   // within 1 %
    EXPECT_EQ(copenhagen.urbanity, 1.0); // the largest
}

/// The default scenario, without its municipal tables, beside the test's own area and population
/// tables.
std::string variant_with_areas(const fs::path& folder, const std::string& areas_csv,
                               const std::string& population_csv, bool with_population = true) {
    fs::create_directory_symlink(source_dir / "scenarios/data", folder / "data");
    // The default scenario without its municipal tables, so that the variant's are the only ones.
    std::string baseline = read_text(source_dir / "scenarios/baseline.toml");
    // (and without the attractions fitted to the municipalities, which are not the variant's areas).
    for (const std::string line : {"table = \"data/municipalities.csv\"\n",
                                   "population = \"data/municipal_population_2008_2013.csv\"\n",
                                   "attraction = \"data/internal_migration_attraction.csv\"\n",
                                   "attraction_fit = \"data/internal_migration_attraction_fit.csv\"\n"}) {
        const auto at = baseline.find(line);
        EXPECT_NE(at, std::string::npos) << line;
        if (at != std::string::npos)
            baseline.erase(at, line.size());
    }
    write_text(folder / "baseline.toml", baseline);
    write_text(folder / "areas.csv", areas_csv);
    write_text(folder / "population.csv", population_csv);
    write_text(folder / "variant.toml",
               std::string("base = \"baseline.toml\"\n[areas]\ntable = \"areas.csv\"\n") +
                   (with_population ? "population = \"population.csv\"\n" : ""));
    return (folder / "variant.toml").string();
}

/// Three areas whose totals by sex are the national table's.
std::string good_population(const Scenario& baseline, int year = 2013) {
    std::array<std::int64_t, 2> national{};
    for (int sex = 0; sex < n_sexes; ++sex)
        for (const std::int64_t persons : baseline.population.national[static_cast<std::size_t>(sex)])
            national[static_cast<std::size_t>(sex)] += persons;
    const std::string y = std::to_string(year);
    return "code,year,males,females\n" + std::string("1,") + y + "," + std::to_string(national[0] - 2000) +
           "," + std::to_string(national[1] - 2000) + "\n2," + y + ",1000,1000\n3," + y + ",1000,1000\n";
}

const char* good_areas = "code,name,region,longitude,latitude\n"
                         "1,One,North,10.0,56.0\n"
                         "2,Two,North,10.5,56.2\n"
                         "3,Three,South,9.5,55.0\n";

TEST(RealAreas, SmallTablesOfTheTestLoadAndRun) {
    const Scenario baseline = synthetic_baseline_with({});
    const std::string path = variant_with_areas(test_folder(), good_areas, good_population(baseline));
    const ScenarioLoad load = load_scenario(path, {"population.scale=0.01", "run.months=12"});
    ASSERT_TRUE(load.ok()) << all_problems(load);
    EXPECT_EQ(load.scenario->population.areas, 3);
}

TEST(RealAreas, EveryProblemOfABadAreaTableIsReportedWithFileLineAndKey) {
    const Scenario baseline = synthetic_baseline_with({});
    const std::string path = variant_with_areas(test_folder(),
                                                "code,name,region,longitude,latitude\n"
                                                "1,One,North,10.0,56.0\n"
                                                "1,Again,North,10.5,56.2\n"
                                                "3,Three,South,9.5,95.0\n",
                                                good_population(baseline));
    const ScenarioLoad load = load_scenario(path);
    ASSERT_FALSE(load.ok());
    const std::string text = all_problems(load);
    EXPECT_NE(text.find("areas.csv:3: code"), std::string::npos) << text;     // the duplicate
    EXPECT_NE(text.find("areas.csv:4: latitude"), std::string::npos) << text; // beyond 90
}

TEST(RealAreas, EveryProblemOfABadPopulationTableIsReportedWithFileLineAndKey) {
    const Scenario baseline = synthetic_baseline_with({});
    std::string population = good_population(baseline);
    population += "4,2013,10,10\n"; // an area the area table does not have
    population.replace(population.find("\n3,2013,1000,1000"), 17, "\n3,2013,-5,1000");
    const std::string path = variant_with_areas(test_folder(), good_areas, population);
    const ScenarioLoad load = load_scenario(path);
    ASSERT_FALSE(load.ok());
    const std::string text = all_problems(load);
    EXPECT_NE(text.find("population.csv:4: males"), std::string::npos) << text; // negative
    EXPECT_NE(text.find("population.csv:5: code"), std::string::npos) << text;  // unknown code
}

TEST(RealAreas, TotalsBeyondTheToleranceOfTheNationalTableAreRefused) {
    const Scenario baseline = synthetic_baseline_with({});
    std::string population = good_population(baseline);
    // 2 % more males in area 2 than the national table allows for: about 57,000 persons.
    std::int64_t males = 0;
    for (const std::int64_t persons : baseline.population.national[0])
        males += persons;
    const std::string area_2 = "\n2,2013,1000,";
    population.replace(population.find(area_2), area_2.size(),
                       "\n2,2013," + std::to_string(1000 + males / 50) + ",");
    const std::string path = variant_with_areas(test_folder(), good_areas, population);
    const ScenarioLoad refused = load_scenario(path);
    ASSERT_FALSE(refused.ok());
    ASSERT_EQ(refused.problems.size(), 1u) << all_problems(refused);
    EXPECT_NE(refused.problems[0].file.find("population.csv"), std::string::npos) << all_problems(refused);
    EXPECT_NE(refused.problems[0].message.find("national"), std::string::npos) << all_problems(refused);
    // Within a tolerance of 5 % it loads.
    const ScenarioLoad accepted = load_scenario(path, {"areas.national_tolerance=0.05"});
    EXPECT_TRUE(accepted.ok()) << all_problems(accepted);
}

TEST(RealAreas, AMissingNationalTableIsOneProblemNotThreeForTheAreasTotals) {
    // The default scenario's municipalities with a national table that cannot be read: that is the
    // problem; the areas' totals are not also measured against a table of no persons.
    const ScenarioLoad load =
        load_scenario(testing::baseline_path(), {"population.national_table=/nonexistent/national.csv"});
    ASSERT_FALSE(load.ok());
    EXPECT_EQ(load.problems.size(), 1u) << all_problems(load);
    EXPECT_NE(all_problems(load).find("national.csv"), std::string::npos) << all_problems(load);
}

TEST(RealAreas, AnAreaTableNeedsItsPopulation) {
    const Scenario baseline = synthetic_baseline_with({});
    const std::string path = variant_with_areas(test_folder(), good_areas, good_population(baseline), false);
    const ScenarioLoad load = load_scenario(path);
    ASSERT_FALSE(load.ok());
    EXPECT_EQ(problems_of(load, "areas.table").size(), 1u) << all_problems(load);
}

TEST(RealAreas, ARunOnMunicipalitiesIsTheSameAtOneAndTwoThreads) {
    const Scenario scenario =
        scenario_with_overrides(municipalities_path(), {"population.scale=0.01", "run.months=24"});
    const PipelineResults one = run_pipeline(scenario, 1);
    const PipelineResults two = run_pipeline(scenario, 2);
    EXPECT_EQ(one.run.truth.population.values, two.run.truth.population.values);
    ASSERT_EQ(one.run.truth.flows.size(), two.run.truth.flows.size());
    for (std::size_t f = 0; f < one.run.truth.flows.size(); ++f)
        EXPECT_EQ(one.run.truth.flows[f].values, two.run.truth.flows[f].values)
            << one.run.truth.flow_info[f].name;
    EXPECT_EQ(one.sources.population_register.population.values,
              two.sources.population_register.population.values);
    EXPECT_GT(one.run.truth.flow("internal_in").total(), 100);
}

} // namespace
} // namespace migsim
