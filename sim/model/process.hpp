#pragma once
// A process added to the model by listing it (model/added_processes.cpp): it joins the month's pass
// with its competing events and independent draws, makes its scratch once every column is
// registered, and applies what the pass decided at the end of each month, after the processes of
// the first version (Model::step), in the order of the list. Its person columns, streams and flows
// it registers with the run's state (run_state.hpp) when it is made; its parameters it reads from
// the scenario. docs/extending.md walks through one.
#include <memory>
#include <span>

#include "core/calendar.hpp"

namespace migsim {

class MonthlyPass;
struct RunState;

class Process {
public:
    virtual ~Process() = default;
    /// Adds the process's competing events and independent draws to the month's pass (before the
    /// first month; the events compete in the order they are added, after those of Model::step).
    virtual void join(MonthlyPass& /*pass*/) {}
    /// Every person column is registered and the persons are in tables over them.
    virtual void start() {}
    /// The month's pass and the processes of Model::step are done: apply the month's events.
    virtual void month_end(Month /*now*/) {}
};

/// Makes a process for a run: registers its columns, streams and flows with `state`.
using ProcessFactory = std::unique_ptr<Process> (*)(RunState& state);

/// The processes every run adds after those of Model::step, in their order.
std::span<const ProcessFactory> added_processes();

} // namespace migsim
