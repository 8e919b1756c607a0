// A sensitivity study file: what it reads, every mistake reported at once with file, line and key,
// its factors' quantile functions, and its factors and outputs checked against the scenario.
#include <cmath>

#include <gtest/gtest.h>

#include "sensitivity/sensitivity.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

bool has_problem(const std::vector<ScenarioProblem>& problems, int line, const std::string& key,
                 const std::string& words) {
    for (const ScenarioProblem& p : problems)
        if (p.line == line && p.key == key && p.message.find(words) != std::string::npos)
            return true;
    return false;
}

std::string listed(const std::vector<ScenarioProblem>& problems) {
    std::string text;
    for (const ScenarioProblem& p : problems)
        text += p.to_string() + "\n";
    return text;
}

TEST(StudyFile, ReadsAnAnalyticStudy) {
    const StudyLoad load = load_study_text(R"([study]
method = "sobol"
samples = 64
seed = 3
model = "sobol_g"
a = [0, 1, 9]
)",
                                           "g.toml");
    ASSERT_TRUE(load.ok()) << listed(load.problems);
    const Study& s = *load.study;
    EXPECT_EQ(s.method, StudyMethod::sobol);
    ASSERT_EQ(s.factors.size(), 3u);
    EXPECT_EQ(s.factors[2].key, "x3");
    EXPECT_EQ(s.points(), 64u * 5u);
    ASSERT_EQ(s.outputs.size(), 1u);
    EXPECT_EQ(s.outputs[0].name, "f");
    EXPECT_EQ(s.replicates, 1);
}

TEST(StudyFile, ReportsEveryMistakeAtOnceWithLineAndKey) {
    const StudyLoad load = load_study_text(R"([study]
method = "morris"
trajectoires = 10
replicates = 0
samples = 100
scenario = "../baseline.toml"

[[factor]]
key = "emigration.multiplier"
low = 0.8

[[factor]]
key = "returns.multiplier"
low = 2
high = 1
distribution = "normal"
type = "float"

[[output]]
name = "overcount"
aggregate = "median"
select = 2023
)",
                                           "study.toml");
    EXPECT_FALSE(load.ok());
    const auto& p = load.problems;
    EXPECT_TRUE(has_problem(p, 3, "study.trajectoires", "did you mean 'trajectories'")) << listed(p);
    EXPECT_TRUE(has_problem(p, 1, "study.trajectories", "missing")) << listed(p);
    EXPECT_TRUE(has_problem(p, 4, "study.replicates", "out of range")) << listed(p);
    EXPECT_TRUE(has_problem(p, 5, "study.samples", "a Sobol key")) << listed(p);
    EXPECT_TRUE(has_problem(p, 8, "factor[1].high", "missing")) << listed(p);
    EXPECT_TRUE(has_problem(p, 15, "factor[2].high", "below low")) << listed(p);
    EXPECT_TRUE(has_problem(p, 16, "factor[2].distribution", "not one of")) << listed(p);
    EXPECT_TRUE(has_problem(p, 17, "factor[2].type", "not one of")) << listed(p);
    EXPECT_TRUE(has_problem(p, 19, "output[1].path", "missing")) << listed(p);
    EXPECT_TRUE(has_problem(p, 21, "output[1].aggregate", "not one of")) << listed(p);
    EXPECT_TRUE(has_problem(p, 22, "output[1].select", "table of dims")) << listed(p);
    for (const ScenarioProblem& problem : p)
        EXPECT_EQ(problem.file, "study.toml");
}

TEST(StudyFile, AStudyHasAScenarioOrAModel) {
    const StudyLoad both = load_study_text("[study]\nmethod = \"morris\"\ntrajectories = 4\nmodel = "
                                           "\"ishigami\"\nscenario = \"x.toml\"\n",
                                           "s.toml");
    EXPECT_TRUE(has_problem(both.problems, 1, "study.scenario", "not both or neither"))
        << listed(both.problems);
    const StudyLoad unknown =
        load_study_text("[study]\nmethod = \"morris\"\ntrajectories = 4\nmodel = \"rosenbrock\"\n", "s.toml");
    EXPECT_TRUE(has_problem(unknown.problems, 4, "study.model", "not one of ishigami, sobol_g"))
        << listed(unknown.problems);
    const StudyLoad broken = load_study_text("[study\nmethod = 1\n", "s.toml");
    ASSERT_EQ(broken.problems.size(), 1u);
    EXPECT_EQ(broken.problems[0].line, 1);
}

TEST(StudyFile, FactorsMapTheUnitIntervalThroughTheirQuantileFunctions) {
    Factor uniform{"k", Factor::Kind::real, Factor::Distribution::uniform, 2.0, 6.0, 0.0, {}, 1};
    EXPECT_DOUBLE_EQ(uniform.value(0.0), 2.0);
    EXPECT_DOUBLE_EQ(uniform.value(0.25), 3.0);
    EXPECT_DOUBLE_EQ(uniform.value(1.0), 6.0);
    Factor log_uniform{"k", Factor::Kind::real, Factor::Distribution::loguniform, 1.0, 100.0, 0.0, {}, 1};
    EXPECT_NEAR(log_uniform.value(0.5), 10.0, 1e-12); // the geometric midpoint
    Factor triangular{"k", Factor::Kind::real, Factor::Distribution::triangular, 0.0, 4.0, 1.0, {}, 1};
    EXPECT_NEAR(triangular.value(0.25), 1.0, 1e-12); // F(mode) = (mode - low) / (high - low)
    EXPECT_NEAR(triangular.value(0.5), 4.0 - std::sqrt(0.5 * 4.0 * 3.0), 1e-12);
    // An integer factor takes each of low..high on an equal share of the unit interval.
    Factor integer{"k", Factor::Kind::integer, Factor::Distribution::uniform, 0.0, 3.0, 0.0, {}, 1};
    EXPECT_EQ(integer.value(0.0), 0.0);
    EXPECT_EQ(integer.value(0.2499), 0.0);
    EXPECT_EQ(integer.value(0.25), 1.0);
    EXPECT_EQ(integer.value(1.0), 3.0);
    EXPECT_EQ(integer.override_text(2.0), "k=2");
    Factor month{"immigration.surge.start",
                 Factor::Kind::month,
                 Factor::Distribution::uniform,
                 static_cast<double>(month_of(2015, 1)),
                 static_cast<double>(month_of(2016, 12)),
                 0.0,
                 {},
                 1};
    EXPECT_EQ(month.override_text(month.value(0.5)), "immigration.surge.start=2016-01");
    Factor levels{
        "k", Factor::Kind::levels, Factor::Distribution::uniform, 0, 0, 0, {"\"a\"", "\"b\"", "\"c\""}, 1};
    EXPECT_EQ(levels.override_text(levels.value(0.5)), "k=\"b\"");
    EXPECT_EQ(levels.override_text(levels.value(1.0)), "k=\"c\"");
}

TEST(StudyFile, FactorsAndOutputsAreCheckedAgainstTheScenarioWithTheirLines) {
    const StudyLoad load = load_study_text(R"([study]
method = "morris"
trajectories = 2
scenario = "baseline.toml"

[[factor]]
key = "register.deregistration_probability.poland"
low = 0.4
high = 0.7

[[factor]]
key = "register.deregistration_probability.atlantis"
low = 0.4
high = 0.7

[[factor]]
key = "emigration.multiplier"
low = 0.5
high = 12

[[output]]
name = "overcount"
path = "/scores/register/total_error"
select = { year = 2014 }

[[output]]
name = "nothing"
path = "/scores/register/nothing"

[[output]]
name = "by_region"
path = "/scores/register/total_error"
select = { region = "north" }
)",
                                           testing::baseline_path() + "/../studies/x.toml");
    ASSERT_TRUE(load.ok()) << listed(load.problems);
    const Scenario base = testing::synthetic_baseline_with({"population.scale=0.01", "run.months=12"});
    const auto problems = check_study_scenario(*load.study, base, output_schema());
    EXPECT_EQ(problems.size(), 4u) << listed(problems);
    EXPECT_TRUE(has_problem(problems, 11, "register.deregistration_probability.atlantis", "unknown group"))
        << listed(problems);
    EXPECT_TRUE(has_problem(problems, 16, "emigration.multiplier", "out of range")) << listed(problems);
    EXPECT_TRUE(has_problem(problems, 26, "nothing", "not a dataset")) << listed(problems);
    EXPECT_TRUE(has_problem(problems, 30, "by_region.select.region", "no dim 'region'")) << listed(problems);
}

TEST(StudyFile, AnOutputSumsOrAveragesTheCellsItSelects) {
    OutputContents contents;
    contents.groups.push_back(
        {"/g",
         {{"year", std::vector<std::int32_t>{2013, 2014}}, {"area", std::vector<std::string>{"A", "B", "C"}}},
         {{"x", {"year", "area"}, std::vector<std::int32_t>{1, 2, 3, 10, 20, 30}}}});
    StudyOutput output{"o", "/g/x", {{"year", {"2014"}}}, false, 7};
    EXPECT_EQ(output_value(output, contents, "s.toml"), 60.0);
    output.select.push_back({"area", {"A", "C"}});
    EXPECT_EQ(output_value(output, contents, "s.toml"), 40.0);
    output.mean = true;
    EXPECT_EQ(output_value(output, contents, "s.toml"), 20.0);
    output.select = {{"year", {"2020"}}};
    try {
        output_value(output, contents, "s.toml");
        ADD_FAILURE() << "a label that is not there";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find("s.toml:7: o.select.year: '2020' is not a label"),
                  std::string::npos)
            << error.what();
    }
}

} // namespace
} // namespace migsim
