// links: migsim_settings
// The schema as an extension point: a module that only a test knows declares nested keys, a
// boolean and an enumeration, and the loader, the resolved text and the reference take them in
// without any change to the scenario library.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "processes/mortality_settings.hpp"
#include "scenario/parameters.hpp"
#include "scenario/timeline_load.hpp"
#include "support/scenario_checks.hpp"

namespace migsim {
namespace {

using namespace migsim::testing;

/// The settings of a source that exists only in this test.
struct ExampleSourceSettings {
    enum class Method { dual_system, register_only, capture_recapture };
    bool enabled = false;
    double coverage_rate = 0.95;
    int coverage_lag_months = 3;
    Method method = Method::dual_system;

    bool operator==(const ExampleSourceSettings&) const = default;
};

constexpr std::array<const char*, 3> example_methods = {"dual_system", "register_only", "capture_recapture"};

const std::array example_declared = {
    Parameter{
        .key = "sources.example.enabled",
        .type = ParameterType::boolean,
        .default_value = "false",
        .description = "Whether the example source observes the run.",
        .assign = [](Scenario& s,
                     const ParameterValue& v) { s.settings<ExampleSourceSettings>().enabled = v.boolean; }},
    Parameter{.key = "sources.example.coverage.rate",
              .type = ParameterType::real,
              .min = 0,
              .max = 1,
              .unit = "share",
              .default_value = "0.95",
              .description = "Share of residents the example source counts.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<ExampleSourceSettings>().coverage_rate = v.real;
                  }},
    Parameter{.key = "sources.example.coverage.lag.months",
              .type = ParameterType::integer,
              .min = 0,
              .max = 24,
              .unit = "months",
              .default_value = "3",
              .description = "Delay of the example source's counts.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<ExampleSourceSettings>().coverage_lag_months = to_int(v.integer);
                  }},
    Parameter{.key = "sources.example.method",
              .type = ParameterType::enumeration,
              .default_value = R"("dual_system")",
              .description = "How the example source's counts are turned into an estimate.",
              .assign =
                  [](Scenario& s, const ParameterValue& v) {
                      s.settings<ExampleSourceSettings>().method =
                          static_cast<ExampleSourceSettings::Method>(v.integer);
                  },
              .choices = example_methods},
};

const ParameterSection example_section{"sources.example", "A source that exists only in this test.",
                                       example_declared, declare_settings<ExampleSourceSettings>};

Schema with_example() {
    Schema schema = default_schema();
    schema.push_back(&example_section);
    return schema;
}

/// The valid fixture scenario with `extra` appended; its tables are the fixture's.
ScenarioLoad load_with(const std::string& extra, const std::vector<std::string>& overrides = {}) {
    const std::string text = read_text(fixture("valid.toml")) + extra;
    return load_scenario_text(with_example(), text, fixture("valid.toml"), overrides);
}

/// The line the first line of `extra` gets in load_with().
int first_extra_line() {
    const std::string text = read_text(fixture("valid.toml"));
    return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
}

TEST(ScenarioSchema, EveryModuleIsDeclaredWithoutMistakes) {
    EXPECT_EQ(schema_problems(default_schema()), std::vector<std::string>{});
    EXPECT_EQ(schema_problems(with_example()), std::vector<std::string>{});
}

TEST(ScenarioSchema, MistakesOfADeclarationAreFound) {
    static constexpr std::array<const char*, 1> only = {"a"};
    static const std::array broken = {
        Parameter{.key = "elsewhere.rate", .type = ParameterType::real},
        Parameter{.key = "broken.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p", .type = ParameterType::real},
        Parameter{.key = "broken.choice",
                  .type = ParameterType::enumeration,
                  .default_value = R"("b")",
                  .choices = only},
        Parameter{.key = "broken.flag", .type = ParameterType::boolean, .shape = ParameterShape::per_group},
        Parameter{.key = "broken.rate", .type = ParameterType::real},
        Parameter{.key = "broken.rate.low", .type = ParameterType::real},
    };
    static const ParameterSection section{"broken", "", broken};
    Schema schema = default_schema();
    schema.push_back(&section);
    const auto problems = schema_problems(schema);
    const auto mentions = [&](const std::string& words) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const std::string& p) { return p.find(words) != std::string::npos; });
    };
    EXPECT_TRUE(mentions("elsewhere.rate: not under its section [broken]"));
    EXPECT_TRUE(mentions("deeper than the 16 key parts"));
    EXPECT_TRUE(mentions("the default \"b\" is not one of the choices"));
    EXPECT_TRUE(mentions("broken.flag: only numbers can be given per group"));
    EXPECT_TRUE(mentions("broken.rate: also the table of broken.rate.low"));
    EXPECT_EQ(problems.size(), 5u);
    // Such a schema loads nothing.
    const auto load = load_scenario_text(schema, read_text(fixture("valid.toml")), fixture("valid.toml"));
    EXPECT_FALSE(load.ok());
    EXPECT_EQ(load.problems.size(), 5u);
}

TEST(TestOnlyModule, TakesItsDefaultsWhenTheScenarioLeavesItOut) {
    const auto load = load_with("");
    ASSERT_TRUE(load.ok()) << all_problems(load);
    EXPECT_EQ(load.scenario->settings<ExampleSourceSettings>(), ExampleSourceSettings{});
    EXPECT_NE(load.scenario->resolved_text.find("\n[sources.example]\nenabled = false\ncoverage.rate = 0.95\n"
                                                "coverage.lag.months = 3\nmethod = \"dual_system\"\n"),
              std::string::npos)
        << load.scenario->resolved_text;
}

TEST(TestOnlyModule, ReadsNestedKeysBooleansAndChoicesBackThroughTheStore) {
    const auto load =
        load_with("\n[sources.example]\nenabled = true\ncoverage.rate = 0.5\n"
                  "method = \"capture_recapture\"\n\n[sources.example.coverage.lag]\nmonths = 7\n");
    ASSERT_TRUE(load.ok()) << all_problems(load);
    const auto& settings = load.scenario->settings<ExampleSourceSettings>();
    EXPECT_TRUE(settings.enabled);
    EXPECT_EQ(settings.coverage_rate, 0.5);
    EXPECT_EQ(settings.coverage_lag_months, 7);
    EXPECT_EQ(settings.method, ExampleSourceSettings::Method::capture_recapture);
    // The other modules are as without it.
    const auto plain = load_scenario(fixture("valid.toml"));
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(load.scenario->settings<MortalitySettings>(), plain.scenario->settings<MortalitySettings>());

    // The resolved text loads again to the same settings.
    const auto again = load_scenario_text(with_example(), load.scenario->resolved_text, fixture("valid.toml"),
                                          {}, {.allow_outside_tables = true});
    ASSERT_TRUE(again.ok()) << all_problems(again);
    EXPECT_EQ(again.scenario->settings<ExampleSourceSettings>(), settings);
    EXPECT_EQ(again.scenario->resolved_text.substr(again.scenario->resolved_text.find("\n[")),
              load.scenario->resolved_text.substr(load.scenario->resolved_text.find("\n[")));
}

TEST(TestOnlyModule, IsSetFromTheCommandLine) {
    const auto load =
        load_with("", {"sources.example.coverage.rate=0.25", "sources.example.method=register_only",
                       "sources.example.enabled=true", "sources.example.coverage.lag.months=0"});
    ASSERT_TRUE(load.ok()) << all_problems(load);
    const auto& settings = load.scenario->settings<ExampleSourceSettings>();
    EXPECT_EQ(settings.coverage_rate, 0.25);
    EXPECT_EQ(settings.method, ExampleSourceSettings::Method::register_only);
    EXPECT_TRUE(settings.enabled);
    EXPECT_EQ(settings.coverage_lag_months, 0);

    const auto unknown = load_with("", {"sources.example.coverage.rat=0.25"});
    expect_problem(unknown, "--set", 0, "sources.example.coverage.rat", "unknown key (did you mean");
    const auto wrong = load_with("", {"sources.example.method=dual"});
    expect_problem(wrong, "--set", 0, "sources.example.method", "'dual' is not a choice");
}

TEST(TestOnlyModule, ReportsEachMistakeWithFileLineAndKey) {
    const auto load = load_with("\n[sources.example]\n"
                                "enabled = 1\n"
                                "coverage.rate = 1.5\n"
                                "coverage.lag.months = 2.5\n"
                                "coverage.rat = 0.9\n"
                                "method = \"dual\"\n");
    const std::string file = fixture("valid.toml");
    const int first = first_extra_line() + 2; // after the blank line and the header
    expect_problem(load, file, first, "sources.example.enabled", "expected true or false, found an integer");
    expect_problem(load, file, first + 1, "sources.example.coverage.rate",
                   "1.5 is out of range: expected a number in [0, 1]");
    expect_problem(load, file, first + 2, "sources.example.coverage.lag.months",
                   "expected an integer in 0..24, found a floating-point number");
    expect_problem(load, file, first + 3, "sources.example.coverage.rat",
                   "unknown key (did you mean 'rate'?)");
    expect_problem(load, file, first + 4, "sources.example.method",
                   "'dual' is not a choice: expected one of \"dual_system\", \"register_only\" or "
                   "\"capture_recapture\"");
    EXPECT_EQ(load.problems.size(), 5u) << all_problems(load);

    const auto not_a_table = load_with("\n[sources]\nexample = 3\n");
    expect_problem(not_a_table, file, first_extra_line() + 2, "sources.example",
                   "expected a table ([sources.example]), found an integer");
}

TEST(TestOnlyModule, SettingsOfAModuleNotLoadedFailClearly) {
    const auto load = load_scenario(fixture("valid.toml"));
    ASSERT_TRUE(load.ok());
    EXPECT_FALSE(load.scenario->has<ExampleSourceSettings>());
    try {
        (void)load.scenario->settings<ExampleSourceSettings>();
        ADD_FAILURE() << "no exception";
    } catch (const std::logic_error& error) {
        EXPECT_NE(std::string(error.what()).find("ExampleSourceSettings"), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find("not part of the schema"), std::string::npos)
            << error.what();
    }
    // A copy keeps its settings and compares equal; a changed one does not.
    auto loaded = load_with("");
    ASSERT_TRUE(loaded.ok());
    Scenario copy = *loaded.scenario;
    EXPECT_TRUE(copy == *loaded.scenario);
    copy.settings<ExampleSourceSettings>().enabled = true;
    EXPECT_FALSE(copy == *loaded.scenario);
    EXPECT_FALSE(loaded.scenario->settings<ExampleSourceSettings>().enabled);
}

TEST(TestOnlyModule, AppearsInTheReference) {
    const std::string reference = parameter_reference_markdown(with_example());
    EXPECT_NE(reference.find("## [sources.example]\n\nA source that exists only in this test."),
              std::string::npos);
    EXPECT_NE(reference.find("| `sources.example.enabled` | boolean | `true`, `false` | - | `false` |"),
              std::string::npos);
    EXPECT_NE(reference.find("| `sources.example.method` | choice | `\"dual_system\"`, `\"register_only\"`, "
                             "`\"capture_recapture\"` | - | `\"dual_system\"` |"),
              std::string::npos)
        << reference.substr(reference.find("## [sources.example]"));
    // Today's reference is the start of it, up to the section of the changes, which ends both.
    const std::string today = parameter_reference_markdown();
    const std::string changes = change_reference_markdown();
    ASSERT_TRUE(today.ends_with(changes));
    EXPECT_EQ(reference.rfind(today.substr(0, today.size() - changes.size()), 0), 0u);
    EXPECT_TRUE(reference.ends_with(changes));
}

} // namespace
} // namespace migsim
