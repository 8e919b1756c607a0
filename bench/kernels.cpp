// Google Benchmark kernels: the keyed draw, copying a person's row between tables (how movers,
// emigrants and returners change tables), and whole months of the engine on a slice of the
// baseline scenario, reported as person-months per second and bytes per person.
#include <stdexcept>

#include <benchmark/benchmark.h>

#include "core/rng.hpp"
#include "model/model.hpp"
#include "modules/modules.hpp"

namespace {

void keyed_draws(benchmark::State& state) {
    std::uint64_t person = 0;
    std::uint32_t sink = 0;
    for (auto _ : state) {
        sink ^= migsim::keyed_draw(1, ++person, 2556, migsim::reserved_stream(1));
        benchmark::DoNotOptimize(sink);
    }
    state.counters["draws/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(keyed_draws);

/// Appends rows of a table of `state.range(0)` persons (every 7th row, as the few leavers of a
/// month are spread over their area) to a table over the same columns: the core columns and a
/// source's month column, as in a run with the register.
void row_copies(benchmark::State& state) {
    migsim::ColumnLayout layout = migsim::core_layout();
    const auto registered = layout.add<migsim::StoredMonth>("source.month", "source", migsim::never,
                                                            migsim::ColumnScope::everywhere, "a month");
    migsim::PersonTable from(layout, migsim::ColumnScope::everywhere);
    const auto n = static_cast<std::size_t>(state.range(0));
    from.append_rows(n);
    for (std::size_t i = 0; i < n; ++i) {
        from.at(migsim::core.id, i) = i;
        from.at(registered, i) = static_cast<migsim::StoredMonth>(i % 600);
    }
    migsim::PersonTable to(layout, migsim::ColumnScope::everywhere);
    std::size_t copied = 0;
    for (auto _ : state) {
        to.clear();
        for (std::size_t i = 0; i < n; i += 7)
            to.append(from, i);
        copied += to.size();
        benchmark::DoNotOptimize(to.data(migsim::core.id));
    }
    state.counters["rows/s"] = benchmark::Counter(static_cast<double>(copied), benchmark::Counter::kIsRate);
}
BENCHMARK(row_copies)->Arg(4096)->Arg(1 << 20);

migsim::Scenario baseline(double scale, int months) {
    auto load = migsim::load_scenario(
        std::string(MIGSIM_SOURCE_DIR) + "/scenarios/baseline.toml",
        {"population.scale=" + std::to_string(scale), "run.months=" + std::to_string(months)});
    if (!load.ok())
        throw std::runtime_error("baseline scenario did not load");
    return *load.scenario;
}

/// A year of the baseline at 5% of Denmark (280,000 persons), with state.range(0) threads.
void baseline_year(benchmark::State& state) {
    const migsim::Scenario scenario = baseline(0.05, 12);
    double person_months = 0.0;
    double bytes_per_person = 0.0;
    for (auto _ : state) {
        state.PauseTiming();
        migsim::Model model(scenario, static_cast<int>(state.range(0)));
        state.ResumeTiming();
        const migsim::RunResults results = model.run();
        person_months += static_cast<double>(results.person_months);
        bytes_per_person =
            static_cast<double>(results.peak_hot_bytes) / static_cast<double>(results.peak_hot_persons);
    }
    state.counters["person_months/s"] = benchmark::Counter(person_months, benchmark::Counter::kIsRate);
    state.counters["bytes/person"] = bytes_per_person;
}
BENCHMARK(baseline_year)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace
