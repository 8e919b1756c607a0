#pragma once
// A process of the model: one module of the truth (mortality, fertility, each migration flow, ...)
// that registers its person columns, streams and flows with the run's state (run_state.hpp) when it
// is made, contributes competing events and independent draws to the month's passes, and applies
// what the passes decided at the end of each month. The model lists every process the same way
// (first_version_processes(), then added_processes(), each a list of factories) and calls them in
// that order each month: the order is part of every output. docs/extending.md walks through one.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/calendar.hpp"
#include "io/output_contents.hpp"
#include "population/person_table.hpp"

namespace migsim {

class MonthlyPass;
class AbroadPass;
struct RunState;

/// How a person joins the persons present.
enum class JoinKind : std::uint8_t { birth, immigration, return_home };

/// A person joining the persons present, as Process::person_joins is told of it.
struct Joining {
    JoinKind how = JoinKind::birth;
    Month now = 0;
    /// For a birth, the mother's country-of-birth group (core.origin: 0 native-born, 1..G the foreign
    /// groups), which a descendant's background is by; 0 for the other ways of joining.
    std::uint8_t mother_origin = 0;
};

class Process {
public:
    virtual ~Process() = default;
    /// Adds the process's competing events and independent draws to the month's pass over persons
    /// present (before the first month; the events compete in the order they are added).
    virtual void join(MonthlyPass& /*pass*/) {}
    /// Adds the process's events of life abroad to the pass over the abroad pool.
    virtual void join_abroad(AbroadPass& /*pass*/) {}
    /// Every person column is registered and the persons are in tables over them.
    virtual void start() {}
    /// 1 January (month `january`), after the truth has counted the persons present and before
    /// the month's events and the sources' count. A process whose hazards change with the year
    /// sets RunState::hazards_changed, and the passes rebuild their thresholds after.
    virtual void reference_date(Month /*january*/) {}
    /// Parameters of the scenario changed at the start of month `now` (scenario/timeline.hpp):
    /// recompute what the process derived from them. The passes rebuild their thresholds after.
    virtual void parameters_changed(Month /*now*/) {}
    /// The start of month `now`, before the passes.
    virtual void month_begin(Month /*now*/) {}
    /// The month's passes are done: apply the month's events, in the order of the list.
    virtual void month_end(Month /*now*/) {}
    /// A person joins the persons present in month `now`: a newborn (in its mother's area, or in
    /// the table it leaves from with its mother), a first immigrant or a returner, in the table that
    /// now holds it, before the observers are told of a birth or a first arrival. A process sets
    /// the columns it owns for a person who joins.
    virtual void person_joins(PersonTable& /*persons*/, std::size_t /*row*/, const Joining& /*joining*/) {}
    /// A person leaves for the abroad pool in month `now`, in the table of abroad scope that holds
    /// it with its spell set (departure month, partner, last area), before the observers are told
    /// of the emigration. A process sets the columns it owns for the stay abroad.
    virtual void person_leaves(PersonTable& /*leaving*/, std::size_t /*row*/, Month /*now*/) {}
    /// The run's last month is done (month `end` is the month after it).
    virtual void end_of_run(Month /*end*/) {}
    /// Appends the process's own output groups, which its fragment of output_schemas/ declares
    /// (after end_of_run, while the run's state still exists).
    virtual void add_output(std::vector<OutputGroup>& /*groups*/) const {}
    /// Bytes the process holds outside the person columns (side tables, histories), for the run's
    /// memory figures.
    virtual std::size_t side_bytes() const { return 0; }
};

/// Makes a process for a run: registers its columns, streams and flows with `state`.
using ProcessFactory = std::unique_ptr<Process> (*)(RunState& state);

/// The processes of the first version, in their order (model/first_version_processes.cpp).
std::span<const ProcessFactory> first_version_processes();
/// The processes every run adds after them, in their order (model/added_processes.cpp).
std::span<const ProcessFactory> added_processes();

} // namespace migsim
