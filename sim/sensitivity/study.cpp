#include "sensitivity/study.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <toml++/toml.h>

#include "core/calendar.hpp"
#include "core/text.hpp"
#include "scenario/input_file.hpp"
#include "scenario/limits.hpp"
#include "scenario/toml_guard.hpp"
#include "scenario/toml_reader.hpp"

namespace migsim {

namespace {

constexpr double pi = 3.14159265358979323846;

/// The largest design the study accepts: far beyond what runs in a day, small enough to keep
/// the points' values in memory.
constexpr std::uint64_t max_points = std::uint64_t{1} << 26;

void read_factor(TomlReader& r, const toml::table& t, const std::string& at, Study& study) {
    r.only_keys(t, at, {"key", "low", "high", "mode", "distribution", "type", "levels"});
    Factor f;
    f.line = static_cast<int>(t.source().begin.line);
    f.key = r.text(t, at, "key", true).value_or("");
    const std::string type = r.text(t, at, "type", false).value_or("real");
    const std::string distribution = r.text(t, at, "distribution", false).value_or("uniform");
    if (const toml::node* levels = t.get("levels")) {
        f.kind = Factor::Kind::levels;
        const toml::array* array = levels->as_array();
        if (!array || array->empty())
            r.problem(levels, at + "levels", "expected a non-empty array of values");
        else
            for (const toml::node& element : *array) {
                if (const auto text = TomlReader::set_text(element))
                    f.levels.push_back(*text);
                else
                    r.problem(&element, at + "levels", "a level is a string, a number or a boolean");
            }
        for (const char* other : {"low", "high", "mode", "distribution", "type"})
            if (t.contains(other))
                r.problem(t.get(other), at + other, "a factor with levels has no " + std::string(other));
        study.factors.push_back(std::move(f));
        return;
    }
    if (type == "month") {
        f.kind = Factor::Kind::month;
        for (const auto& [name, value] : {std::pair{"low", &f.low}, std::pair{"high", &f.high}}) {
            const std::optional<std::string> text = r.text(t, at, name, true);
            const std::optional<Month> month = text ? parse_month(*text) : std::nullopt;
            if (text && !month)
                r.problem(t.get(name), at + name, "'" + *text + "' is not a month YYYY-MM");
            *value = month ? *month : 0.0;
        }
    } else {
        if (type == "integer")
            f.kind = Factor::Kind::integer;
        else if (type != "real")
            r.problem(t.get("type"), at + "type", "'" + type + "' is not one of real, integer, month");
        f.low = r.number(t, at, "low", true).value_or(0.0);
        f.high = r.number(t, at, "high", true).value_or(1.0);
        if (f.kind == Factor::Kind::integer && (f.low != std::trunc(f.low) || f.high != std::trunc(f.high)))
            r.problem(&t, at + "low", "an integer factor has whole bounds");
    }
    if (f.low > f.high)
        r.problem(t.get("high"), at + "high", "below low");
    if (distribution == "loguniform") {
        f.distribution = Factor::Distribution::loguniform;
        if (f.kind != Factor::Kind::real || !(f.low > 0.0))
            r.problem(t.get("distribution"), at + "distribution",
                      "loguniform needs a real factor with low > 0");
    } else if (distribution == "triangular") {
        f.distribution = Factor::Distribution::triangular;
        f.mode = r.number(t, at, "mode", true).value_or(f.low);
        if (f.kind != Factor::Kind::real || f.mode < f.low || f.mode > f.high)
            r.problem(t.get("mode"), at + "mode", "triangular needs a real factor with low <= mode <= high");
    } else if (distribution != "uniform") {
        r.problem(t.get("distribution"), at + "distribution",
                  "'" + distribution + "' is not one of uniform, loguniform, triangular");
    }
    if (f.distribution != Factor::Distribution::triangular && t.contains("mode"))
        r.problem(t.get("mode"), at + "mode", "only a triangular distribution has a mode");
    study.factors.push_back(std::move(f));
}

void read_output(TomlReader& r, const toml::table& t, const std::string& at, Study& study) {
    r.only_keys(t, at, {"name", "path", "select", "aggregate"});
    StudyOutput o;
    o.line = static_cast<int>(t.source().begin.line);
    o.name = r.text(t, at, "name", true).value_or("");
    o.path = r.text(t, at, "path", true).value_or("");
    if (!o.path.empty() && o.path.front() != '/')
        r.problem(t.get("path"), at + "path", "a dataset's full path, like \"/scores/register/total_error\"");
    const std::string aggregate = r.text(t, at, "aggregate", false).value_or("sum");
    if (aggregate != "sum" && aggregate != "mean")
        r.problem(t.get("aggregate"), at + "aggregate", "'" + aggregate + "' is not one of sum, mean");
    o.mean = aggregate == "mean";
    if (const toml::node* select = t.get("select")) {
        if (!select->is_table()) {
            r.problem(select, at + "select", "expected a table of dims, e.g. { year = 2023 }");
        } else {
            for (const auto& [dim_key, labels] : *select->as_table()) {
                const std::string dim(dim_key.str()); // a structured binding the lambda can capture
                std::vector<std::string> texts;
                const auto add = [&](const toml::node& label) {
                    if (label.is_string() || label.is_integer())
                        texts.push_back(*TomlReader::set_text(label));
                    else
                        r.problem(&label, at + "select." + dim, "a label is a string or an integer");
                };
                if (const toml::array* many = labels.as_array())
                    for (const toml::node& label : *many)
                        add(label);
                else
                    add(labels);
                o.select.emplace_back(dim, std::move(texts));
            }
        }
    }
    if (std::any_of(study.outputs.begin(), study.outputs.end(),
                    [&](const StudyOutput& other) { return other.name == o.name; }))
        r.problem(t.get("name"), at + "name", "'" + o.name + "' names two outputs");
    study.outputs.push_back(std::move(o));
}

/// x1, x2, ...: the factors of a test function.
std::string factor_name(std::size_t i) {
    std::string name = "x";
    name += std::to_string(i);
    return name;
}

void read_model(TomlReader& r, const toml::table& s, Study& study) {
    // A model that is not a text has been reported by text(): nothing more to read.
    const std::optional<std::string> given = r.text(s, "study.", "model", true);
    if (!given)
        return;
    const std::string& model = *given;
    if (model == "ishigami") {
        study.model = AnalyticModel::ishigami;
        study.a = r.number(s, "study.", "a", false).value_or(7.0);
        study.b = r.number(s, "study.", "b", false).value_or(0.1);
        // Ishigami & Homma (1990): three factors uniform on [-pi, pi].
        for (int i = 1; i <= 3; ++i)
            study.factors.push_back({factor_name(static_cast<std::size_t>(i)),
                                     Factor::Kind::real,
                                     Factor::Distribution::uniform,
                                     -pi,
                                     pi,
                                     0.0,
                                     {},
                                     0});
    } else if (model == "sobol_g") {
        study.model = AnalyticModel::sobol_g;
        const toml::node* a = s.get("a");
        const toml::array* array = a ? a->as_array() : nullptr;
        if (!array || array->empty())
            r.problem(a ? a : &s, "study.a", "sobol_g needs a = [...], one number >= 0 per factor");
        else
            for (const toml::node& element : *array) {
                const auto value = element.value<double>();
                if (!value || *value < 0.0)
                    r.problem(&element, "study.a", "each a_i of sobol_g is a number >= 0");
                study.g_a.push_back(value.value_or(0.0));
            }
        if (s.contains("b"))
            r.problem(s.get("b"), "study.b", "sobol_g has no b");
        // Sobol' (1993): factors uniform on [0, 1].
        for (std::size_t i = 1; i <= study.g_a.size(); ++i)
            study.factors.push_back({factor_name(static_cast<std::size_t>(i)),
                                     Factor::Kind::real,
                                     Factor::Distribution::uniform,
                                     0.0,
                                     1.0,
                                     0.0,
                                     {},
                                     0});
    } else {
        r.problem(s.get("model"), "study.model", "'" + model + "' is not one of ishigami, sobol_g");
    }
    study.outputs.push_back({"f", "", {}, false, 0});
}

} // namespace

double Factor::value(double u) const {
    u = std::clamp(u, 0.0, 1.0);
    switch (kind) {
    case Kind::levels:
        return std::min(std::floor(u * static_cast<double>(levels.size())),
                        static_cast<double>(levels.size() - 1));
    case Kind::integer:
    case Kind::month:
        return std::min(std::floor(low + u * (high - low + 1.0)), high);
    case Kind::real:
        break;
    }
    switch (distribution) {
    case Distribution::loguniform:
        return std::exp(std::log(low) + u * (std::log(high) - std::log(low)));
    case Distribution::triangular: {
        const double width = high - low;
        if (width <= 0.0)
            return low;
        const double split = (mode - low) / width;
        return u < split ? low + std::sqrt(u * width * (mode - low))
                         : high - std::sqrt((1.0 - u) * width * (high - mode));
    }
    case Distribution::uniform:
        break;
    }
    return low + u * (high - low);
}

std::string Factor::override_text(double value) const {
    switch (kind) {
    case Kind::levels:
        return key + "=" + levels[static_cast<std::size_t>(value)];
    case Kind::integer:
        return key + "=" + std::to_string(static_cast<std::int64_t>(value));
    case Kind::month:
        return key + "=" + format_month(static_cast<Month>(value));
    case Kind::real:
        break;
    }
    return key + "=" + format_toml_float(value);
}

std::size_t Study::points() const {
    const std::size_t k = factors.size();
    return method == StudyMethod::morris ? static_cast<std::size_t>(trajectories) * (k + 1)
                                         : static_cast<std::size_t>(samples) * (k + 2);
}

std::string_view to_string(StudyMethod method) {
    return method == StudyMethod::morris ? "morris" : "sobol";
}

StudyLoad load_study(const std::string& path) {
    const InputFile file = read_input_file(path, limits::scenario_file_bytes);
    if (!file.ok())
        return {std::nullopt, {{path, 0, "", file.error}}};
    return load_study_text(file.content, path);
}

StudyLoad load_study_text(std::string_view text, const std::string& path) {
    StudyLoad load;
    TomlReader r(path);
    const std::optional<toml::table> parsed = parse_guarded_toml(text, path, r.problems);
    if (!parsed)
        return {std::nullopt, std::move(r.problems)};
    const toml::table& root = *parsed;
    Study study;
    study.path = path;
    study.text = std::string(text);
    r.only_keys(root, "", {"study", "factor", "output"});
    const toml::table* s = root.get_as<toml::table>("study");
    if (!s) {
        r.problem(root.get("study"), "study", "missing the table [study]");
        return {std::nullopt, std::move(r.problems)};
    }
    r.only_keys(*s, "study.",
                {"method", "samples", "trajectories", "levels", "seed", "replicates", "bootstrap", "scenario",
                 "set", "model", "a", "b"});
    const std::string method = r.text(*s, "study.", "method", true).value_or("");
    if (method == "sobol") {
        study.method = StudyMethod::sobol;
        study.samples =
            static_cast<std::uint64_t>(r.integer(*s, "study.", "samples", true, 2, 1 << 24).value_or(2));
        study.bootstrap =
            static_cast<int>(r.integer(*s, "study.", "bootstrap", false, 0, 100000).value_or(1000));
        for (const char* other : {"trajectories", "levels"})
            if (s->contains(other))
                r.problem(s->get(other), std::string("study.") + other, "a Morris key; this study is sobol");
    } else if (method == "morris") {
        study.method = StudyMethod::morris;
        study.trajectories =
            static_cast<int>(r.integer(*s, "study.", "trajectories", true, 2, 100000).value_or(2));
        study.levels = static_cast<int>(r.integer(*s, "study.", "levels", false, 2, 1000).value_or(4));
        if (study.levels % 2 != 0)
            r.problem(s->get("levels"), "study.levels", "an even number of levels (Morris 1991)");
        for (const char* other : {"samples", "bootstrap"})
            if (s->contains(other))
                r.problem(s->get(other), std::string("study.") + other, "a Sobol key; this study is morris");
    } else if (const toml::node* given = s->get("method"); given && given->is_string()) {
        // (A missing method was reported by text(); an empty one, or any other, is reported here.)
        r.problem(given, "study.method", "'" + method + "' is not one of morris, sobol");
    }
    if (const auto seed = r.integer(*s, "study.", "seed", false, 0, INT64_MAX))
        study.seed = static_cast<std::uint64_t>(*seed);
    study.replicates = static_cast<int>(r.integer(*s, "study.", "replicates", false, 1, 10000).value_or(1));

    const bool has_scenario = s->contains("scenario");
    if (has_scenario == s->contains("model"))
        r.problem(s, "study.scenario",
                  "a study has a scenario or a model (ishigami, sobol_g), not both or neither");
    const toml::array* factors = root.get_as<toml::array>("factor");
    const toml::array* outputs = root.get_as<toml::array>("output");
    for (const auto& [name, array] : {std::pair{"factor", factors}, std::pair{"output", outputs}})
        if (root.contains(name) && (!array || !array->is_array_of_tables()))
            r.problem(root.get(name), name, std::string("expected [[") + name + "]] tables");
    if (has_scenario) {
        study.scenario_line = static_cast<int>(s->get("scenario")->source().begin.line);
        if (const auto scenario = r.text(*s, "study.", "scenario", true)) {
            // Relative to the study file's folder, as a scenario's tables are to the scenario's.
            const std::filesystem::path given(*scenario);
            study.scenario =
                (given.is_absolute() ? given : std::filesystem::path(path).parent_path() / given).string();
        }
        if (const toml::node* set = s->get("set")) {
            const toml::array* array = set->as_array();
            if (!array)
                r.problem(set, "study.set", "expected an array of \"key=value\" texts");
            else
                for (const toml::node& element : *array) {
                    if (element.is_string())
                        study.set.push_back(element.as_string()->get());
                    else
                        r.problem(&element, "study.set", "expected a \"key=value\" text");
                }
        }
        for (const char* other : {"a", "b"})
            if (s->contains(other))
                r.problem(s->get(other), std::string("study.") + other,
                          "a key of a model, not of a scenario study");
    } else if (s->contains("model")) {
        if (factors || outputs)
            r.problem(factors ? root.get("factor") : root.get("output"), factors ? "factor" : "output",
                      "a model's factors and output are its own");
        if (s->contains("set"))
            r.problem(s->get("set"), "study.set", "a model has no scenario to set");
        read_model(r, *s, study);
    }
    if (!s->contains("model")) {
        // A scenario study's factors and outputs, read even when its scenario is missing, so that
        // their mistakes are reported with the others.
        if (factors && factors->is_array_of_tables())
            for (std::size_t i = 0; i < factors->size(); ++i)
                read_factor(r, *factors->get(i)->as_table(), "factor[" + std::to_string(i + 1) + "].", study);
        if (outputs && outputs->is_array_of_tables())
            for (std::size_t i = 0; i < outputs->size(); ++i)
                read_output(r, *outputs->get(i)->as_table(), "output[" + std::to_string(i + 1) + "].", study);
        if (study.factors.empty())
            r.problem(s, "factor", "a scenario study needs at least one [[factor]]");
        if (study.outputs.empty())
            r.problem(s, "output", "a scenario study needs at least one [[output]]");
        for (std::size_t i = 0; i < study.factors.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (!study.factors[i].key.empty() && study.factors[i].key == study.factors[j].key)
                    r.problems.push_back({study.path, study.factors[i].line, study.factors[i].key,
                                          "the key is a factor twice"});
    }
    if (r.problems.empty() && study.points() * static_cast<std::size_t>(study.replicates) > max_points)
        r.problem(s, "study",
                  "the design has " + std::to_string(study.points()) + " points x " +
                      std::to_string(study.replicates) + " replicates, more than " +
                      std::to_string(max_points));
    std::stable_sort(r.problems.begin(), r.problems.end(),
                     [](const ScenarioProblem& a, const ScenarioProblem& b) { return a.line < b.line; });
    if (r.problems.empty())
        load.study = std::move(study);
    load.problems = std::move(r.problems);
    return load;
}

} // namespace migsim
