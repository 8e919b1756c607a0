// links: migsim_settings
// Bad input a careless or hostile user gives a scenario: each reproduction of the review of bad
// input is refused with a message naming file, line and key, before anything runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>

#include "modules/modules.hpp"
#include "processes/fertility_settings.hpp"
#include "scenario/parameters.hpp"
#include "support/scenario_checks.hpp"

namespace migsim {
namespace {

using namespace migsim::testing;

/// The overrides that replace one table by a file written in the test's folder.
std::string table_file(const fs::path& folder, const std::string& name, const std::string& text) {
    write_text(folder / name, text);
    return (folder / name).string();
}

/// The only problem of a load, which must have exactly one.
ScenarioProblem only_problem(const ScenarioLoad& load) {
    EXPECT_EQ(load.problems.size(), 1u) << all_problems(load);
    return load.problems.empty() ? ScenarioProblem{} : load.problems.front();
}

TEST(BadInput, KeysAndHeadersTensOfThousandsOfLevelsDeepAreRefusedBeforeParsing) {
    // Each once overflowed the stack inside the TOML parser.
    std::string deep_key = "a";
    for (int i = 0; i < 50'000; ++i)
        deep_key += ".a";
    const fs::path folder = test_folder();
    write_text(folder / "deep_key.toml", "[run]\n" + deep_key + " = 1\n");
    write_text(folder / "deep_header.toml", "[" + deep_key + "]\n");
    write_text(folder / "deep_inline.toml",
               "x = " + std::string(50'000, '[') + std::string(50'000, ']') + "\n");
    for (const char* name : {"deep_key.toml", "deep_header.toml", "deep_inline.toml"}) {
        const auto load = load_scenario((folder / name).string());
        const ScenarioProblem problem = only_problem(load);
        EXPECT_NE(problem.message.find("more than 16"), std::string::npos) << problem.to_string();
    }
    EXPECT_EQ(only_problem(load_scenario((folder / "deep_key.toml").string())).line, 2);
    // The same through --set.
    expect_problem(load_scenario(fixture("valid.toml"), {"run.seed=" + std::string(100, '[')}), "--set", 0,
                   "run.seed", "malformed value: arrays, tables or inline tables nested more than 16");
}

TEST(BadInput, LettersThatAreNotAsciiAreSafeInCommentsAndValuesAndRefusedElsewhere) {
    // The TOML parser's test for white space is undefined for U+00A1-U+0499 (Danish letters
    // among them), and it makes that test outside strings, in keys and after backslashes.
    const fs::path folder = test_folder();
    fs::create_directory_symlink(fixtures / "data", folder / "data");
    std::string text = read_text(fixtures / "valid.toml");
    write_text(folder / "danish.toml", "# \xc3\x85"
                                       "benr\xc3\xa5, \xc3\x86r\xc3\xb8\n" +
                                           text);
    EXPECT_TRUE(load_scenario((folder / "danish.toml").string()).ok());
    write_text(folder / "bom.toml", "\xef\xbb\xbf" + text); // saved by an editor that marks UTF-8
    EXPECT_TRUE(load_scenario((folder / "bom.toml").string()).ok());
    text.replace(text.find("months = 24"), 11, "months = 24 \xc3\xa5r");
    write_text(folder / "bare.toml", text);
    const ScenarioProblem bare = only_problem(load_scenario((folder / "bare.toml").string()));
    EXPECT_EQ(bare.line, 5);
    EXPECT_EQ(bare.message, "a character that is not ASCII (U+00E5) outside a string or a comment");
    // On the command line a bare word is a string, letters and all.
    const auto set = load_scenario(fixture("valid.toml"), {"mortality.rates=data/\xc3\x85rhus.csv"});
    expect_problem(set, "--set", 0, "mortality.rates", "cannot open table file");
    EXPECT_NE(all_problems(set).find("\xc3\x85rhus.csv"), std::string::npos);
}

TEST(BadInput, ArrivalsBeyondTheDeclaredRangeAreRefused) {
    // 1e25 once overflowed the conversion to an integer (the group got no arrivals, rc 0); from
    // 1e15 on the run ended in an allocation failure.
    for (const char* value : {"1e25", "1e15", "10000001"})
        expect_problem(load_scenario(fixture("valid.toml"),
                                     {std::string("immigration.arrivals_per_year.eu_efta=") + value}),
                       "--set", 0, "immigration.arrivals_per_year.eu_efta",
                       "is out of range: expected a number in [0, 10000000]");
    EXPECT_TRUE(
        load_scenario(fixture("valid.toml"), {"immigration.arrivals_per_year.eu_efta=10000000"}).ok());
}

TEST(BadInput, EveryNumericParameterHasAnUpperBound) {
    for (const auto& p : parameters_of(default_schema())) {
        if (p.type == ParameterType::integer || p.type == ParameterType::real) {
            EXPECT_NE(p.max, unbounded) << p.key << " has no declared maximum";
        }
    }
}

TEST(BadInput, ASeedIsAnySixtyFourBitUnsignedInteger) {
    const auto largest = load_scenario(fixture("valid.toml"), {"run.seed=18446744073709551615"});
    ASSERT_TRUE(largest.ok()) << all_problems(largest);
    EXPECT_EQ(largest.scenario->run.seed, 18446744073709551615u);
    const auto from_2_63 =
        load_scenario(fixture("valid.toml"), {"run.seed=\"9223372036854775808\"", "population.area_seed=0"});
    ASSERT_TRUE(from_2_63.ok()) << all_problems(from_2_63);
    EXPECT_EQ(from_2_63.scenario->run.seed, 9223372036854775808u);
    EXPECT_EQ(from_2_63.scenario->population.area_seed, 0u);
    // The resolved text writes a seed TOML cannot hold as a string, and reads back the same.
    EXPECT_NE(largest.scenario->resolved_text.find("seed = \"18446744073709551615\""), std::string::npos);
    const fs::path saved = test_folder() / "resolved.toml";
    write_text(saved, largest.scenario->resolved_text);
    const auto again = load_scenario(saved.string(), {}, {.allow_outside_tables = true});
    ASSERT_TRUE(again.ok()) << all_problems(again);
    EXPECT_EQ(again.scenario->run.seed, 18446744073709551615u);

    expect_problem(load_scenario(fixture("valid.toml"), {"run.seed=18446744073709551616"}), "--set", 0,
                   "run.seed",
                   "'18446744073709551616' is not a seed: expected an integer in 0..18446744073709551615");
    expect_problem(load_scenario(fixture("valid.toml"), {"run.seed=-1"}), "--set", 0, "run.seed",
                   "-1 is out of range: expected an integer in 0..18446744073709551615");
    expect_problem(load_scenario(fixture("valid.toml"), {"population.area_seed=1.5"}), "--set", 0,
                   "population.area_seed", "found a floating-point number");
}

TEST(BadInput, TooLargeAPopulationIsRefusedBeforeTheRun) {
    const fs::path folder = test_folder();
    // A one-area population of 10^9 once overflowed the 32-bit exposure counter.
    std::string text = "year,sex,age,persons\n";
    for (const char* sex : {"male", "female"})
        for (int age = 0; age <= 99; ++age)
            text += std::string("2013,") + sex + "," + std::to_string(age) + "," +
                    (age == 30 && sex == std::string("male") ? "1000000000" : "1000") + "\n";
    const std::string table = table_file(folder, "population.csv", text);
    const auto load = load_scenario(fixture("valid.toml"), {"population.national_table=" + table,
                                                            "population.scale=1", "population.areas=1"});
    expect_problem(
        load, table, 32, "persons",
        "x population.scale = 1,000,000,000 simulated persons of one sex and age: more than the limit "
        "of 100,000,000");
    expect_problem(
        load, table, 0, "population.national_table",
        "the table holds 1,000,199,000 persons; x population.scale = 1,000,199,000 simulated persons: "
        "more than the limit of 500,000,000");
    EXPECT_EQ(load.problems.size(), 2u) << all_problems(load);
    // At a scale that brings it under the limits, the same table is fine.
    EXPECT_TRUE(
        load_scenario(fixture("valid.toml"), {"population.national_table=" + table, "population.scale=0.05"})
            .ok());
}

TEST(BadInput, ArrivalsOverTheRunCountTowardsThePersonsLimit) {
    const auto load =
        load_scenario(fixture("valid.toml"), {"population.scale=1", "run.months=1200",
                                              "immigration.arrivals_per_year={eu_efta=10000000, "
                                              "rest_of_europe=10000000, rest_of_world=10000000}"});
    const auto found = problems_of(load, "immigration.arrivals_per_year");
    ASSERT_EQ(found.size(), 1u) << all_problems(load);
    EXPECT_EQ(
        found[0].message,
        "the run would simulate 3,000,309,900 persons (309,900 in the base population and 3,000,000,000 "
        "arrivals over 1,200 months): more than the limit of 500,000,000 (memory); "
        "lower the arrivals, population.scale or run.months");
}

TEST(BadInput, OutputsLargerThanTheAreaYearsLimitAreRefused) {
    // 5,000 areas over 100 years took 11 GB.
    const auto load = load_scenario(fixture("valid.toml"), {"population.areas=5000", "run.months=1200"});
    expect_problem(
        load, "--set", 0, "population.areas",
        "5,000 areas over 101 reported years are 505,000 area-years: more than the limit of 250,000");
    EXPECT_EQ(load.problems.size(), 1u) << all_problems(load);
    EXPECT_TRUE(load_scenario(fixture("valid.toml"), {"population.areas=5000", "run.months=576"}).ok());
}

TEST(BadInput, TablesThatAreNotFilesOrTooLargeAreRefusedWithoutReadingThem) {
    // /dev/zero once grew the memory until the machine ran out.
    const fs::path folder = test_folder();
    const fs::path fifo = folder / "table.fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const fs::path sparse = folder / "huge.csv";
    std::ofstream(sparse).close();
    fs::resize_file(sparse, std::uintmax_t{1} << 32);
    const auto load = load_scenario(fixture("valid.toml"),
                                    {"mortality.rates=/dev/zero", "fertility.schedule=" + fifo.string(),
                                     "internal_migration.hazards=" + sparse.string()});
    expect_problem(load, "--set", 0, "mortality.rates",
                   "cannot open table file '/dev/zero': it is a device, not a file");
    expect_problem(load, "--set", 0, "fertility.schedule", "it is a FIFO, not a file");
    expect_problem(load, "--set", 0, "internal_migration.hazards", "it is larger than the limit of 16 MiB");
    EXPECT_EQ(load.problems.size(), 3u) << all_problems(load);

    write_text(folder / "huge.toml", "# " + std::string(2 << 20, 'x') + "\n");
    expect_problem(load_scenario((folder / "huge.toml").string()), (folder / "huge.toml").string(), 0, "",
                   "cannot read the scenario file: it is larger than the limit of 1 MiB");
    expect_problem(load_scenario("/dev/zero"), "/dev/zero", 0, "", "it is a device, not a file");
}

TEST(BadInput, AFileOfOneEndlessLineDoesNotFillTheMemory) {
    const fs::path folder = test_folder();
    const std::string table =
        table_file(folder, "commas.csv", "sex,age,hazard\n" + std::string(10 << 20, ','));
    const auto load = load_scenario(fixture("valid.toml"), {"internal_migration.hazards=" + table});
    expect_problem(load, table, 2, "internal_migration.hazards",
                   "expected 3 cells as in the header, found 10485761");
}

TEST(BadInput, TablePathsInAScenarioFileStayInItsFolder) {
    const fs::path folder = test_folder();
    std::string text = read_text(fixtures / "valid.toml");
    text.replace(text.find("\"data/mortality.csv\""), 20, "\"/etc/passwd\"");
    text.replace(text.find("\"data/fertility.csv\""), 20, "\"../../../../../../etc/passwd\"");
    fs::create_directory_symlink(fixtures / "data", folder / "data");
    write_text(folder / "outside.toml", text);
    const auto load = load_scenario((folder / "outside.toml").string());
    for (const char* key : {"mortality.rates", "fertility.schedule"}) {
        const auto found = problems_of(load, key);
        ASSERT_EQ(found.size(), 1u) << all_problems(load);
        EXPECT_NE(found[0].message.find("is outside the scenario's folder"), std::string::npos)
            << found[0].message;
    }
    EXPECT_EQ(all_problems(load).find("root:"), std::string::npos) << "no line of the file is echoed";
    // "data/../data/x" stays inside; the command line and a resolved scenario may name any file.
    EXPECT_TRUE(load_scenario(fixture("valid.toml"),
                              {"mortality.rates=" + (fixtures / "data/mortality.csv").string()})
                    .ok());
    const auto allowed =
        load_scenario((folder / "outside.toml").string(), {}, {.allow_outside_tables = true});
    for (const auto& p : allowed.problems)
        EXPECT_NE(p.message.find("the first line is not a header of this table"), std::string::npos)
            << p.to_string();
    EXPECT_EQ(all_problems(allowed).find("root:"), std::string::npos) << all_problems(allowed);
}

TEST(BadInput, ALineOfAnotherKindOfFileIsNotEchoedAndControlCharactersAreEscaped) {
    const fs::path folder = test_folder();
    const std::string passwd = table_file(folder, "passwd", "root:x:0:0:root:/root:/bin/bash\nsecret,line\n");
    const auto load = load_scenario(fixture("valid.toml"), {"mortality.rates=" + passwd});
    expect_problem(load, passwd, 1, "mortality.rates",
                   "the first line is not a header of this table (expected columns: year, sex, age, deaths, "
                   "person_years, rate_per_1000)");
    EXPECT_EQ(all_problems(load).find("root:"), std::string::npos) << all_problems(load);

    const std::string escape =
        table_file(folder, "escape.csv", "sex,age,hazard\nmale,0,\x1b[2J\x1b]0;owned\x07\n");
    const auto escaped = load_scenario(fixture("valid.toml"), {"internal_migration.hazards=" + escape});
    expect_problem(escaped, escape, 2, "hazard", "'\\x1b[2J\\x1b]0;owned\\x07' is not a number");
    EXPECT_EQ(all_problems(escaped).find('\x1b'), std::string::npos);
}

TEST(BadInput, OldMacLineEndingsAreLineEndings) {
    // A file with only carriage returns was once reported as "the file is empty".
    const fs::path folder = test_folder();
    std::string text = "# old Mac file\rage,rate\r";
    for (int age = 15; age <= 49; ++age)
        text += std::to_string(age) + ",0.05\r";
    const std::string table = table_file(folder, "fertility.csv", text);
    const auto load = load_scenario(fixture("valid.toml"), {"fertility.schedule=" + table});
    ASSERT_TRUE(load.ok()) << all_problems(load);
    EXPECT_DOUBLE_EQ(load.scenario->settings<FertilitySettings>().rate[30], 0.05 * 1.73 / 1.75);
    text.replace(text.find("20,0.05"), 7, "20,x");
    expect_problem(
        load_scenario(fixture("valid.toml"), {"fertility.schedule=" + table_file(folder, "bad.csv", text)}),
        (folder / "bad.csv").string(), 8, "rate", "'x' is not a number");
}

TEST(BadInput, MultiLineSetValuesKeepTheResolvedScenarioValid) {
    // A --set value with a line break once broke the comment that records it in the resolved text.
    const auto load =
        load_scenario(fixture("valid.toml"), {"run.start=\"\"\"\n2013-01\"\"\"", "run.months=\n12"});
    ASSERT_TRUE(load.ok()) << all_problems(load);
    const fs::path saved = test_folder() / "resolved.toml";
    write_text(saved, load.scenario->resolved_text);
    const auto again = load_scenario(saved.string(), {}, {.allow_outside_tables = true});
    ASSERT_TRUE(again.ok()) << all_problems(again) << load.scenario->resolved_text;
    EXPECT_EQ(again.scenario->run.months, 12);
}

TEST(BadInput, MortalityRowsOfMixedYearsOrRatesThatDisagreeWithTheirCountsAreRefused) {
    const fs::path folder = test_folder();
    std::string text = read_text(fixtures / "data/mortality.csv");
    text.replace(text.find("2012,male,40,40,1000,40"), 23, "2011,male,40,40,1000,40");
    text.replace(text.find("2012,female,60,60,2000,30.0"), 27, "2012,female,60,60,2000,35.0");
    text.replace(text.find("2012,female,70,70,2000,35.0"), 27, "2012,female,70,7,0,35.0");
    const std::string table = table_file(folder, "mortality.csv", text);
    const auto load = load_scenario(fixture("valid.toml"), {"mortality.rates=" + table});
    expect_problem(load, table, 42, "year", "the row is for 2011, the table's other rows for 2012");
    expect_problem(
        load, table, 162, "rate_per_1000",
        "rate_per_1000 = 35, but deaths / person_years x 1000 = 30 (they must agree within 1 % or 0.01)");
    expect_problem(load, table, 172, "rate_per_1000", "deaths = 7 with person_years = 0");
    EXPECT_EQ(load.problems.size(), 3u) << all_problems(load);
}

TEST(BadInput, TheBaselineTablesAgreeWithThemselves) {
    EXPECT_TRUE(load_scenario((source_dir / "scenarios/baseline.toml").string()).ok());
}

/// valid.toml with `from` replaced by `to`, in a folder of its own beside its tables.
fs::path valid_with(const std::string& from, const std::string& to) {
    const fs::path folder = test_folder();
    fs::create_directory_symlink(fixtures / "data", folder / "data");
    std::string text = read_text(fixtures / "valid.toml");
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    write_text(folder / "scenario.toml", text);
    return folder / "scenario.toml";
}

TEST(BadInput, AByteThatIsNoCharacterIsNamedAsAByte) {
    // A byte 0xFF in a key was named "U+1E5920", which is no character.
    const auto load = load_scenario(valid_with("seed = 42", "se\xff"
                                                            "ed = 42")
                                        .string());
    const ScenarioProblem problem = only_problem(load);
    EXPECT_NE(problem.message.find("a character that is not ASCII (byte 0xFF)"), std::string::npos)
        << problem.to_string();
    const auto letter = load_scenario(valid_with("seed = 42", "s\xc3\xa9"
                                                              "ed = 42")
                                          .string());
    EXPECT_NE(only_problem(letter).message.find("(U+00E9)"), std::string::npos) << all_problems(letter);
}

TEST(BadInput, LongValuesAreCutWhereTheyAreEchoed) {
    // A value of 900 KB was echoed in full to stderr.
    const std::string long_text(900'000, 'x');
    for (const auto& [from, to] : std::initializer_list<std::pair<std::string, std::string>>{
             {"start = \"2013-01\"", "start = \"" + long_text + "\""},
             {"seed = 42", "seed = \"" + long_text + "\""},
             {"seed = 42", "seed = 42\n" + long_text + " = 1"},
             {"\"data/mortality.csv\"", "\"" + long_text + "\""}}) {
        const auto load = load_scenario(valid_with(from, to).string());
        ASSERT_FALSE(load.problems.empty());
        for (const ScenarioProblem& problem : load.problems)
            EXPECT_LT(problem.to_string().size(), 1000u) << problem.to_string().substr(0, 300);
    }
}

TEST(BadInput, ATablePathWithANulCharacterIsRefused) {
    // The system reads a file name up to its first NUL: the path was cut there and accepted.
    const std::string path =
        valid_with("\"data/mortality.csv\"", "\"data/mortality.csv\\u0000junk\"").string();
    expect_problem(load_scenario(path), path, 23, "mortality.rates",
                   "holds a NUL character, which no file name can");
}

TEST(BadInput, AScaleThatLeavesNoOneToSimulateIsRefused) {
    // population.scale = 1e-300 once ran with 0 persons and exit 0.
    const auto load = load_scenario(fixture("valid.toml"), {"population.scale=1e-300"});
    expect_problem(load, "--set", 0, "population.scale",
                   "leaves no one to simulate; raise population.scale to at least");
    EXPECT_TRUE(load_scenario(fixture("valid.toml"), {"population.scale=0.001"}).ok());
}

TEST(BadInput, OverridesSayWhatTheUserTyped) {
    // "--set run=5" said "run: unknown key"; a repeated key kept the last value silently; and the
    // values of --threads and --months were reported as "--set: run.threads".
    expect_problem(load_scenario(fixture("valid.toml"), {"run=5"}), "--set", 0, "run",
                   "a section ([run]), not a parameter: set one of its keys, e.g. --set run.start=...");
    // The command line refuses a key given twice; a program composing overrides takes the last.
    LoadOptions options;
    options.refuse_repeated_overrides = true;
    expect_problem(load_scenario(fixture("valid.toml"), {"run.months=3", "run.months=4"}, options), "--set",
                   0, "run.months", "given twice (--set, then --set): give it once");
    EXPECT_TRUE(load_scenario(fixture("valid.toml"), {"run.months=3", "run.months=4"}).ok());
    options.option_of_override = {{1, "--threads"}};
    expect_problem(load_scenario(fixture("valid.toml"), {"run.threads=2", "run.threads=3"}, options), "--set",
                   0, "run.threads", "given twice (--set, then --threads): give it once");
    const auto dedicated = load_scenario(
        fixture("valid.toml"), {"run.threads=-1", "run.months=0"},
        {.allow_outside_tables = false, .option_of_override = {{0, "--threads"}, {1, "--months"}}});
    expect_problem(dedicated, "--threads", 0, "", "-1 is out of range: expected an integer in 0..1024");
    expect_problem(dedicated, "--months", 0, "", "0 is out of range: expected an integer in 1..1200");
}

} // namespace
} // namespace migsim
