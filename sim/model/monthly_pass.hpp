#pragma once
// The month's pass over the persons present: the chunked, branch-free loop of the engine.
//
// Processes contribute two kinds of monthly events:
//  - competing events (death, emigration, a move to another area, ...): one keyed draw per person
//    and month decides whether and which one happens, with thresholds precomputed for every risk
//    cell from the processes' annual hazards by the competing-risks formula (processes/hazards.hpp).
//    The table has as many events as processes contribute, in the order they were added;
//  - independent monthly draws (a birth, ...): each with its own stream and a probability by risk
//    cell, not competing with the others.
//  - state transitions (an activity status, a residence permit): a state held in a one-byte column
//    moves by a transition matrix, the next state drawn from the row of the person's state in the
//    matrix of the person's risk cell with one keyed draw of the transition's own stream.
// The risk cell of a person in a month is (sex, emigration status, age) at the start of the month
// (emigration status: native-born, or completed years since the latest arrival 0..5+), times the
// extension dimensions the contribution named when it joined (model/risk_cells.hpp): a process's
// hazard may depend on columns other modules own (a migrant type, months since arrival).
//
// The loop runs over chunks of 256 persons of an area: a pass that vectorises computes every
// person's cell and draws, then a filter pass sends the few with something to do to the slow path,
// where the processes' handlers run on the thread that owns the area. A handler records what it
// needs in scratch of its own, by area; processes apply it after the pass, in area order.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/rng.hpp"
#include "model/risk_cells.hpp"
#include "model/run_state.hpp"

namespace migsim {

inline constexpr StreamId competing_events_stream = reserved_stream(1);
/// Further draws of the competing event that happened (its destination, ...): shared by the
/// competing events, since only one of them happens to a person in a month.
inline constexpr StreamId event_detail_stream = reserved_stream(2);

/// The emigration status of the risk cell: 0 native-born, 1 + min(years since latest arrival, 5),
/// with the years completed at the start of month `now` (calendar.hpp): a person who arrived in
/// month t is in the first year since arrival in months t + 1 .. t + 12.
inline int emigration_status(std::uint8_t origin, StoredMonth latest_arrival, Month now) {
    const int years_since_arrival = completed_years(now, latest_arrival);
    const int capped =
        years_since_arrival < n_emigration_statuses - 2 ? years_since_arrival : n_emigration_statuses - 2;
    return origin == native_born ? 0 : 1 + capped;
}

/// A person in the slow path of the pass.
struct PersonInPass {
    int area;
    const PersonTable& persons; ///< the area's table (read only during the pass)
    std::size_t row;
    Month now;
    MonthKey key;
    int year;                     ///< flow year index of `now`
    int sex_age;                  ///< sex * n_ages + age
    PersonTable* table = nullptr; ///< the same table, for set()

    /// Sets a column the handler's own process registered. The pass reads the core columns only,
    /// and an area's persons are handled on one thread, so this is safe for any other column.
    template <class T>
    void set(Column<T> column, T value) const {
        table->at(column, row) = value;
    }
};

/// What the month's pass has decided for a person so far, for the handlers that come after.
struct MonthOutcome {
    bool removed = false; ///< leaves the area's table (died, emigrated or moved)
    bool died = false;
    bool emigrated = false;
    std::uint8_t destination = 0; ///< emigrated: the partner region
    std::uint16_t area_after = 0; ///< the area after a move, else the area
};

/// A risk cell of the month's pass: the base cell and the categories of the extension dimensions
/// the contribution named.
struct RiskCell : CellCategories {
    int sex = 0;
    int status = 0; ///< emigration status: 0 native-born, 1 + completed years since arrival (max 6)
    int age = 0;    ///< 0..100
};

class CompetingEvent {
public:
    virtual ~CompetingEvent() = default;
    /// Annual hazard of a person in this risk cell.
    virtual double annual_hazard(const RiskCell& cell) const = 0;
    /// Clears the process's scratch of one area, before the area's pass (on the area's thread).
    virtual void prepare(int area) = 0;
    /// The event happened: record it and say what it means for the person.
    virtual void happen(const PersonInPass& person, MonthOutcome& outcome) = 0;
};

class MonthlyDraw {
public:
    virtual ~MonthlyDraw() = default;
    /// The draw's stream; `no_draw` for a rule that applies to every person of the cells where its
    /// probability is 1 (and to nobody where it is 0) without a random number: a transition that
    /// follows from the person's columns alone (a temporary migrant who overstays becomes a
    /// settler).
    virtual StreamId stream() const = 0;
    /// Probability of the event in a month for a person in this risk cell.
    virtual double monthly_probability(const RiskCell& cell) const = 0;
    /// A category dimension among the draw's own whose category 0 has probability 0 in every cell
    /// (nationals, for naturalisation): the pass then looks up the cells of the others only, which
    /// saves the work of every dimension for most persons. Checked when the pass is built.
    virtual std::optional<DimensionId> gate() const { return std::nullopt; }
    virtual void prepare(int area) = 0;
    /// The event happened (the competing events of the person's month have been handled).
    virtual void happen(const PersonInPass& person, const MonthOutcome& outcome) = 0;
};

/// A state a person holds in a one-byte column, which moves from month to month by a transition
/// matrix of the person's risk cell: P(next = to | now = from, cell). The pass draws the next state
/// with one keyed draw of the transition's own stream, so that adding a transition leaves every
/// other process's draws as they were (common random numbers). Every person draws, in a loop that
/// vectorises (a row that stays for sure gives its own state whatever the draw, and a keyed draw
/// depends on nobody else's, so drawing for it changes nothing). A person whose column holds
/// states() or more is outside the chain (a child, for an activity status) and keeps the value.
/// The hazards of the month read the state at its start; the pass writes the new state during the
/// month's pass, so that a person who moves or emigrates in the month takes it along; persons
/// abroad keep theirs (the abroad pass has no transitions).
class MonthlyTransition {
public:
    virtual ~MonthlyTransition() = default;
    /// The transition's stream (not `no_draw`).
    virtual StreamId stream() const = 0;
    /// The column holding the state (registered by the transition's process or another module).
    virtual Column<std::uint8_t> state_column() const = 0;
    /// The number of states of the chain, 2 .. max_transition_states.
    virtual int states() const = 0;
    /// Row `from` of the month's transition matrix of `cell`: row[to] = P(next = to | from), each in
    /// [0, 1], summing to 1 (within 1e-9).
    virtual void monthly_row(const RiskCell& cell, int from, std::span<double> row) const = 0;
    /// Clears the process's scratch of one area, before the area's pass (on the area's thread).
    virtual void prepare(int area) = 0;
    /// The person's state changed from `from` to `to` (the pass has written `to`); called after the
    /// person's competing event and independent draws, with what they decided.
    virtual void happen(const PersonInPass& person, const MonthOutcome& outcome, int from, int to) = 0;
};

/// What a sweep of an area sees after the area's persons have been through the pass (on the area's
/// thread), before those who leave are removed from its table.
struct AreaInPass {
    int area;
    PersonTable& persons;
    Month now;
    MonthKey key;
    int year; ///< flow year index of `now`

    /// Whether row `row` already leaves the table this month (a death, a departure, a move).
    bool leaves(std::size_t row) const;
    /// The persons who leave the table this month so far, and what happened to each.
    std::size_t leaving() const { return removed->size(); }
    std::size_t leaving_row(std::size_t k) const { return (*removed)[k]; }
    const MonthOutcome& leaving_outcome(std::size_t k) const { return (*outcomes)[k]; }
    /// The person at row `row`, for the services of model/presence.hpp and the processes' handlers.
    PersonInPass person(std::size_t row) const;
    /// Row `row` leaves the table (its handler set `outcome.removed`).
    void remove(std::size_t row, const MonthOutcome& outcome);

    std::vector<std::uint32_t>* removed;  ///< ascending before the sweeps; appended by remove()
    std::vector<MonthOutcome>* outcomes;  ///< by entry of `removed`
    std::size_t sorted = removed->size(); ///< the ascending prefix of `removed`
};

/// A process that acts on an area's persons after the pass over them: persons who follow another's
/// event (children who leave or move with their mother).
class AreaSweep {
public:
    virtual ~AreaSweep() = default;
    virtual void sweep(AreaInPass& area) = 0;
};

/// The stream of a rule (MonthlyDraw::stream): no random number is drawn.
inline constexpr StreamId no_draw = StreamId{0};

class MonthlyPass {
public:
    explicit MonthlyPass(RunState& state);

    /// A dimension of the risk cells from a column (shared by name with other modules).
    DimensionId dimension(CellDimension dimension) { return dimensions_.declare(std::move(dimension)); }
    /// Adds a competing event whose hazard reads the extension dimensions `uses`.
    void add(CompetingEvent& event, std::vector<DimensionId> uses = {});
    /// Adds an independent draw whose probability reads the extension dimensions `uses`.
    void add(MonthlyDraw& draw, std::vector<DimensionId> uses = {});
    /// Adds a state transition whose matrix reads the extension dimensions `uses`.
    void add(MonthlyTransition& transition, std::vector<DimensionId> uses = {});
    /// Adds a sweep of each area after the pass over its persons, in the order added.
    void add(AreaSweep& sweep) { sweeps_.push_back(&sweep); }
    /// Precomputes the thresholds; after every process is added, before the first month, and again
    /// whenever a hazard changes (a parameter that changes during the run).
    void build();

    /// The base cell of (sex, emigration status, age).
    static int cell(int sex, int status, int age) {
        return (sex * n_emigration_statuses + status) * n_ages + age;
    }
    static constexpr int cells = n_sexes * n_emigration_statuses * n_ages;
    /// Independent draws and rules the pass keeps per chunk (each draw costs a keyed draw per
    /// person and month, a rule a table look-up).
    static constexpr std::size_t max_draws = 4;
    /// State transitions the pass keeps per chunk, and the states of each.
    static constexpr std::size_t max_transitions = 4;
    static constexpr int max_transition_states = 16;

    /// The month's pass over every area; returns the person-months simulated.
    std::size_t run(Month now);

private:
    template <std::size_t D>
    std::size_t run_with(Month now);

    RunState& state_;
    CellDimensions dimensions_;
    std::vector<CompetingEvent*> competing_;
    std::vector<DimensionId> competing_uses_; ///< the union of the competing events' dimensions
    std::vector<MonthlyDraw*> draws_;
    std::vector<std::vector<DimensionId>> draw_uses_;
    std::vector<AreaSweep*> sweeps_;
    /// A state transition and its thresholds: by row (cell of its table, from-state), the
    /// cumulative thresholds of the next states 0 .. states - 2 (the last state takes the rest).
    struct Transition {
        MonthlyTransition* transition = nullptr;
        std::vector<DimensionId> uses;
        CellDimensions::Layout layout;
        bool extended = false;     ///< its table reads extension dimensions
        bool as_competing = false; ///< ... the same as the competing events' table: their cells
        Column<std::uint8_t> column{0};
        StreamId stream{0};
        int states = 0;
        std::vector<std::uint32_t> thresholds; ///< by row, states - 1 each
        /// By value of the column: 0 where the person keeps the state in every cell (a value past
        /// the states, or a state every cell's row keeps for sure), so that the pass need not look
        /// its row up; and how many states are kept so.
        std::array<std::uint8_t, 256> may_leave{};
        int kept_everywhere = 0;
    };
    std::vector<Transition> transitions_;
    CellDimensions::Layout competing_layout_;
    std::vector<CellDimensions::Layout> draw_layout_;
    std::vector<std::uint32_t> cumulative_; ///< by cell, one threshold per competing event
    std::vector<std::uint32_t> any_;        ///< by cell: the threshold of any competing event
    /// By cell of the competing events' table: any_, or 0xffffffff (listed whatever the draw, as in
    /// occurs()) where a rule over the same cells applies, so that such rules cost no look-up of
    /// their own to list the persons they apply to (the slow path checks each again).
    std::vector<std::uint32_t> listing_;
    std::array<bool, max_draws> rule_in_listing_{}; ///< by draw: a rule folded into listing_
    /// By extension dimension, the offsets (CellDimension::offsets) of its categories in the
    /// competing events' table and in each draw's.
    using Offsets = std::array<std::vector<std::uint32_t>, max_cell_dimensions>;
    Offsets competing_offsets_;
    std::vector<Offsets> draw_offsets_;
    std::vector<Offsets> transition_offsets_;
    std::vector<std::vector<std::uint32_t>> draw_threshold_; ///< by draw, by cell of its table
    std::vector<std::optional<DimensionId>> draw_gate_;      ///< by draw: MonthlyDraw::gate()
    std::vector<std::vector<std::uint32_t>> removed_;        ///< by area: rows leaving the table, ascending
    std::vector<std::vector<MonthOutcome>> removed_outcome_; ///< by area: what happened to each
};

} // namespace migsim
