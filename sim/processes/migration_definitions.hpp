#pragma once
// The truth under each official definition of the population and of international migration,
// computed exactly from the persons' border-crossing histories (processes/crossing_history.hpp):
//  - the population on 1 January as persons `present`, as usual residents under the 12-month rule
//    (`usual_residence_12m`) and under the rule of most of the last 12 months (`usual_residence_6m`),
//    each with its own births, deaths, immigration and emigration, so that each balances exactly;
//  - every crossing by the length of the stay it starts (under 3 months, 3-11, 12 and more, or
//    still going on when the run ends);
//  - the circular and short-term circular migrants on 1 January (UNECE 2016);
//  - which figures depend on stays still going on when the run ends (provisional).
// The rules, their month arithmetic and their edge cases: docs/model.md, "Migration under each
// official definition"; the rules read from a history: processes/residence_rules.hpp.
//
// How it stays cheap: a person's status under a definition differs from presence only within the
// first 12 or 13 months of a stay, so only persons who crossed in the last 13 months (and, for the
// circular migrants, in the last ten years) have a record; each month costs work in proportion to
// the month's events and to the records whose current stay reaches 3, 12 or 13 months or whose
// 6-month status changes that month (each a wake-up planned at the crossing). The 1 January count
// sweeps the persons present once (on the run's threads) and the records once.
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "model/run_state.hpp"
#include "processes/crossing_history.hpp"
#include "processes/migration_accounts.hpp"

namespace migsim {

class MigrationDefinitions final : public Process {
public:
    explicit MigrationDefinitions(RunState& state);
    void reference_date(Month january) override;
    void month_begin(Month now) override;
    void end_of_run(Month end) override;
    void add_output(std::vector<OutputGroup>& groups) const override;
    std::size_t side_bytes() const override;

    const MigrationAccounts& accounts() const { return accounts_; }
    const CrossingHistories& histories() const { return histories_; }

private:
    /// Sees the events on the process's behalf (an observer of the event stream).
    class Recorder final : public Observer {
    public:
        explicit Recorder(MigrationDefinitions& owner) : owner_(owner) {}
        void observe(const PersonEvent& event) override { owner_.observe(event); }
        void month_done(Month now) override { owner_.month_done(now); }

    private:
        MigrationDefinitions& owner_;
    };

    /// A record's current stay reaches a length that matters at the start of month `month`.
    struct Wake {
        std::uint32_t record;
        std::uint16_t generation;
        StoredMonth stay_start; ///< the month of the crossing that started the stay
    };
    static constexpr std::size_t wake_months = 16; ///< the ring of months ahead (wakes come <= 13 ahead)

    void start_histories(Month start);
    void observe(const PersonEvent& event);
    void month_done(Month now);

    // Events.
    void on_birth(const PersonEvent& event);
    void on_arrival(const PersonEvent& event);
    void on_departure(const PersonEvent& event);
    void on_death(const PersonEvent& event);
    void on_death_abroad(const PersonEvent& event);
    void on_left_pool(const PersonEvent& event);

    /// The person's record, or no_history.
    std::uint32_t record_of(const PersonTable& persons, std::size_t row) const;
    /// A record for a person who had none, with the crossings of the last ten years that the
    /// person's columns show (the latest arrival; abroad, the departure too) and the status they
    /// imply (more than 13 months after the latest crossing).
    std::uint32_t record_from_columns(PersonTable& persons, std::size_t row, bool present, Month now);
    /// Adds a crossing of month `now` and starts the stay it begins.
    void cross(std::uint32_t index, Crossing crossing, std::uint16_t area, Month now);
    /// The current stay ends in month `now` (a crossing or a death): its crossing is counted by its
    /// length, and what depended on its length is resolved.
    void close_stay(std::uint32_t index, Month now);
    /// The current stay has reached 12 months (or is taken to, `provisional`): it is a long one.
    void stay_is_long(std::uint32_t index, bool provisional);
    /// Resolves a record's pending 12-month status: `resident` after the current stay.
    void resolve_12m(std::uint32_t index, bool long_stay, bool provisional);
    void count_circular(std::uint32_t index, CircularKind kind);
    void wake(const Wake& wake, Month t);
    void schedule(std::uint32_t index, Month t);
    /// Wakes at the months after `now` (up to the stay's 13th month) where the 6-month status
    /// changes if the person does not cross again.
    void schedule_6m_changes(std::uint32_t index, Month now, Month stay_start);
    /// Releases the record if it holds nothing the person's columns do not.
    void release_if_settled(std::uint32_t index, Month now);
    void census(Month january);

    int flow_year(Month m) const { return state_.calendar.flow_year_index(m); }

    RunState& state_;
    Month start_;
    Month end_;
    Column<std::uint32_t> history_;
    bool has_plans_ = false;
    Column<StoredMonth> planned_end_{0};
    bool started_ = false;
    CrossingHistories histories_;
    MigrationAccounts accounts_;
    std::array<std::vector<Wake>, wake_months> wakes_;
    Recorder recorder_;
    // Size at its peak.
    std::size_t peak_bytes_ = 0;
    std::size_t peak_records_ = 0;
    std::size_t peak_crossings_ = 0;
};

std::unique_ptr<Process> make_migration_definitions(RunState& state);

} // namespace migsim
