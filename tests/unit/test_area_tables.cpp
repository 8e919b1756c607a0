// links: migsim_areas
// The tables of real small areas (sim/population/area_tables.hpp):
//  - the Danish municipalities and their 2013 population by sex read without a problem, and sum
//    to the national table of 1 January 2013 (2,778,852 males, 2,823,776 females);
//  - each kind of bad table is rejected with file, line and column in the message, and several
//    problems of one table are all reported at once;
//  - Christiansø merges into Bornholm keeping the national totals.
#include <gtest/gtest.h>

#include <string>

#include "population/area_tables.hpp"

namespace migsim {
namespace {

const std::string data_dir = std::string(MIGSIM_SOURCE_DIR) + "/scenarios/data/";

/// The national population of Denmark, 1 January 2013, by sex (dk_population_jan1_2013.csv, the
/// check given with the data in scenarios/data/SOURCES.md).
NationalTotals denmark_2013(double tolerance = 0.0) {
    return {{2'778'852, 2'823'776}, tolerance, "dk_population_jan1_2013.csv"};
}

/// Every problem as "file:line: key: message", one a line, for failure messages and searches.
std::string listed(const std::vector<ScenarioProblem>& problems) {
    std::string text;
    for (const auto& problem : problems)
        text += problem.to_string() + "\n";
    return text;
}

/// Whether one problem is at file:line under key and says `words`.
bool has_problem(const std::vector<ScenarioProblem>& problems, const std::string& file, int line,
                 const std::string& key, const std::string& words) {
    for (const auto& problem : problems)
        if (problem.file == file && problem.line == line && problem.key == key &&
            problem.message.find(words) != std::string::npos)
            return true;
    return false;
}

const char* three_areas = "code,name,name_en,region,longitude,latitude\n"
                          "101,København,Copenhagen,Hovedstaden,12.56553,55.67594\n"
                          "400,Bornholm,Bornholm,Hovedstaden,14.70664,55.10091\n"
                          "411,Christiansø,Christiansø,Hovedstaden,15.18783,55.31982\n";

/// `text` with its line `number` (1-based) replaced by `row`; an empty row removes the line.
std::string replace_line(const std::string& text, int number, const std::string& row) {
    std::string result;
    int line = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = text.find('\n', at);
        if (++line != number)
            result += text.substr(at, end - at + 1);
        else if (!row.empty())
            result += row + "\n";
        at = end + 1;
    }
    return result;
}

AreaList three_area_list() {
    AreaListRead read = parse_area_list(three_areas, "areas.csv");
    EXPECT_TRUE(read.ok()) << listed(read.problems);
    return *read.list;
}

TEST(AreaTables, DanishMunicipalitiesAndTheir2013PopulationSumToTheNationalTable) {
    const CoordinateBox denmark{8.0, 15.3, 54.5, 57.8, "Denmark"};
    const AreaListRead areas = read_area_list(data_dir + "municipalities.csv", denmark);
    ASSERT_TRUE(areas.ok()) << listed(areas.problems);
    ASSERT_EQ(areas.list->areas.size(), 99u); // 98 municipalities and Christiansø
    EXPECT_EQ(areas.list->areas.front().name, "København");

    // Exactly equal (tolerance 0): the data's own check.
    const AreaPopulationRead population =
        read_area_totals(data_dir + "municipal_population_2008_2013.csv", *areas.list, 2013, denmark_2013());
    ASSERT_TRUE(population.ok()) << listed(population.problems);
    const auto christianso = areas.list->find("411");
    ASSERT_TRUE(christianso.has_value());
    EXPECT_EQ(population.population->by_sex[*christianso][0], 49);
    EXPECT_EQ(population.population->by_sex[*christianso][1], 43);

    // One person fewer in the national figure is caught at tolerance 0.
    NationalTotals off_by_one = denmark_2013();
    off_by_one.persons[1] -= 1;
    const AreaPopulationRead refused =
        read_area_totals(data_dir + "municipal_population_2008_2013.csv", *areas.list, 2013, off_by_one);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(has_problem(refused.problems, data_dir + "municipal_population_2008_2013.csv", 0, "females",
                            "sum to 2,823,776"))
        << listed(refused.problems);
}

TEST(AreaTables, BadAreaListReportsEveryProblemWithLineAndColumn) {
    const char* text = "code,name,region,longitude,latitude\n"    // line 1
                       "101,København,Hovedstaden,12.5,55.6\n"    // 2
                       "101,Again,Hovedstaden,12.5,55.6\n"        // 3: duplicate code
                       "147,Frederiksberg,Hovedstaden,190,55.6\n" // 4: longitude off the globe
                       "151,Ballerup,Hovedstaden,12.3,-91\n"      // 5: latitude off the globe
                       "# a comment\n"                            // 6
                       "153,Brøndby,Hovedstaden,east,55.6\n"      // 7: not a number
                       "155,Dragør,Hovedstaden,20.0,55.6\n"       // 8: outside Denmark's box
                       ",Nameless,Hovedstaden,12.5,55.6\n"        // 9: empty code
                       "157,Gentofte,Hovedstaden,12.5\n";         // 10: a cell short
    const CoordinateBox denmark{8.0, 15.3, 54.5, 57.8, "Denmark"};
    const AreaListRead read = parse_area_list(text, "areas.csv", denmark);
    ASSERT_FALSE(read.ok());
    EXPECT_FALSE(read.list.has_value());
    const auto& p = read.problems;
    EXPECT_EQ(p.size(), 7u) << listed(p);
    EXPECT_TRUE(has_problem(p, "areas.csv", 3, "code", "duplicate area code '101', first on line 2"))
        << listed(p);
    EXPECT_TRUE(has_problem(p, "areas.csv", 4, "longitude", "190 is outside -180..180")) << listed(p);
    EXPECT_TRUE(has_problem(p, "areas.csv", 5, "latitude", "-91 is outside -90..90")) << listed(p);
    EXPECT_TRUE(has_problem(p, "areas.csv", 7, "longitude", "'east' is not a number")) << listed(p);
    EXPECT_TRUE(has_problem(p, "areas.csv", 8, "longitude", "outside the bounding box of Denmark"))
        << listed(p);
    EXPECT_TRUE(has_problem(p, "areas.csv", 9, "code", "empty")) << listed(p);
    EXPECT_TRUE(has_problem(p, "areas.csv", 10, "", "4 cells, the header 5")) << listed(p);
    // The message a user reads names file, line and column.
    EXPECT_NE(listed(p).find("areas.csv:4: longitude:"), std::string::npos) << listed(p);
}

TEST(AreaTables, AreaListWithoutARequiredColumnSaysWhichOne) {
    const AreaListRead read = parse_area_list("code,name,longitude,latitude\n101,A,12,55\n", "areas.csv");
    ASSERT_FALSE(read.ok());
    EXPECT_TRUE(has_problem(read.problems, "areas.csv", 1, "region", "no column 'region'"))
        << listed(read.problems);
}

TEST(AreaTables, BadTotalsReportEveryProblemWithLineAndColumn) {
    const AreaList areas = three_area_list();
    const char* text = "code,year,males,females\n" // 1
                       "101,2013,100,110\n"        // 2
                       "101,2013,100,110\n"        // 3: duplicate area and year
                       "999,2013,5,5\n"            // 4: unknown code
                       "400,2013,-3,7\n"           // 5: negative
                       "400,2012,3.5,7\n"          // 6: not whole (another year: still checked)
                       "101,2012,1,1\n";           // 7: fine, another year
    // 411 has no row for 2013; 400's 2013 row is in error, so it is not reported missing twice.
    const AreaPopulationRead read = parse_area_totals(text, "totals.csv", areas, 2013);
    ASSERT_FALSE(read.ok());
    const auto& p = read.problems;
    EXPECT_EQ(p.size(), 4u) << listed(p);
    EXPECT_TRUE(
        has_problem(p, "totals.csv", 3, "code", "duplicate row for area '101' in 2013, first on line 2"))
        << listed(p);
    EXPECT_TRUE(has_problem(p, "totals.csv", 4, "code", "unknown area code '999'")) << listed(p);
    EXPECT_TRUE(has_problem(p, "totals.csv", 5, "males", "'-3' is negative")) << listed(p);
    EXPECT_TRUE(has_problem(p, "totals.csv", 6, "males", "'3.5' is not a whole number")) << listed(p);
}

TEST(AreaTables, AreaMissingFromThePopulationTableIsNamedWithItsLineInTheAreaList) {
    const AreaList areas = three_area_list();
    const AreaPopulationRead read =
        parse_area_totals("code,year,males,females\n101,2013,1,2\n400,2013,3,4\n", "totals.csv", areas, 2013);
    ASSERT_FALSE(read.ok());
    ASSERT_EQ(read.problems.size(), 1u) << listed(read.problems);
    EXPECT_TRUE(has_problem(read.problems, "totals.csv", 0, "code",
                            "area '411' (Christiansø, areas.csv:4) has no row"))
        << listed(read.problems);
}

TEST(AreaTables, TotalsBeyondTheToleranceOfTheNationalTableAreRefusedWithinAreAccepted) {
    const AreaList areas = three_area_list();
    const char* text = "code,year,males,females\n101,2013,1000,1000\n400,2013,0,0\n411,2013,0,0\n";
    // Males 1000 against 1010: 0.99% short; females 1000 against 1000.
    const NationalTotals national{{1010, 1000}, 0.01, "national.csv"};
    EXPECT_TRUE(parse_area_totals(text, "totals.csv", areas, 2013, national).ok());
    NationalTotals strict = national;
    strict.relative_tolerance = 0.009;
    const AreaPopulationRead read = parse_area_totals(text, "totals.csv", areas, 2013, strict);
    ASSERT_FALSE(read.ok());
    ASSERT_EQ(read.problems.size(), 1u) << listed(read.problems);
    EXPECT_TRUE(
        has_problem(read.problems, "totals.csv", 0, "males", "national table (national.csv) has 1,010"))
        << listed(read.problems);
}

TEST(AreaTables, PopulationByAgeIsReadAndItsGapsAndBadRowsReported) {
    const AreaList areas = three_area_list();
    std::string good = "code,year,sex,age,persons\n";
    for (const char* code : {"101", "400", "411"})
        for (const char* sex : {"male", "female"})
            for (int age = 0; age <= 2; ++age)
                good += std::string(code) + ",2013," + sex + "," + std::to_string(age) + "," +
                        std::to_string(10 * age + (sex[0] == 'm' ? 1 : 2)) + "\n";
    const AreaPopulationRead read = parse_area_population_by_age(good, "ages.csv", areas, 2013);
    ASSERT_TRUE(read.ok()) << listed(read.problems);
    EXPECT_EQ(read.population->open_age, 2);
    EXPECT_EQ(read.population->by_sex[1][0], 1 + 11 + 21);
    EXPECT_EQ(read.population->by_sex[1][1], 2 + 12 + 22);
    EXPECT_EQ(read.population->by_sex_age[(1 * 2 + 1) * 3 + 2], 22); // Bornholm, female, 2

    // Damage three rows: each is reported at its line.
    std::string bad = replace_line(good, 2, "101,2013,man,0,1");
    bad = replace_line(bad, 3, "101,2013,male,1,1.25");
    bad = replace_line(bad, 4, "101,2013,male,101,3");
    const AreaPopulationRead refused = parse_area_population_by_age(bad, "ages.csv", areas, 2013);
    ASSERT_FALSE(refused.ok());
    const auto& p = refused.problems;
    EXPECT_EQ(p.size(), 3u) << listed(p);
    EXPECT_TRUE(has_problem(p, "ages.csv", 2, "sex", "'man' is not a sex")) << listed(p);
    EXPECT_TRUE(has_problem(p, "ages.csv", 3, "persons", "'1.25' is not a whole number")) << listed(p);
    EXPECT_TRUE(has_problem(p, "ages.csv", 4, "age", "'101' is not an age")) << listed(p);

    // Line 12 is Bornholm's females aged 1: without it, the gap is named.
    ASSERT_EQ(replace_line(good, 12, "").find("400,2013,female,1,"), std::string::npos);
    const AreaPopulationRead gap =
        parse_area_population_by_age(replace_line(good, 12, ""), "ages.csv", areas, 2013);
    ASSERT_FALSE(gap.ok());
    ASSERT_EQ(gap.problems.size(), 1u) << listed(gap.problems);
    EXPECT_TRUE(has_problem(gap.problems, "ages.csv", 0, "age", "area '400' has no row for female, age 1"))
        << listed(gap.problems);
}

TEST(AreaTables, UnknownColumnOfAPopulationTableIsAnError) {
    const AreaList areas = three_area_list();
    const AreaPopulationRead read =
        parse_area_totals("code,year,males,femlaes\n101,2013,1,2\n", "totals.csv", areas, 2013);
    ASSERT_FALSE(read.ok());
    EXPECT_TRUE(has_problem(read.problems, "totals.csv", 1, "femlaes", "unknown column"))
        << listed(read.problems);
    EXPECT_TRUE(has_problem(read.problems, "totals.csv", 1, "females", "no column 'females'"))
        << listed(read.problems);
}

TEST(AreaTables, MissingFileIsAProblemNotACrash) {
    const AreaListRead read = read_area_list(data_dir + "no_such_file.csv");
    ASSERT_FALSE(read.ok());
    ASSERT_EQ(read.problems.size(), 1u);
    EXPECT_EQ(read.problems[0].file, data_dir + "no_such_file.csv");
}

TEST(AreaTables, ChristiansoMergesIntoBornholmKeepingTheTotals) {
    AreaList areas = three_area_list();
    AreaPopulationRead read =
        parse_area_totals("code,year,males,females\n101,2013,10,20\n400,2013,20128,20587\n411,2013,49,43\n",
                          "totals.csv", areas, 2013);
    ASSERT_TRUE(read.ok()) << listed(read.problems);
    AreaPopulation population = *read.population;
    EXPECT_FALSE(merge_area(areas, population, "411", "400").has_value());
    ASSERT_EQ(areas.areas.size(), 2u);
    ASSERT_EQ(population.by_sex.size(), 2u);
    EXPECT_EQ(areas.areas[1].name, "Bornholm");
    EXPECT_EQ(population.by_sex[1][0], 20128 + 49);
    EXPECT_EQ(population.by_sex[1][1], 20587 + 43);
    EXPECT_TRUE(merge_area(areas, population, "411", "400").has_value()); // 411 is gone
}

} // namespace
} // namespace migsim
