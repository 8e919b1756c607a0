#pragma once
// Output contents of a tiny run, consistent with every declared identity: shared by the tests of the
// writer and the validator, and by the validator's fuzz target.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "io/output_contents.hpp"

namespace migsim::testing {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Contents of a tiny run: 2 simulated years, 3 areas, 2 foreign origin groups.

inline std::vector<std::int32_t> range(int first, int last) {
    std::vector<std::int32_t> values;
    for (int v = first; v <= last; ++v)
        values.push_back(v);
    return values;
}

inline std::vector<std::string> texts(std::initializer_list<const char*> labels) {
    return {labels.begin(), labels.end()};
}

inline const std::vector<std::string> sexes = {"male", "female"};
inline const std::vector<std::string> statuses = {"native_born", "arrived_0y", "arrived_1y",     "arrived_2y",
                                                  "arrived_3y",  "arrived_4y", "arrived_5y_plus"};

/// An array over `dims` of `group`, sized from its coordinates, with made-up but varied values.
inline void add_array(OutputGroup& group, const std::string& name, std::vector<std::string> dims,
                      bool integer) {
    std::size_t size = 1;
    for (const std::string& dim : dims)
        for (const Coordinate& c : group.coordinates)
            if (c.name == dim)
                size *= c.size();
    OutputArray array{name, std::move(dims), {}};
    if (integer) {
        std::vector<std::int32_t> values(size);
        for (std::size_t i = 0; i < size; ++i)
            values[i] = static_cast<std::int32_t>((i * 7919 + name.size()) % 113);
        array.values = std::move(values);
    } else {
        std::vector<double> values(size);
        for (std::size_t i = 0; i < size; ++i)
            values[i] = 0.001 * static_cast<double>((i * 104729 + name.size()) % 997);
        array.values = std::move(values);
    }
    group.arrays.push_back(std::move(array));
}

/// The tiny run's three areas, with a name and a region beside each code (two areas share a region,
/// one name is not ASCII).
inline Coordinate tiny_areas() {
    return {"area",
            texts({"A001", "A002", "A003"}),
            {{"area_name", texts({"Nordby", "Sydby", "Østerby"})},
             {"area_region", texts({"Nord", "Syd", "Syd"})}}};
}

/// The tiny run's two calendar years of flows (2013-01, 24 months), with the 12 simulated months of
/// each beside them.
inline Coordinate tiny_flow_years() {
    return {"year", range(2013, 2014), {{"months", {}, {12, 12}}}};
}

inline OutputGroup year_area_sex_age_group(const std::string& path, std::vector<std::int32_t> years) {
    return {path, {{"year", std::move(years)}, tiny_areas(), {"sex", sexes}, {"age", range(0, 100)}}, {}};
}

/// Counts over (year, area, sex, age) of a group, made up but varied, at least `least`.
inline std::vector<std::int32_t> counts(std::size_t size, int salt, int least, int spread) {
    std::vector<std::int32_t> values(size);
    for (std::size_t i = 0; i < size; ++i)
        values[i] = least + static_cast<std::int32_t>((i * 7919 + static_cast<std::size_t>(salt) * 104729) %
                                                      static_cast<std::size_t>(spread));
    return values;
}

inline void set_array(OutputGroup& group, const std::string& name, ArrayValues values) {
    for (OutputArray& array : group.arrays)
        if (array.name == name)
            array.values = std::move(values);
}

/// Makes the counts of a run agree with the accounting identities the schema declares: the
/// population balance, internal moves netting to zero, the register estimate and its scores.
/// Without partner countries (`migration` false) nobody crosses the border.
inline void make_accounts_consistent(OutputContents& contents, bool migration = true);

/// The truth under each definition (/truth/migration), consistent with /truth: every definition's
/// population is /truth/population (all native-born), its flows those of /truth/flows from the
/// first partner, so that every balance holds.
inline void add_migration_definitions(OutputContents& contents,
                                      const std::vector<std::string>& foreign_groups);

inline OutputContents tiny_run(std::vector<std::string> foreign_groups = {"EU", "non_EU"}) {
    OutputContents contents;
    // The resolved scenario of the run, as far as the validator reads it.
    std::string names;
    for (const std::string& name : foreign_groups)
        names += (names.empty() ? "\"" : ", \"") + name + "\"";
    contents.meta = {"0.1.0",
                     20130101u,
                     2,
                     "2013-01",
                     24,
                     "[run]\nstart = \"2013-01\"\nmonths = 24\nseed = 20130101\nthreads = 2\n\n"
                     "[population]\nareas = 3\n\n[groups]\nnames = [" +
                         names + "]\n\n[returns]\nmax_years_abroad = 5\n"};

    std::vector<std::string> origins = {"native_born"};
    origins.insert(origins.end(), foreign_groups.begin(), foreign_groups.end());
    OutputGroup inputs{"/inputs",
                       {{"sex", sexes},
                        {"age", range(0, 100)},
                        {"status", statuses},
                        {"origin", origins},
                        {"group", foreign_groups},
                        {"birthplace", texts({"native_born", "foreign_born"})},
                        {"years_abroad", range(0, 4)},
                        tiny_areas()},
                       {}};
    add_array(inputs, "mortality_hazard", {"sex", "age"}, false);
    add_array(inputs, "fertility_rate", {"age"}, false);
    add_array(inputs, "emigration_hazard", {"status", "age"}, false);
    add_array(inputs, "internal_migration_hazard", {"sex", "age"}, false);
    add_array(inputs, "immigration_age_profile", {"group", "sex", "age"}, false);
    add_array(inputs, "immigration_arrivals_per_year", {"group"}, false);
    add_array(inputs, "emigration_destination_share", {"group"}, false);
    add_array(inputs, "return_hazard", {"birthplace", "years_abroad"}, false);
    for (const char* name : {"register_arrival_compliance", "register_arrival_lag",
                             "register_deregistration_probability", "register_deregistration_lag"})
        add_array(inputs, name, {"origin"}, false);
    for (const char* name : {"area_urbanity", "area_x", "area_y", "area_base_population"})
        add_array(inputs, name, {"area"}, false);
    contents.groups.push_back(std::move(inputs));

    const std::vector<std::string> cell = {"year", "area", "sex", "age"};
    OutputGroup truth = year_area_sex_age_group("/truth", range(2013, 2015));
    add_array(truth, "population", cell, true);
    contents.groups.push_back(std::move(truth));

    OutputGroup flows = year_area_sex_age_group("/truth/flows", range(2013, 2014));
    flows.coordinates.front() = tiny_flow_years();
    for (const char* name :
         {"births", "deaths", "immigration", "returns", "emigration", "internal_in", "internal_out"})
        add_array(flows, name, cell, true);
    add_array(flows, "person_years_at_risk", cell, false);
    add_array(flows, "person_years_lived", cell, false);
    contents.groups.push_back(std::move(flows));

    OutputGroup register_source = year_area_sex_age_group("/sources/register", range(2013, 2015));
    add_array(register_source, "population", cell, true);
    contents.groups.push_back(std::move(register_source));

    OutputGroup estimate = year_area_sex_age_group("/estimates/register_population", range(2013, 2015));
    add_array(estimate, "population", cell, true);
    contents.groups.push_back(std::move(estimate));

    OutputGroup scores = year_area_sex_age_group("/scores/register", range(2013, 2015));
    add_array(scores, "population_error", cell, true);
    add_array(scores, "area_error", {"year", "area"}, true);
    add_array(scores, "total_error", {"year"}, true);
    add_array(scores, "relative_error", {"year"}, false);
    contents.groups.push_back(std::move(scores));
    make_accounts_consistent(contents, !foreign_groups.empty());
    add_migration_definitions(contents, foreign_groups);
    return contents;
}

inline OutputGroup& group_of(OutputContents& contents, const std::string& path) {
    return *std::find_if(contents.groups.begin(), contents.groups.end(),
                         [&](const OutputGroup& g) { return g.path == path; });
}

inline void make_accounts_consistent(OutputContents& contents, bool migration) {
    constexpr std::size_t areas = 3, cells = 2 * 101, flow_years = 2;
    const std::size_t per_year = areas * cells;
    OutputGroup& flows = group_of(contents, "/truth/flows");
    std::map<std::string, std::vector<std::int32_t>> flow;
    int salt = 0;
    for (const char* name : {"births", "deaths", "immigration", "returns", "emigration", "internal_out"})
        flow[name] = counts(flow_years * per_year, ++salt, 0, 7);
    if (!migration)
        for (const char* name : {"immigration", "returns", "emigration"})
            flow[name].assign(flow_years * per_year, 0);
    // Moves in: the moves out of the next area, so that they net to zero nationally.
    flow["internal_in"].resize(flow_years * per_year);
    for (std::size_t year = 0; year < flow_years; ++year)
        for (std::size_t area = 0; area < areas; ++area)
            for (std::size_t k = 0; k < cells; ++k)
                flow["internal_in"][(year * areas + area) * cells + k] =
                    flow["internal_out"][(year * areas + (area + 1) % areas) * cells + k];
    for (const auto& [name, values] : flow)
        set_array(flows, name, values);

    // The population of each next year by the balance, cell by cell.
    std::vector<std::int32_t> population = counts((flow_years + 1) * per_year, 11, 100, 50);
    for (std::size_t year = 0; year < flow_years; ++year)
        for (std::size_t i = 0; i < per_year; ++i) {
            const std::size_t f = year * per_year + i;
            population[(year + 1) * per_year + i] = population[year * per_year + i] + flow["births"][f] -
                                                    flow["deaths"][f] + flow["immigration"][f] +
                                                    flow["returns"][f] - flow["emigration"][f] +
                                                    flow["internal_in"][f] - flow["internal_out"][f];
        }
    set_array(group_of(contents, "/truth"), "population", population);

    // The register counts a few more than the truth; its estimate is its count.
    std::vector<std::int32_t> registered = population;
    const std::vector<std::int32_t> overcount = counts(registered.size(), 12, 0, 3);
    std::vector<std::int32_t> error(registered.size());
    for (std::size_t i = 0; i < registered.size(); ++i) {
        registered[i] += overcount[i];
        error[i] = overcount[i];
    }
    set_array(group_of(contents, "/sources/register"), "population", registered);
    set_array(group_of(contents, "/estimates/register_population"), "population", registered);
    OutputGroup& scores = group_of(contents, "/scores/register");
    set_array(scores, "population_error", error);
    std::vector<std::int32_t> area_error(3 * areas, 0), total_error(3, 0);
    std::vector<double> relative_error(3, 0.0);
    for (std::size_t year = 0; year < 3; ++year) {
        std::int64_t truth_total = 0;
        for (std::size_t area = 0; area < areas; ++area)
            for (std::size_t k = 0; k < cells; ++k) {
                area_error[year * areas + area] += error[(year * areas + area) * cells + k];
                truth_total += population[(year * areas + area) * cells + k];
            }
        for (std::size_t area = 0; area < areas; ++area)
            total_error[year] += area_error[year * areas + area];
        relative_error[year] = static_cast<double>(total_error[year]) / static_cast<double>(truth_total);
    }
    set_array(scores, "area_error", area_error);
    set_array(scores, "total_error", total_error);
    set_array(scores, "relative_error", relative_error);
}

inline void add_migration_definitions(OutputContents& contents,
                                      const std::vector<std::string>& foreign_groups) {
    constexpr std::size_t areas = 3, cells = 2 * 101, definitions = 3;
    const std::size_t partners = foreign_groups.size(), origins = partners + 1;
    std::vector<std::string> origin_labels = {"native_born"};
    origin_labels.insert(origin_labels.end(), foreign_groups.begin(), foreign_groups.end());
    const auto values_of = [&](const std::string& group, const std::string& name) {
        for (const OutputArray& array : group_of(contents, group).arrays)
            if (array.name == name)
                return std::get<std::vector<std::int32_t>>(array.values);
        return std::vector<std::int32_t>{};
    };
    const std::vector<std::int32_t> population = values_of("/truth", "population");
    std::map<std::string, std::vector<std::int32_t>> flow;
    for (const char* name : {"births", "deaths", "immigration", "returns", "emigration"})
        flow[name] = values_of("/truth/flows", name);
    const std::vector<std::string> definitions_labels = {"present", "usual_residence_12m",
                                                         "usual_residence_6m"};

    // Stocks: each definition's population is the truth's, all in the first country of birth.
    OutputGroup stocks{"/truth/migration",
                       {{"year", range(2013, 2015)},
                        {"definition", definitions_labels},
                        {"country_of_birth", origin_labels},
                        tiny_areas(),
                        {"sex", sexes},
                        {"age", range(0, 100)},
                        {"kind", texts({"circular", "short_term_circular"})}},
                       {}};
    std::vector<std::int32_t> stock(3 * definitions * origins * areas * cells, 0);
    for (std::size_t year = 0; year < 3; ++year)
        for (std::size_t d = 0; d < definitions; ++d)
            for (std::size_t i = 0; i < areas * cells; ++i)
                stock[((year * definitions + d) * origins) * areas * cells + i] =
                    population[year * areas * cells + i];
    stocks.arrays.push_back(
        {"population", {"year", "definition", "country_of_birth", "area", "sex", "age"}, stock});
    add_array(stocks, "circular", {"year", "kind", "country_of_birth", "area", "sex", "age"}, true);
    stocks.arrays.push_back(
        {"provisional", {"year", "definition"}, std::vector<std::int32_t>(3 * definitions, 0)});
    stocks.arrays.push_back({"circular_provisional", {"year", "kind"}, std::vector<std::int32_t>(3 * 2, 0)});
    contents.groups.push_back(std::move(stocks));

    // Flows: the truth's arrivals (first and returns) and departures, from the first partner.
    OutputGroup flows{"/truth/migration/flows",
                      {tiny_flow_years(),
                       {"definition", definitions_labels},
                       {"partner", foreign_groups},
                       tiny_areas(),
                       {"sex", sexes},
                       {"age", range(0, 100)},
                       {"direction", texts({"in", "out"})},
                       {"duration", texts({"under_3_months", "short_term", "long_term", "ongoing"})}},
                      {}};
    std::vector<std::int32_t> immigration(2 * definitions * partners * areas * cells, 0);
    std::vector<std::int32_t> emigration(immigration.size(), 0);
    for (std::size_t year = 0; year < 2 && partners > 0; ++year)
        for (std::size_t d = 0; d < definitions; ++d)
            for (std::size_t i = 0; i < areas * cells; ++i) {
                const std::size_t to = ((year * definitions + d) * partners) * areas * cells + i;
                const std::size_t from = year * areas * cells + i;
                immigration[to] = flow["immigration"][from] + flow["returns"][from];
                emigration[to] = flow["emigration"][from];
            }
    const std::vector<std::string> flow_dims = {"year", "definition", "partner", "area", "sex", "age"};
    flows.arrays.push_back({"immigration", flow_dims, immigration});
    flows.arrays.push_back({"emigration", flow_dims, emigration});
    add_array(flows, "crossings", {"year", "direction", "duration", "partner", "sex", "age"}, true);
    flows.arrays.push_back(
        {"provisional", {"year", "definition"}, std::vector<std::int32_t>(2 * definitions, 0)});
    contents.groups.push_back(std::move(flows));

    // Each definition's balance, from the totals.
    const auto total = [&](const std::vector<std::int32_t>& values, std::size_t year) {
        std::int32_t sum = 0;
        for (std::size_t i = 0; i < areas * cells; ++i)
            sum += values[year * areas * cells + i];
        return sum;
    };
    std::vector<std::int32_t> balance;
    for (std::size_t year = 0; year < 2; ++year)
        for (std::size_t d = 0; d < definitions; ++d)
            for (const std::int32_t term :
                 {total(population, year), total(flow["births"], year), total(flow["deaths"], year),
                  partners > 0 ? total(flow["immigration"], year) + total(flow["returns"], year) : 0,
                  partners > 0 ? total(flow["emigration"], year) : 0, total(population, year + 1)})
                balance.push_back(term);
    contents.groups.push_back({"/truth/migration/balance",
                               {tiny_flow_years(),
                                {"definition", definitions_labels},
                                {"component", texts({"population_start", "births", "deaths", "immigration",
                                                     "emigration", "population_end"})}},
                               {{"persons", {"year", "definition", "component"}, balance}}});
}

inline bool mentions(const std::vector<std::string>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

inline std::string joined(const std::vector<std::string>& problems) {
    std::string text;
    for (const std::string& p : problems)
        text += p + "\n";
    return text;
}

inline std::string file_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace migsim::testing
