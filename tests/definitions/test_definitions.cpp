// The truth under each official definition on real runs of the default scenario: every figure
// equals a reference worked out from the persons' whole histories (definitions/reference_*); each
// definition balances exactly; `present` is the truth's population and flows; the output is the
// same at 1 and 2 threads; the module changes no other output; `migsim validate` checks the
// declared identities and rejects a file where one cell is off by one.
#include <array>
#include <filesystem>
#include <numeric>

#include <unistd.h>

#include <gtest/gtest.h>

#include "definitions/definitions_support.hpp"
#include "io/hdf5_handles.hpp"
#include "io/hdf5_writer.hpp"
#include "io/output_validator.hpp"
#include "model/truth_output.hpp"
#include "pipeline/pipeline.hpp"
#include "support/scenarios.hpp"

namespace migsim {
namespace {

using namespace migsim::testing;

/// The processes every run adds (the module among them), and the same without the module.
std::span<const ProcessFactory> with_module() {
    return added_processes();
}
std::vector<ProcessFactory> without_module() {
    std::vector<ProcessFactory> list;
    for (const ProcessFactory make : added_processes())
        if (make != &make_migration_definitions)
            list.push_back(make);
    return list;
}

/// Ten years of 0.3 % of Denmark, with three times the emigration and four times the returns, so
/// that many persons cross several times and circular migrants appear.
Scenario many_crossings() {
    return synthetic_baseline_with({"population.scale=0.003", "population.areas=10", "run.months=120",
                                    "emigration.multiplier=3", "returns.multiplier=4"});
}

TEST(Definitions, EveryFigureEqualsTheReferenceWorkedOutFromWholeHistories) {
    const DefinitionsRun run = run_with_reference(many_crossings(), 2, with_module());
    expect_reference(run);
    // The run is not a trivial one: every kind of figure is there.
    const auto total = [](const std::vector<std::int32_t>& v) {
        return std::accumulate(v.begin(), v.end(), std::int64_t{0});
    };
    EXPECT_GT(total(run.expected.circular), 10);
    EXPECT_GT(total(run.expected.crossings), 1000);
    EXPECT_GT(total(run.expected.flows_provisional), 0);
    const MigrationAccounts& a = run.expected;
    // The 12-month and 6-month populations differ from the population present, and from each other
    // (not on the last 1 January: without plans, every stay going on there counts as a long one,
    // and the 12-month population is the population present).
    const int last = a.population_years - 2;
    EXPECT_NE(a.population_total(last, Definition::present),
              a.population_total(last, Definition::usual_residence_12m));
    EXPECT_NE(a.population_total(last, Definition::usual_residence_6m),
              a.population_total(last, Definition::usual_residence_12m));
}

/// The balance of definition d in year y from the output: start, births, deaths, in, out, end.
std::array<std::int64_t, 6> balance_terms(const RunResults& results, int y, int d) {
    const auto& balance = output_values(results, "/truth/migration/balance", "persons");
    std::array<std::int64_t, 6> terms{};
    for (std::size_t c = 0; c < 6; ++c)
        terms[c] =
            balance[(static_cast<std::size_t>(y) * n_definitions + static_cast<std::size_t>(d)) * 6 + c];
    return terms;
}

TEST(Definitions, EachDefinitionBalancesExactlyAndPresentIsTheTruth) {
    const Scenario scenario =
        synthetic_baseline_with({"population.scale=0.02", "population.areas=20", "run.months=36"});
    const RunResults results = Model(scenario, 2, {}, with_module()).run();
    const TruthAccounts& truth = results.truth;
    const int years = results.calendar.population_years - 1;
    ASSERT_EQ(years, 3);
    const auto& population = output_values(results, "/truth/migration", "population");
    const int origins = scenario.groups.count() + 1;
    const int areas = static_cast<int>(results.areas.size());
    const std::size_t cells = static_cast<std::size_t>(areas) * n_sexes * n_ages;
    for (int y = 0; y < years; ++y)
        for (int d = 0; d < n_definitions; ++d) {
            const auto [start, births, deaths, in, out, end] = balance_terms(results, y, d);
            SCOPED_TRACE(std::string(definition_names[static_cast<std::size_t>(d)]) + ", year " +
                         std::to_string(y));
            EXPECT_EQ(end, start + births - deaths + in - out);
            // The terms are the stocks of the output, and the stocks follow from one another.
            std::int64_t counted = 0, next = 0;
            for (std::size_t i = 0; i < static_cast<std::size_t>(origins) * cells; ++i) {
                counted +=
                    population[((static_cast<std::size_t>(y) * n_definitions + static_cast<std::size_t>(d)) *
                                static_cast<std::size_t>(origins)) *
                                   cells +
                               i];
                next += population[((static_cast<std::size_t>(y + 1) * n_definitions +
                                     static_cast<std::size_t>(d)) *
                                    static_cast<std::size_t>(origins)) *
                                       cells +
                                   i];
            }
            EXPECT_EQ(start, counted);
            EXPECT_EQ(end, next);
            EXPECT_GT(in, 0);
            EXPECT_GT(out, 0);
        }
    for (int y = 0; y < years; ++y) {
        const auto [start, births, deaths, in, out, end] = balance_terms(results, y, 0);
        EXPECT_EQ(start, truth.population.total(y));
        EXPECT_EQ(births, truth.flow("births").total(y));
        EXPECT_EQ(deaths, truth.flow("deaths").total(y));
        EXPECT_EQ(in, truth.flow("immigration").total(y) + truth.flow("returns").total(y));
        EXPECT_EQ(out, truth.flow("emigration").total(y));
        // Every child born in the country is a usual resident under the 12-month rule from birth.
        EXPECT_EQ(balance_terms(results, y, 1)[1], births);
    }
    // Cell by cell: `present` is /truth/population (summed over the country of birth), and its
    // immigration and emigration (summed over partners) are the truth's.
    for (int y = 0; y < results.calendar.population_years; ++y)
        for (int area = 0; area < areas; ++area)
            for (int cell = 0; cell < n_sexes * n_ages; ++cell) {
                std::int64_t sum = 0;
                for (int o = 0; o < origins; ++o)
                    sum += population[((static_cast<std::size_t>(y) * n_definitions) *
                                           static_cast<std::size_t>(origins) +
                                       static_cast<std::size_t>(o)) *
                                          cells +
                                      static_cast<std::size_t>(area) * n_sexes * n_ages +
                                      static_cast<std::size_t>(cell)];
                ASSERT_EQ(sum, truth.population.slice(y, area)[cell]) << y << " " << area << " " << cell;
            }
    const auto& immigration = output_values(results, "/truth/migration/flows", "immigration");
    const auto& emigration = output_values(results, "/truth/migration/flows", "emigration");
    const int partners = scenario.groups.count();
    for (int y = 0; y < results.calendar.flow_years; ++y)
        for (int area = 0; area < areas; ++area)
            for (int cell = 0; cell < n_sexes * n_ages; ++cell) {
                std::int64_t in = 0, out = 0;
                for (int p = 0; p < partners; ++p) {
                    const std::size_t at =
                        ((static_cast<std::size_t>(y) * n_definitions) * static_cast<std::size_t>(partners) +
                         static_cast<std::size_t>(p)) *
                            cells +
                        static_cast<std::size_t>(area) * n_sexes * n_ages + static_cast<std::size_t>(cell);
                    in += immigration[at];
                    out += emigration[at];
                }
                ASSERT_EQ(in, truth.flow("immigration").slice(y, area)[cell] +
                                  truth.flow("returns").slice(y, area)[cell]);
                ASSERT_EQ(out, truth.flow("emigration").slice(y, area)[cell]);
            }
}

TEST(Definitions, TheOutputIsTheSameAtOneAndTwoThreads) {
    const Scenario scenario = many_crossings();
    const RunResults one = Model(scenario, 1, {}, with_module()).run();
    const RunResults two = Model(scenario, 2, {}, with_module()).run();
    ASSERT_EQ(one.groups.size(), two.groups.size());
    for (std::size_t g = 0; g < one.groups.size(); ++g)
        for (std::size_t a = 0; a < one.groups[g].arrays.size(); ++a)
            EXPECT_TRUE(one.groups[g].arrays[a].values == two.groups[g].arrays[a].values)
                << one.groups[g].path << "/" << one.groups[g].arrays[a].name;
}

TEST(Definitions, TheModuleChangesNoOtherFigure) {
    const Scenario scenario =
        synthetic_baseline_with({"population.scale=0.01", "population.areas=20", "run.months=24"});
    const RunResults with = Model(scenario, 2, {}, with_module()).run();
    const RunResults without = Model(scenario, 2, {}, without_module()).run();
    EXPECT_EQ(with.truth.population.values, without.truth.population.values);
    ASSERT_EQ(with.truth.flows.size(), without.truth.flows.size());
    for (std::size_t f = 0; f < with.truth.flows.size(); ++f)
        EXPECT_EQ(with.truth.flows[f].values, without.truth.flows[f].values) << with.truth.flow_info[f].name;
    EXPECT_EQ(with.truth.at_risk_months.values, without.truth.at_risk_months.values);
    EXPECT_EQ(with.abroad_end, without.abroad_end);
}

TEST(Definitions, TheRunReportsTheMemoryOfItsHistories) {
    const RunResults results =
        Model(synthetic_baseline_with({"population.scale=0.01", "population.areas=20", "run.months=24"}), 2,
              {}, with_module())
            .run();
    const auto figure = [&](const std::string& starts) {
        for (const SizeFigure& f : results.size_figures)
            if (f.name.rfind(starts, 0) == 0)
                return f.value;
        ADD_FAILURE() << "no figure " << starts;
        return 0.0;
    };
    EXPECT_EQ(figure("bytes per crossing"), 4.0);
    EXPECT_GT(figure("persons with a crossing history"), 1000.0);
    // A record of 32 bytes and a few crossings of 4, with the arena's slack.
    EXPECT_GT(figure("bytes per person with a history"), 32.0);
    EXPECT_LT(figure("bytes per person with a history"), 100.0);
}

/// Changes one value of an int32 dataset of a file in place by `delta`.
void add_to_cell(const std::string& path, const std::string& dataset_path, std::vector<hsize_t> at,
                 int delta) {
    const hdf5::File file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
    ASSERT_TRUE(file);
    const hdf5::Dataset dataset(H5Dopen2(file.get(), dataset_path.c_str(), H5P_DEFAULT));
    ASSERT_TRUE(dataset) << dataset_path;
    const hdf5::Dataspace space(H5Dget_space(dataset.get()));
    const std::vector<hsize_t> one(at.size(), 1);
    ASSERT_GE(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, at.data(), nullptr, one.data(), nullptr), 0);
    const hsize_t single = 1;
    const hdf5::Dataspace memory(H5Screate_simple(1, &single, nullptr));
    std::int32_t value = 0;
    ASSERT_GE(H5Dread(dataset.get(), H5T_NATIVE_INT32, memory.get(), space.get(), H5P_DEFAULT, &value), 0);
    value += delta;
    ASSERT_GE(H5Dwrite(dataset.get(), H5T_NATIVE_INT32, memory.get(), space.get(), H5P_DEFAULT, &value), 0);
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

TEST(Definitions, ValidateChecksEachBalanceAndRejectsACellOffByOne) {
    namespace fs = std::filesystem;
    const Scenario scenario =
        synthetic_baseline_with({"population.scale=0.01", "population.areas=10", "run.months=24"});
    const PipelineResults results = run_pipeline(scenario, 2);
    const fs::path folder = fs::temp_directory_path() / ("migsim_definitions_" + std::to_string(::getpid()));
    fs::create_directories(folder);
    const std::string good = (folder / "good.h5").string();
    write_output(good, output_contents(scenario, results));
    const std::vector<std::string> none = validate_output(good);
    EXPECT_TRUE(none.empty()) << (none.empty() ? "" : none.front());

    struct Damage {
        const char* dataset;
        std::vector<hsize_t> at;
        const char* identity;
    };
    const Damage damages[] = {
        // One birth more under the 12-month rule in 2014: its balance no longer holds.
        {"/truth/migration/balance/persons", {1, 1, 1}, "each definition's population balance"},
        // One person more on 1 January 2014 under the 6-month rule, in one cell.
        {"/truth/migration/population", {1, 2, 0, 3, 1, 40}, "the balance starts from the population"},
        // One immigrant more: the balance's immigration is no longer the flows'.
        {"/truth/migration/flows/immigration", {0, 1, 2, 4, 0, 25}, "the balance's immigration"},
        // One person more present: no longer the truth's population.
        {"/truth/migration/population", {0, 0, 1, 5, 1, 60}, "present is the truth's population"},
    };
    for (const Damage& damage : damages) {
        const std::string bad = (folder / "bad.h5").string();
        fs::copy_file(good, bad, fs::copy_options::overwrite_existing);
        add_to_cell(bad, damage.dataset, damage.at, 1);
        const std::vector<std::string> problems = validate_output(bad);
        EXPECT_TRUE(mentions(problems, std::string("identity '") + damage.identity)) << damage.dataset;
    }
    fs::remove_all(folder);
}

} // namespace
} // namespace migsim
