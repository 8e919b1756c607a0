#include "pipeline/pipeline.hpp"

#include <cstdio>

#include "calibration/base_population.hpp"
#include "core/version.hpp"
#include "processes/emigration_settings.hpp"
#include "processes/fertility_settings.hpp"
#include "processes/immigration_settings.hpp"
#include "processes/internal_migration_settings.hpp"
#include "processes/mortality_settings.hpp"
#include "processes/returns_settings.hpp"
#include "sources/register_settings.hpp"

namespace migsim {

Sources::Sources(const Scenario& scenario)
    : population_register(scenario.settings<RegisterSettings>(), scenario.run.seed,
                          ReportingYears(scenario.run.start, scenario.run.months)) {}

namespace {
Population built_base_population(const Scenario& scenario) {
    Population population;
    synthesise_base_population(scenario, population);
    return population;
}
} // namespace

Runner::Runner(const Scenario& scenario) : inputs_(scenario), base_(built_base_population(scenario)) {}

namespace {

/// A run of `scenario` from `base` (kept by a Runner, or taken over by a single run).
template <class Base>
PipelineResults run_from(const Scenario& scenario, Base&& base, int threads,
                         const std::function<void(int, int)>& progress) {
    PipelineResults results;
    Sources sources(scenario);
    {
        Model model(scenario, std::forward<Base>(base), sources.observers(), threads);
        results.run = model.run(progress);
    }
    results.sources.population_register = sources.population_register.take_products();
    results.estimates.register_population =
        estimate_population_from_register(results.sources.population_register);
    results.scores.register_population =
        score_population(results.estimates.register_population.population, results.run.truth.population);
    return results;
}

} // namespace

PipelineResults Runner::run(const Scenario& scenario, int threads,
                            const std::function<void(int, int)>& progress) const {
    if (!shares_base_population(scenario))
        return run_pipeline(scenario, threads, progress);
    return run_from(scenario, base_, threads, progress);
}

PipelineResults run_pipeline(const Scenario& scenario, int threads,
                             const std::function<void(int, int)>& progress) {
    return run_from(scenario, built_base_population(scenario), threads, progress);
}

namespace {

std::vector<std::int32_t> sequence(int first, int count) {
    std::vector<std::int32_t> values(static_cast<std::size_t>(count));
    for (int k = 0; k < count; ++k)
        values[static_cast<std::size_t>(k)] = first + k;
    return values;
}

std::vector<std::string> labels(const auto& names) {
    return std::vector<std::string>(names.begin(), names.end());
}

std::vector<std::string> area_labels(const std::vector<SmallArea>& areas) {
    std::vector<std::string> out;
    for (const auto& area : areas)
        out.push_back(area.label);
    return out;
}

/// The (year, area, sex, age) coordinates of a group of stocks or flows.
std::vector<Coordinate> year_area_sex_age(int first_year, int years, const std::vector<SmallArea>& areas) {
    return {{"year", sequence(first_year, years)},
            {"area", area_labels(areas)},
            {"sex", labels(sex_names)},
            {"age", sequence(0, n_ages)}};
}

OutputArray counts(std::string name, const AreaSexAgeCounts& values) {
    return {std::move(name), {"year", "area", "sex", "age"}, values.values};
}

std::vector<double> flattened(const auto& table) {
    std::vector<double> out;
    for (const auto& row : table)
        out.insert(out.end(), std::begin(row), std::end(row));
    return out;
}

/// A table as the run used it: times its multiplier.
std::vector<double> scaled(std::vector<double> values, double multiplier) {
    for (double& v : values)
        v *= multiplier;
    return values;
}

template <class T>
std::vector<double> as_doubles(const std::vector<T>& values) {
    return std::vector<double>(values.begin(), values.end());
}

OutputGroup inputs_group(const Scenario& scenario, const RunResults& run) {
    OutputGroup group{"/inputs", {}, {}};
    std::vector<std::string> origin_names{"native_born"};
    origin_names.insert(origin_names.end(), scenario.groups.names.begin(), scenario.groups.names.end());
    group.coordinates = {{"sex", labels(sex_names)},
                         {"age", sequence(0, n_ages)},
                         {"status", labels(emigration_status_names)},
                         {"origin", origin_names},
                         {"group", scenario.groups.names},
                         {"birthplace", labels(birthplace_names)},
                         {"years_abroad", sequence(0, scenario.settings<ReturnSettings>().max_years_abroad)},
                         {"area", area_labels(run.areas)}};
    std::vector<double> arrivals;
    for (double per_year : scenario.settings<ImmigrationSettings>().arrivals_per_year)
        arrivals.push_back(per_year * scenario.population.scale);
    std::vector<double> profile;
    for (const auto& table : scenario.settings<ImmigrationSettings>().age_profile) {
        const auto flat = flattened(table);
        profile.insert(profile.end(), flat.begin(), flat.end());
    }
    std::vector<double> urbanity, x, y;
    for (const auto& area : run.areas) {
        urbanity.push_back(area.urbanity);
        x.push_back(area.x_km);
        y.push_back(area.y_km);
    }
    const auto& reg = scenario.settings<RegisterSettings>();
    group.arrays = {
        {"mortality_hazard",
         {"sex", "age"},
         scaled(flattened(scenario.settings<MortalitySettings>().hazard),
                scenario.settings<MortalitySettings>().multiplier)},
        {"fertility_rate",
         {"age"},
         std::vector<double>(scenario.settings<FertilitySettings>().rate.begin(),
                             scenario.settings<FertilitySettings>().rate.end())},
        {"emigration_hazard",
         {"status", "age"},
         scaled(flattened(scenario.settings<EmigrationSettings>().hazard),
                scenario.settings<EmigrationSettings>().multiplier)},
        {"internal_migration_hazard",
         {"sex", "age"},
         scaled(flattened(scenario.settings<InternalMigrationSettings>().hazard),
                scenario.settings<InternalMigrationSettings>().multiplier)},
        {"immigration_age_profile", {"group", "sex", "age"}, profile},
        {"immigration_arrivals_per_year", {"group"}, arrivals},
        {"emigration_destination_share",
         {"group"},
         scenario.settings<EmigrationSettings>().destination_shares},
        {"return_hazard",
         {"birthplace", "years_abroad"},
         scaled(flattened(scenario.settings<ReturnSettings>().hazard),
                scenario.settings<ReturnSettings>().multiplier)},
        {"register_arrival_compliance", {"origin"}, reg.arrival_compliance},
        {"register_arrival_lag", {"origin"}, as_doubles(reg.arrival_lag_months)},
        {"register_deregistration_probability", {"origin"}, reg.deregistration_probability},
        {"register_deregistration_lag", {"origin"}, as_doubles(reg.deregistration_lag_months)},
        {"area_urbanity", {"area"}, urbanity},
        {"area_x", {"area"}, x},
        {"area_y", {"area"}, y},
        {"area_base_population", {"area"}, as_doubles(run.area_base_population)},
    };
    return group;
}

} // namespace

OutputContents output_contents(const Scenario& scenario, const PipelineResults& results) {
    const RunResults& run = results.run;
    const ReportingYears& calendar = run.calendar;
    OutputContents contents;
    contents.meta = {std::string(version()),           scenario.run.seed,   run.threads,
                     format_month(scenario.run.start), scenario.run.months, scenario.resolved_text};

    contents.groups.push_back(inputs_group(scenario, run));

    OutputGroup truth{
        "/truth", year_area_sex_age(calendar.first_year, calendar.population_years, run.areas), {}};
    truth.arrays.push_back(counts("population", run.truth.population));
    contents.groups.push_back(std::move(truth));

    OutputGroup flows{
        "/truth/flows", year_area_sex_age(calendar.first_year, calendar.flow_years, run.areas), {}};
    for (std::size_t f = 0; f < run.truth.flows.size(); ++f)
        flows.arrays.push_back(counts(run.truth.flow_info[f].name, run.truth.flows[f]));
    std::vector<double> at_risk_years;
    at_risk_years.reserve(run.truth.at_risk_months.values.size());
    for (std::int64_t months : run.truth.at_risk_months.values)
        at_risk_years.push_back(static_cast<double>(months) / 12.0);
    flows.arrays.push_back({"person_years_at_risk", {"year", "area", "sex", "age"}, at_risk_years});
    flows.arrays.push_back(
        {"person_years_lived", {"year", "area", "sex", "age"}, run.truth.person_years_lived()});
    contents.groups.push_back(std::move(flows));

    const auto stock_coordinates =
        year_area_sex_age(calendar.first_year, calendar.population_years, run.areas);
    contents.groups.push_back({"/sources/register",
                               stock_coordinates,
                               {counts("population", results.sources.population_register.population)}});
    contents.groups.push_back({"/estimates/register_population",
                               stock_coordinates,
                               {counts("population", results.estimates.register_population.population)}});

    const PopulationScores& scores = results.scores.register_population;
    std::vector<std::int32_t> total_error(scores.total_error.begin(), scores.total_error.end());
    contents.groups.push_back({"/scores/register",
                               stock_coordinates,
                               {counts("population_error", scores.error),
                                {"area_error", {"year", "area"}, scores.area_error},
                                {"total_error", {"year"}, total_error},
                                {"relative_error", {"year"}, scores.relative_error}}});
    return contents;
}

} // namespace migsim
