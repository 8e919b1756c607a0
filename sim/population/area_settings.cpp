// The parameters of [areas]: real small areas from an area table and a population table.
#include "population/area_settings.hpp"

#include <array>

#include "population/area_tables.hpp"
#include "scenario/parameters.hpp"

namespace migsim {

namespace {

void report(const TableContext& context, const std::vector<ScenarioProblem>& problems) {
    for (const ScenarioProblem& p : problems)
        context.problem(p.file, p.line, p.key, p.message);
}

/// The area list as the population loader reads it back from the settings.
AreaList area_list(const AreaSettings& settings) {
    AreaList list;
    list.path = settings.table_path;
    for (const RealArea& area : settings.areas) {
        ListedArea listed;
        listed.code = area.code;
        listed.name = area.name;
        listed.region = area.region;
        listed.longitude = area.longitude;
        listed.latitude = area.latitude;
        listed.line = area.line;
        list.areas.push_back(std::move(listed));
    }
    return list;
}

/// Whether the scenario asks for the synthetic areas although it (or its base) names area tables.
bool synthetic_chosen(const TableContext& context) {
    const auto found = context.values->find("areas.synthetic");
    return found != context.values->end() && found->second.boolean;
}

void load_area_table(const TableContext& context, Scenario& scenario) {
    if (synthetic_chosen(context))
        return; // the tables are neither read nor checked: population.areas counts the areas
    const AreaListRead read =
        context.content ? parse_area_list(*context.content, context.path) : read_area_list(context.path);
    report(context, read.problems);
    if (!context.valid("areas.population"))
        context.problem(context.referenced_from, context.referenced_line, context.key,
                        "an area table needs its population: give areas.population as well");
    if (!read.ok())
        return;
    AreaSettings& settings = scenario.settings<AreaSettings>();
    settings.areas.clear();
    settings.table_path = context.path;
    for (const ListedArea& listed : read.list->areas)
        settings.areas.push_back(
            {listed.code, listed.name, listed.region, listed.longitude, listed.latitude, {}, listed.line});
    if (settings.areas.size() > 5000)
        context.problem(context.path, 0, "code",
                        std::to_string(settings.areas.size()) + " areas: at most 5000 are simulated");
    // The number of areas the rest of the scenario sees (run size, messages): the table's, in
    // place of population.areas.
    scenario.population.areas = static_cast<int>(settings.areas.size());
}

void load_area_population(const TableContext& context, Scenario& scenario) {
    if (synthetic_chosen(context))
        return;
    AreaSettings& settings = scenario.settings<AreaSettings>();
    if (!context.valid("areas.table")) {
        context.problem(context.referenced_from, context.referenced_line, context.key,
                        "a population by area needs its areas: give areas.table as well");
        return;
    }
    if (settings.areas.empty())
        return; // the area table's problems are reported
    NationalTotals national;
    for (int sex = 0; sex < n_sexes; ++sex)
        for (const std::int64_t persons : scenario.population.national[static_cast<std::size_t>(sex)])
            national.persons[static_cast<std::size_t>(sex)] += persons;
    national.relative_tolerance = context.valid("areas.national_tolerance")
                                      ? context.real("areas.national_tolerance")
                                      : settings.national_tolerance;
    national.source = "population.national_table";
    // No national persons: the national table was not read, and its problem is reported already
    // (the areas are not measured against a table that is not there).
    std::optional<NationalTotals> check;
    if (national.persons[0] + national.persons[1] > 0)
        check = national;
    const AreaList list = area_list(settings);
    const int year = year_of(scenario.run.start);
    const AreaPopulationRead read =
        context.content ? parse_area_population(*context.content, context.path, list, year, check)
                        : read_area_population(context.path, list, year, check);
    report(context, read.problems);
    if (!read.ok()) {
        settings.areas.clear();
        return;
    }
    for (std::size_t a = 0; a < settings.areas.size(); ++a)
        settings.areas[a].persons = read.population->by_sex[a];
    settings.persons_by_sex_age = read.population->by_sex_age;
    settings.open_age = read.population->open_age;
}

const std::array parameters_declared = {
    Parameter{.key = "areas.table",
              .type = ParameterType::table,
              .optional = true,
              .description = "Real small areas: one row per area, in the order of the outputs. Without it "
                             "the run has the synthetic areas of [population].",
              .load_table = load_area_table,
              .table_format =
                  "Columns `code,name,region,longitude,latitude` (in any order; further columns such as "
                  "`name_en` are allowed): `code` a text unique in the table (the area's label in every "
                  "output), `longitude` in -180..180 and `latitude` in -90..90 degrees (WGS84). "
                  "Statistics Denmark's municipalities: `data/municipalities.csv`."},
    Parameter{.key = "areas.population",
              .type = ParameterType::table,
              .optional = true,
              .description = "Persons of each area of areas.table on 1 January of the start year, by sex "
                             "(the base population gets its ages by IPF from the national table) or by "
                             "sex and age.",
              .load_table = load_area_population,
              .table_format =
                  "Either totals, columns `code,year,males,females`, or single years of age, columns "
                  "`code,year,sex,age,persons` (`sex` male or female, ages 0..L for one L, the last "
                  "holding everybody of L and over). Rows of other years than the start year are "
                  "checked and ignored; every area of areas.table has exactly one row (or one per sex "
                  "and age) of the start year, counts are whole numbers >= 0, and each sex sums to the "
                  "national table within areas.national_tolerance."},
    Parameter{.key = "areas.synthetic",
              .type = ParameterType::boolean,
              .fixed_during_run = true,
              .default_value = "false",
              .description = "Whether the run has the synthetic areas of [population] even though the "
                             "scenario (or the one it is based on) names area tables, which are then "
                             "neither read nor checked: a scenario based on the default one runs on "
                             "synthetic areas with `synthetic = true` (tests, countries without area data).",
              .assign = [](Scenario& s,
                           const ParameterValue& v) { s.settings<AreaSettings>().synthetic = v.boolean; }},
    Parameter{
        .key = "areas.national_tolerance",
        .type = ParameterType::real,
        .min = 0,
        .max = 0.1,
        .unit = "share",
        .default_value = "0.001",
        .description = "How far the areas' total of each sex may be from the national table's: the "
                       "areas' totals are data, and a larger difference means the tables are of "
                       "different dates or definitions.",
        .assign = [](Scenario& s,
                     const ParameterValue& v) { s.settings<AreaSettings>().national_tolerance = v.real; }},
};

const ParameterSection section{"areas", "Real small areas from tables (otherwise synthetic ones).",
                               parameters_declared, declare_settings<AreaSettings>};

} // namespace

const ParameterSection& areas_parameters() {
    return section;
}

} // namespace migsim
