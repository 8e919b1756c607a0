// The core sections of the schema, which every scenario has: the run, the base population and the
// origin groups. The modules' sections are declared beside the modules (modules/modules.cpp lists
// them), and schema_problems() checks any schema's declarations.
#include "scenario/parameters.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <set>

#include "scenario/limits.hpp"
#include "scenario/tables.hpp"

namespace migsim {

int to_int(std::int64_t value) {
    return static_cast<int>(value);
}

std::vector<int> to_ints(const std::vector<double>& values) {
    std::vector<int> ints(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        ints[i] = static_cast<int>(values[i]);
    return ints;
}

std::vector<double> normalised(std::vector<double> shares) {
    const double sum = std::accumulate(shares.begin(), shares.end(), 0.0);
    for (double& share : shares)
        share /= sum;
    return shares;
}

namespace {

using Type = ParameterType;
using Shape = ParameterShape;

const std::array run_declared = {
    Parameter{.key = "run.start",
              .type = Type::month,
              .unit = "YYYY-MM",
              .default_value = R"("2013-01")",
              .description =
                  "First simulated month, a January: the base population is that of its 1 January.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.run.start = *parse_month(v.text); }},
    Parameter{.key = "run.months",
              .type = Type::integer,
              .min = 1,
              .max = 1200,
              .unit = "months",
              .default_value = "120",
              .description = "Number of simulated months.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.run.months = to_int(v.integer); }},
    Parameter{.key = "run.seed",
              .type = Type::seed,
              .default_value = "20130101",
              .description = "Seed of every random stream; the same seed gives the same draws to the same "
                             "person in any scenario (common random numbers).",
              .assign = [](Scenario& s, const ParameterValue& v) { s.run.seed = v.seed; }},
    Parameter{.key = "run.threads",
              .type = Type::integer,
              .min = 0,
              .max = 1024,
              .unit = "threads",
              .default_value = "0",
              .description = "Threads to run on; 0 = the cores the process may use (its CPU affinity), at "
                             "most OMP_NUM_THREADS when that is set. Results do not depend on it.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.run.threads = to_int(v.integer); }},
};

const std::array population_declared = {
    Parameter{.key = "population.national_table",
              .type = Type::table,
              .description = "National population on 1 January of the start year by sex and age.",
              .load_table = load_national_population,
              .table_format =
                  "Columns `year,sex,age,persons`: `year` equal to the start year of the run, `sex` "
                  "male or female, ages 0, 1, ... contiguous up to a last age (at most 100) that "
                  "holds everybody of that age and over, `persons` a whole number >= 0."},
    Parameter{.key = "population.scale",
              .type = Type::real,
              .min = 0,
              .max = 1,
              .min_open = true,
              .unit = "share",
              .default_value = "1.0",
              .description = "Fraction of the national population that is simulated; flows scale with it.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.population.scale = v.real; }},
    Parameter{.key = "population.areas",
              .type = Type::integer,
              .min = 1,
              .max = 5000,
              .unit = "areas",
              .default_value = "100",
              .description = "Number of synthetic small areas, when the scenario names no area table or sets "
                             "areas.synthetic = true (otherwise the area table of [areas] sets the areas, "
                             "and this is unused).",
              .assign = [](Scenario& s, const ParameterValue& v) { s.population.areas = to_int(v.integer); }},
    Parameter{.key = "population.area_seed",
              .type = Type::seed,
              .default_value = "2013",
              .description = "Seed of the synthetic geography (area sizes, positions and urbanity), separate "
                             "from run.seed so that replicates share one geography.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.population.area_seed = v.seed; }},
    Parameter{.key = "population.seed",
              .type = Type::seed,
              .default_from = "run.seed",
              .description = "Seed of the base population's draws (birth months, migrant status, arrival "
                             "months), by default run.seed. Replicates of an ensemble share one base "
                             "population by giving it one value while run.seed changes.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.population.seed = v.seed; }},
    Parameter{
        .key = "population.area_size_dispersion",
        .type = Type::real,
        .min = 0,
        .max = 3,
        .unit = "log persons",
        .default_value = "0.9",
        .description = "Standard deviation of the logarithm of area size.",
        .assign = [](Scenario& s, const ParameterValue& v) { s.population.area_size_dispersion = v.real; }},
    Parameter{.key = "population.urban_age_tilt",
              .type = Type::real,
              .min = 0,
              .max = 3,
              .default_value = "0.6",
              .description = "How much younger the population of urban areas is than that of rural ones.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.population.urban_age_tilt = v.real; }},
    Parameter{
        .key = "population.urban_migrant_tilt",
        .type = Type::real,
        .min = 0,
        .max = 3,
        .default_value = "0.8",
        .description = "How much more foreign-born persons urban areas have than rural ones.",
        .assign = [](Scenario& s, const ParameterValue& v) { s.population.urban_migrant_tilt = v.real; }},
    Parameter{.key = "population.migrant_status",
              .type = Type::table,
              .description = "Shares of foreign-born and of second-generation persons (native-born with a "
                             "foreign-born mother) by age in the base population.",
              .load_table = load_migrant_status,
              .table_format = "Columns `age,foreign_born_share,second_generation_share`: ages 0..100, shares "
                              "in [0, 1] whose sum is at most 1."},
    Parameter{.key = "population.past_immigration_growth",
              .type = Type::real,
              .min = -0.2,
              .max = 0.2,
              .unit = "per year",
              .default_value = "0.0",
              .description =
                  "Growth of immigration before the start: the foreign-born of the base population "
                  "arrived in the steady state of the scenario's immigration profile and emigration "
                  "hazards, with arrivals d years back exp(-this x d) of today's (0 = constant past "
                  "inflows; see calibration/README.md).",
              .assign = [](Scenario& s,
                           const ParameterValue& v) { s.population.past_immigration_growth = v.real; }},
};

const std::array groups_declared = {
    Parameter{.key = "groups.names",
              .type = Type::group_names,
              .description = "Origin groups of the foreign-born, in the order of every per-group vector.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.groups.names = v.names; }},
    Parameter{
        .key = "groups.base_population_share",
        .type = Type::real,
        .shape = Shape::per_group,
        .min = 0,
        .max = 1,
        .sums_to_one = true,
        .unit = "share",
        .description = "Composition of the foreign-born base population by group.",
        .assign = [](Scenario& s,
                     const ParameterValue& v) { s.groups.base_population_share = normalised(v.by_group); }},
};

const ParameterSection run_section{"run", "The simulated period, the random seed and the number of threads.",
                                   run_declared};
const ParameterSection population_section{
    "population", "The base population on the first day of the run and its small areas.",
    population_declared};
const ParameterSection groups_section{
    "groups", "Origin groups of the foreign-born; they are also the partner regions emigrants go to.",
    groups_declared};

std::size_t key_parts(std::string_view key) {
    return static_cast<std::size_t>(std::count(key.begin(), key.end(), '.')) + 1;
}

bool valid_key_text(std::string_view key) {
    if (key.empty() || key.front() == '.' || key.back() == '.' || key.find("..") != std::string_view::npos)
        return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    });
}

} // namespace

const ParameterSection& run_parameters() {
    return run_section;
}
const ParameterSection& population_parameters() {
    return population_section;
}
const ParameterSection& groups_parameters() {
    return groups_section;
}

std::vector<Parameter> parameters_of(const Schema& schema) {
    std::vector<Parameter> all;
    for (const ParameterSection* section : schema)
        all.insert(all.end(), section->parameters.begin(), section->parameters.end());
    return all;
}

std::vector<std::string> schema_problems(const Schema& schema) {
    std::vector<std::string> problems;
    std::set<std::string> keys;
    std::vector<const Parameter*> all; ///< those declared so far
    const auto key_is = [](const Parameter* q, const char* key) { return std::string_view(q->key) == key; };
    for (const ParameterSection* section : schema) {
        const std::string prefix = std::string(section->name) + ".";
        if (!valid_key_text(section->name))
            problems.push_back(std::string("section '") + section->name + "': not a key of lower-case words");
        for (const Parameter& p : section->parameters) {
            const std::string key = p.key;
            const auto problem = [&](const std::string& message) {
                problems.push_back(key + ": " + message);
            };
            if (key.rfind(prefix, 0) != 0 || key.size() == prefix.size())
                problem(std::string("not under its section [") + section->name + "]");
            if (!valid_key_text(key))
                problem("not a dotted key of lower-case words");
            // A per-group value adds the group to the key.
            const std::size_t parts = key_parts(key) + (p.shape == ParameterShape::scalar ? 0 : 1);
            if (parts > static_cast<std::size_t>(limits::toml_key_parts))
                problem("deeper than the " + std::to_string(limits::toml_key_parts) +
                        " key parts a scenario may have");
            if (!keys.insert(key).second)
                problem("declared twice");
            const bool numeric = p.type == Type::integer || p.type == Type::real;
            if (p.shape != Shape::scalar && !numeric)
                problem("only numbers can be given per group or per origin");
            if ((p.type == Type::table) != (p.load_table != nullptr))
                problem("a table parameter, and only one, has a table loader");
            if (p.default_from) {
                const auto earlier = std::find_if(
                    all.begin(), all.end(), [&](const Parameter* q) { return key_is(q, p.default_from); });
                if (p.default_value)
                    problem("a default and a default from another parameter");
                if (earlier == all.end() || (*earlier)->type != p.type || (*earlier)->shape != p.shape)
                    problem(std::string("its default follows ") + p.default_from +
                            ", which is not an earlier parameter of the same type");
            }
            all.push_back(&p);
            if (p.type == Type::enumeration) {
                if (p.choices.empty())
                    problem("an enumeration without choices");
                if (p.default_value) {
                    const std::string given = p.default_value;
                    const bool listed = std::any_of(p.choices.begin(), p.choices.end(), [&](const char* c) {
                        return given == std::string("\"") + c + "\"";
                    });
                    if (!listed)
                        problem("the default " + given + " is not one of the choices");
                }
            }
        }
    }
    // A key that is a table of other keys cannot also hold a value.
    for (const std::string& key : keys) {
        const auto next = keys.upper_bound(key);
        if (next != keys.end() && next->rfind(key + ".", 0) == 0)
            problems.push_back(key + ": also the table of " + *next);
    }
    return problems;
}

} // namespace migsim
