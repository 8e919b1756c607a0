#pragma once
// A source added to every run by listing it (sources/added_sources.cpp): an observer of the event
// stream (population/events.hpp) that keeps its own records and contributes its output groups,
// which its fragment of output_schemas/ declares. The population register, the first source, is
// wired by hand in pipeline/pipeline.hpp because its estimator and scores are; a source added
// later is a file of its own, a line in the list and a fragment listed in
// output_schemas/migsim_output.toml. docs/extending.md walks through one.
#include <memory>
#include <span>
#include <vector>

#include "io/output_contents.hpp"
#include "population/events.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

class Source : public Observer {
public:
    /// Appends the source's output groups; `stock_cells` are the (year, area, sex, age)
    /// coordinates of the run's 1 January stocks, shared by every group of counts.
    virtual void add_output(std::vector<OutputGroup>& groups,
                            const std::vector<Coordinate>& stock_cells) const = 0;
};

/// Makes a source for a run of `scenario`.
using SourceFactory = std::unique_ptr<Source> (*)(const Scenario& scenario);

/// The sources every run adds after the population register, in their order.
std::span<const SourceFactory> added_sources();

} // namespace migsim
