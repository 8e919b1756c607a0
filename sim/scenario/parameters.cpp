#include "scenario/parameters.hpp"

#include <array>
#include <numeric>

#include "scenario/tables.hpp"

namespace migsim {

namespace {

using Type = ParameterType;
using Shape = ParameterShape;

int to_int(std::int64_t value) {
    return static_cast<int>(value);
}

std::vector<int> to_ints(const std::vector<double>& values) {
    std::vector<int> ints(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        ints[i] = static_cast<int>(values[i]);
    return ints;
}

/// Shares checked to sum to 1 within share_sum_tolerance, rescaled to sum to 1 exactly.
std::vector<double> normalised(std::vector<double> shares) {
    const double sum = std::accumulate(shares.begin(), shares.end(), 0.0);
    for (double& share : shares)
        share /= sum;
    return shares;
}

/// A factor applied to every hazard of a table: the same declaration for each process. The table
/// keeps the rates as given; the processes apply the factor.
constexpr Parameter hazard_multiplier(const char* key, const char* description,
                                      void (*assign)(Scenario&, const ParameterValue&)) {
    return Parameter{.key = key,
                     .type = Type::real,
                     .min = 0,
                     .max = 10,
                     .unit = "factor",
                     .default_value = "1.0",
                     .description = description,
                     .assign = assign};
}

const std::array sections_declared = {
    Section{"run", "The simulated period, the random seed and the number of threads."},
    Section{"population", "The base population on the first day of the run and its small areas."},
    Section{"groups",
            "Origin groups of the foreign-born; they are also the partner regions emigrants go to."},
    Section{"mortality", "Deaths."},
    Section{"fertility", "Births."},
    Section{"immigration", "First arrivals of foreign-born persons."},
    Section{"emigration", "Departures of residents abroad, into the abroad pool."},
    Section{"returns", "Returns of persons from the abroad pool."},
    Section{"internal_migration", "Moves between small areas."},
    Section{"register", "How the population register records events: compliance and lags."},
};

// The parameters, in the order of the scenario file. Table parameters come with the loader that
// reads them and a description of their format.
const std::array parameters_declared = {
    // [run]
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
              .description = "Threads to run on, 0 = every core; results do not depend on it.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.run.threads = to_int(v.integer); }},
    // [population]
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
              .description = "Number of small areas.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.population.areas = to_int(v.integer); }},
    Parameter{.key = "population.area_seed",
              .type = Type::seed,
              .default_value = "2013",
              .description = "Seed of the synthetic geography (area sizes, positions and urbanity), separate "
                             "from run.seed so that replicates share one geography.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.population.area_seed = v.seed; }},
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
    // [groups]
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
    // [mortality]
    Parameter{.key = "mortality.rates",
              .type = Type::table,
              .description = "Death rates by sex and age.",
              .load_table = load_mortality_rates,
              .table_format =
                  "Columns `year,sex,age,deaths,person_years,rate_per_1000`: the rates of one year, "
                  "ages 0, 1, ... contiguous up to a last age (at most 100) whose rate holds for every "
                  "older age; `rate_per_1000` deaths per 1000 person-years, in [0, 5000], agreeing with "
                  "deaths / person_years x 1000 within 1 % or 0.01. Hazard = rate_per_1000 / 1000 x "
                  "mortality.multiplier."},
    hazard_multiplier("mortality.multiplier", "Factor applied to every death rate in the simulated period.",
                      [](Scenario& s, const ParameterValue& v) { s.mortality.multiplier = v.real; }),
    // [fertility]
    Parameter{.key = "fertility.schedule",
              .type = Type::table,
              .description = "Age pattern of fertility.",
              .load_table = load_fertility_schedule,
              .table_format = "Columns `age,rate`: births per woman-year at contiguous ages within 10..60, "
                              "zero outside; rescaled so that the rates sum to fertility.total_fertility."},
    Parameter{.key = "fertility.total_fertility",
              .type = Type::real,
              .min = 0,
              .max = 8,
              .unit = "births per woman",
              .default_value = "1.67",
              .description = "Total fertility rate: the sum of the age-specific rates."},
    Parameter{.key = "fertility.proportion_male",
              .type = Type::real,
              .min = 0.4,
              .max = 0.6,
              .unit = "share",
              .default_value = "0.5134",
              .description = "Share of boys among births.",
              .assign = [](Scenario& s, const ParameterValue& v) { s.fertility.proportion_male = v.real; }},
    // [immigration]
    Parameter{
        .key = "immigration.arrivals_per_year",
        .type = Type::real,
        .shape = Shape::per_group,
        .min = 0,
        .max = 1e7, // several times the largest yearly immigration any country has recorded
        .unit = "persons/year",
        .description = "First arrivals of foreign-born persons by group, at full national size "
                       "(multiplied by population.scale in the run).",
        .assign = [](Scenario& s, const ParameterValue& v) { s.immigration.arrivals_per_year = v.by_group; }},
    Parameter{.key = "immigration.age_profile",
              .type = Type::table,
              .description = "Age-sex profile of first arrivals by group.",
              .load_table = load_immigration_age_profile,
              .table_format = "Columns `group,sex,age,share`: every group of groups.names x male, female x "
                              "ages 0..100; shares >= 0 summing to 1 within each group (within 1e-6; then "
                              "rescaled exactly)."},
    Parameter{
        .key = "immigration.urban_attraction",
        .type = Type::real,
        .min = 0,
        .max = 20,
        .default_value = "1.5",
        .description = "Arrivals settle in areas in proportion to size x (1 + this x urbanity).",
        .assign = [](Scenario& s, const ParameterValue& v) { s.immigration.urban_attraction = v.real; }},
    // [emigration]
    Parameter{.key = "emigration.hazards",
              .type = Type::table,
              .description = "Emigration hazards by migrant status and age.",
              .load_table = load_emigration_hazards,
              .table_format =
                  "Columns `status,age,hazard`: status native_born, arrived_0y, arrived_1y, "
                  "arrived_2y, arrived_3y, arrived_4y, arrived_5y_plus (completed years since the "
                  "latest arrival) x ages 0..100; hazard per person-year in [0, 5], multiplied by "
                  "emigration.multiplier."},
    hazard_multiplier("emigration.multiplier",
                      "Factor applied to every emigration hazard in the simulated period (the base "
                      "population's arrival history uses the table as given).",
                      [](Scenario& s, const ParameterValue& v) { s.emigration.multiplier = v.real; }),
    Parameter{
        .key = "emigration.destination_shares",
        .type = Type::real,
        .shape = Shape::per_group,
        .min = 0,
        .max = 1,
        .sums_to_one = true,
        .unit = "share",
        .description = "Destinations (partner regions) of native-born emigrants.",
        .assign = [](Scenario& s,
                     const ParameterValue& v) { s.emigration.destination_shares = normalised(v.by_group); }},
    Parameter{
        .key = "emigration.return_to_origin_share",
        .type = Type::real,
        .min = 0,
        .max = 1,
        .unit = "share",
        .default_value = "0.8",
        .description = "Share of foreign-born emigrants who go to their own group's region; the others "
                       "choose as the native-born do.",
        .assign = [](Scenario& s, const ParameterValue& v) { s.emigration.return_to_origin_share = v.real; }},
    // [returns]
    Parameter{.key = "returns.hazards",
              .type = Type::table,
              .description = "Hazards of returning from abroad by birthplace and years abroad.",
              .load_table = load_return_hazards,
              .table_format = "Columns `birthplace,years_abroad,hazard`: birthplace native_born or "
                              "foreign_born x completed years abroad exactly 0..returns.max_years_abroad-1; "
                              "hazard per person-year abroad in [0, 5], multiplied by returns.multiplier."},
    hazard_multiplier("returns.multiplier", "Factor applied to every return hazard.",
                      [](Scenario& s, const ParameterValue& v) { s.returns.multiplier = v.real; }),
    Parameter{.key = "returns.max_years_abroad",
              .type = Type::integer,
              .min = 1,
              .max = 50,
              .unit = "years",
              .default_value = "10",
              .description =
                  "Pruning rule of the abroad pool: a person abroad this long is no longer followed.",
              .assign = [](Scenario& s,
                           const ParameterValue& v) { s.returns.max_years_abroad = to_int(v.integer); }},
    // [internal_migration]
    Parameter{.key = "internal_migration.hazards",
              .type = Type::table,
              .description = "Hazards of moving to another small area by sex and age.",
              .load_table = load_internal_migration_hazards,
              .table_format = "Columns `sex,age,hazard`: male, female x ages 0..100; hazard per person-year "
                              "in [0, 5], multiplied by internal_migration.multiplier."},
    hazard_multiplier("internal_migration.multiplier", "Factor applied to every internal migration hazard.",
                      [](Scenario& s, const ParameterValue& v) { s.internal_migration.multiplier = v.real; }),
    Parameter{.key = "internal_migration.distance_decay_km",
              .type = Type::real,
              .min = 0,
              .max = 10000,
              .min_open = true,
              .unit = "km",
              .default_value = "60.0",
              .description = "Gravity model: attraction falls as exp(-distance / this).",
              .assign = [](Scenario& s,
                           const ParameterValue& v) { s.internal_migration.distance_decay_km = v.real; }},
    Parameter{.key = "internal_migration.population_exponent",
              .type = Type::real,
              .min = 0,
              .max = 3,
              .default_value = "1.0",
              .description = "Gravity model: attraction grows as population^this.",
              .assign = [](Scenario& s,
                           const ParameterValue& v) { s.internal_migration.population_exponent = v.real; }},
    // [register]
    Parameter{
        .key = "register.arrival_compliance",
        .type = Type::real,
        .shape = Shape::per_origin,
        .min = 0,
        .max = 1,
        .unit = "probability",
        .description = "Probability that an arrival is registered, by origin.",
        .assign = [](Scenario& s, const ParameterValue& v) { s.register_.arrival_compliance = v.by_group; }},
    Parameter{
        .key = "register.arrival_lag_months",
        .type = Type::integer,
        .shape = Shape::per_origin,
        .min = 0,
        .max = 120,
        .unit = "months",
        .description = "Delay between an arrival and its registration, by origin.",
        .assign = [](Scenario& s,
                     const ParameterValue& v) { s.register_.arrival_lag_months = to_ints(v.by_group); }},
    Parameter{.key = "register.deregistration_probability",
              .type = Type::real,
              .shape = Shape::per_origin,
              .min = 0,
              .max = 1,
              .unit = "probability",
              .description = "Probability that an emigrant is deregistered, by origin (the rest remain on "
                             "the register: overcoverage).",
              .assign = [](Scenario& s,
                           const ParameterValue& v) { s.register_.deregistration_probability = v.by_group; }},
    Parameter{
        .key = "register.deregistration_lag_months",
        .type = Type::integer,
        .shape = Shape::per_origin,
        .min = 0,
        .max = 120,
        .unit = "months",
        .description = "Delay between a departure and its deregistration, by origin.",
        .assign =
            [](Scenario& s, const ParameterValue& v) {
                s.register_.deregistration_lag_months = to_ints(v.by_group);
            }},
    Parameter{.key = "register.birth_lag_months",
              .type = Type::integer,
              .min = 0,
              .max = 24,
              .unit = "months",
              .default_value = "0",
              .description = "Delay between a birth and its registration.",
              .assign = [](Scenario& s,
                           const ParameterValue& v) { s.register_.birth_lag_months = to_int(v.integer); }},
    Parameter{.key = "register.death_lag_months",
              .type = Type::integer,
              .min = 0,
              .max = 24,
              .unit = "months",
              .default_value = "0",
              .description = "Delay between a death and its registration.",
              .assign = [](Scenario& s,
                           const ParameterValue& v) { s.register_.death_lag_months = to_int(v.integer); }},
};

} // namespace

std::span<const Parameter> parameters() {
    return parameters_declared;
}
std::span<const Section> sections() {
    return sections_declared;
}

} // namespace migsim
