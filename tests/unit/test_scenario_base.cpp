// links: migsim_settings
// A scenario built on another (`base = "FILE"`, sim/scenario/base.cpp): its keys replace the
// base's, a per-group table as a whole, its changes join the base's; every problem is reported in
// the file that gave the key; a base is a file of the same folder with no base of its own.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/modules.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/spells_settings.hpp"
#include "support/scenario_checks.hpp"

namespace migsim {
namespace {

using namespace migsim::testing;

/// valid.toml as `base.toml` in a fresh folder (its tables linked), and `variant` beside it.
std::string with_base(const std::string& variant, const std::string& base_text = "") {
    const fs::path folder = test_folder();
    fs::create_directory_symlink(fixtures / "data", folder / "data");
    write_text(folder / "base.toml", base_text.empty() ? read_text(fixtures / "valid.toml") : base_text);
    write_text(folder / "variant.toml", variant);
    return (folder / "variant.toml").string();
}

TEST(ScenarioBase, TheVariantsKeysReplaceTheBasesAndItsChangesJoinThem) {
    const std::string path =
        with_base("base = \"base.toml\"\n"
                  "[run]\n"
                  "months = 36\n"
                  "[immigration]\n"
                  "arrivals_per_year = { eu_efta = 1, rest_of_europe = 2, rest_of_world = 3 }\n"
                  "[changes.more]\n"
                  "key = \"mortality.multiplier\"\n"
                  "shape = \"step\"\n"
                  "from = \"2014-01\"\n"
                  "value = 3.0\n");
    const ScenarioLoad load = load_scenario(path);
    ASSERT_TRUE(load.ok()) << all_problems(load);
    const ScenarioLoad base = load_scenario((fs::path(path).parent_path() / "base.toml").string());
    ASSERT_TRUE(base.ok()) << all_problems(base);
    EXPECT_EQ(load.scenario->run.months, 36);
    EXPECT_EQ(load.scenario->run.seed, base.scenario->run.seed);
    EXPECT_EQ(load.scenario->settings<ImmigrationSettings>().arrivals_per_year,
              (std::vector<double>{1, 2, 3}));
    EXPECT_EQ(load.scenario->settings<ImmigrationSettings>().urban_attraction,
              base.scenario->settings<ImmigrationSettings>().urban_attraction);
    EXPECT_FALSE(load.scenario->timeline.changes.empty());
    // Run again from its own text, as the replicates of an ensemble are.
    const ScenarioLoad again = load_scenario_text(load.scenario->source.text, path, {});
    ASSERT_TRUE(again.ok()) << all_problems(again);
    EXPECT_EQ(again.scenario->resolved_text, load.scenario->resolved_text);
}

TEST(ScenarioBase, EachProblemIsReportedInTheFileThatGaveTheKey) {
    std::string base_text = read_text(fixtures / "valid.toml");
    const auto at = base_text.find("urban_attraction = 1.5");
    ASSERT_NE(at, std::string::npos);
    base_text.replace(at, 22, "urban_attraction = -1.0");
    const int base_line = static_cast<int>(std::count(base_text.begin(), base_text.begin() + at, '\n')) + 1;
    const std::string path = with_base("base = \"base.toml\"\n"
                                       "[run]\n"
                                       "months = 0\n"
                                       "[spells]\n"
                                       "wroker_share = 0.5\n",
                                       base_text);
    const std::string base_path = (fs::path(path).parent_path() / "base.toml").string();
    const ScenarioLoad load = load_scenario(path);
    ASSERT_FALSE(load.ok());
    expect_problem(load, path, 3, "run.months", "out of range");
    expect_problem(load, path, 5, "spells.wroker_share", "unknown key");
    expect_problem(load, base_path, base_line, "immigration.urban_attraction", "out of range");
}

TEST(ScenarioBase, ABaseIsAFileOfTheSameFolderWithoutABaseOfItsOwn) {
    for (const char* name : {"../base.toml", "/etc/passwd", "", "missing.toml"}) {
        const std::string path = with_base(std::string("base = \"") + name + "\"\n");
        const ScenarioLoad load = load_scenario(path);
        ASSERT_FALSE(load.ok()) << name;
        EXPECT_NE(all_problems(load).find("base"), std::string::npos) << all_problems(load);
    }
    const std::string path =
        with_base("base = \"base.toml\"\n", "base = \"variant.toml\"\n" + read_text(fixtures / "valid.toml"));
    const ScenarioLoad load = load_scenario(path);
    ASSERT_FALSE(load.ok());
    expect_problem(load, (fs::path(path).parent_path() / "base.toml").string(), 1, "base",
                   "a base scenario cannot name a base of its own");
}

} // namespace
} // namespace migsim
