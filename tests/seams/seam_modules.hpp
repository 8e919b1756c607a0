#pragma once
// Test modules that do exactly what the capabilities after the module engine need of its seams,
// each added to a run by listing it (as model/added_processes.cpp would):
//  - Cohorts labels every person of the base population with a cohort (0, 1, 2) in a column of
//    its own;
//  - Lingering is a competing event whose hazard reads that column, which another module owns,
//    through an extension dimension of the risk cells (model/risk_cells.hpp), and the person's
//    sex from the base cell. It counts its events by cohort and sex in flows of its own;
//  - Postings sends persons of cohort 1 abroad to partner 2, and Accidents kills persons of
//    cohort 2, both from the month's pass through the services the first version's processes
//    offer (model/presence.hpp): an added process ends a stay;
//  - Homecoming is an event of the abroad pass whose hazard reads the partner a person went to:
//    persons abroad in partner 2 come back (a circular migrant's next stay);
//  - Activity holds a state of three (0 employed, 1 unemployed, 2 inactive) in a column of its own
//    that moves by a monthly transition matrix read from the person's sex and cohort (another
//    module's column, through an extension dimension); persons under 16 at the start are outside
//    the chain. It counts its transitions and the states at the start and the end;
//  - Ledger uses every other hook of a process: the reference dates, persons joining, the end of
//    the run, an output group of its own and its side bytes.
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "model/abroad_pass.hpp"
#include "model/monthly_pass.hpp"
#include "model/process.hpp"

namespace migsim::seams {

class Cohorts final : public Process {
public:
    explicit Cohorts(RunState& state);
    void start() override;

private:
    RunState& state_;
    Column<std::uint8_t> cohort_;
};

/// Hazards by cohort (per year), doubled for women.
inline constexpr std::array<double, 3> lingering_hazard = {0.0, 0.6, 2.4};

class Lingering final : public Process, public CompetingEvent {
public:
    explicit Lingering(RunState& state);
    void join(MonthlyPass& pass) override;

    double annual_hazard(const RiskCell& cell) const override;
    void prepare(int /*area*/) override {}
    void happen(const PersonInPass& person, MonthOutcome& outcome) override;

private:
    RunState& state_;
    DimensionId cohort_dimension_{0};
    Column<std::uint8_t> cohort_{0};
    std::array<FlowId, 3> by_cohort_;
};

/// A competing event of persons of one cohort that calls a service of another process.
class CohortEvent : public Process, public CompetingEvent {
public:
    CohortEvent(RunState& state, int cohort, double hazard, const char* flow);
    void join(MonthlyPass& pass) override;

    double annual_hazard(const RiskCell& cell) const override;
    void prepare(int /*area*/) override {}

protected:
    void count(const PersonInPass& person);
    RunState& state_;

private:
    int cohort_;
    double hazard_;
    DimensionId cohort_dimension_{0};
    FlowId flow_;
};

inline constexpr double posting_hazard = 0.3;    ///< per year, cohort 1
inline constexpr double accident_hazard = 0.2;   ///< per year, cohort 2
inline constexpr double homecoming_hazard = 1.5; ///< per year abroad, in partner 2
inline constexpr std::uint8_t posting_partner = 2;

class Postings final : public CohortEvent {
public:
    explicit Postings(RunState& state) : CohortEvent(state, 1, posting_hazard, "postings") {}
    void happen(const PersonInPass& person, MonthOutcome& outcome) override;
};

class Accidents final : public CohortEvent {
public:
    explicit Accidents(RunState& state) : CohortEvent(state, 2, accident_hazard, "accidents") {}
    void happen(const PersonInPass& person, MonthOutcome& outcome) override;
};

class Homecoming final : public Process, public AbroadEvent {
public:
    explicit Homecoming(RunState& state);
    void join_abroad(AbroadPass& pass) override;
    double annual_hazard(const AbroadCell& cell) const override;
    void happen(const PersonAbroad& person, AbroadOutcome& outcome) override;
    std::int64_t count() const { return count_; }

private:
    RunState& state_;
    DimensionId partner_{0};
    std::int64_t count_ = 0;
};

/// Activity's monthly transition matrix of a person of `sex` and `cohort`: rows from, columns to.
std::array<std::array<double, 3>, 3> activity_matrix(int sex, int cohort);

/// What Activity saw: by cohort and sex, the persons in each state at the start and at the end,
/// and the transitions from each state to each.
struct ActivityRecord {
    using ByState = std::array<std::array<std::array<std::int64_t, 3>, n_sexes>, 3>;
    ByState start{};
    ByState end{};
    std::array<std::array<std::array<std::array<std::int64_t, 3>, 3>, n_sexes>, 3> transitions{};
    std::int64_t outside_chain = 0; ///< persons outside the chain at the end (under 16 at the start)
};

class Activity final : public Process, public MonthlyTransition {
public:
    explicit Activity(RunState& state);
    void start() override;
    void join(MonthlyPass& pass) override;
    void end_of_run(Month end) override;

    StreamId stream() const override { return stream_named("seams.activity"); }
    Column<std::uint8_t> state_column() const override { return activity_; }
    int states() const override { return 3; }
    void monthly_row(const RiskCell& cell, int from, std::span<double> row) const override;
    void prepare(int /*area*/) override {}
    void happen(const PersonInPass& person, const MonthOutcome& outcome, int from, int to) override;

    static ActivityRecord record; ///< of the last run (tests run one model at a time)

private:
    RunState& state_;
    Column<std::uint8_t> activity_;
    Column<std::uint8_t> cohort_{0};
    DimensionId cohort_dimension_{0};
    /// By area (an area's persons are handled on one thread): transitions by cohort, sex, from, to.
    std::vector<std::array<std::int64_t, 3 * n_sexes * 3 * 3>> by_area_;
};

/// What Ledger saw.
struct LedgerRecord {
    std::vector<Month> reference_dates;
    std::array<std::int64_t, 3> joined{}; ///< by JoinKind
    Month end = 0;
    int outputs = 0;
};

class Ledger final : public Process {
public:
    explicit Ledger(RunState& state) : state_(state) {}
    void reference_date(Month january) override { record.reference_dates.push_back(january); }
    void person_joins(PersonTable& persons, std::size_t row, const Joining& joining) override;
    void end_of_run(Month end) override { record.end = end; }
    void add_output(std::vector<OutputGroup>& groups) const override;
    std::size_t side_bytes() const override { return 1u << 20; }

    static LedgerRecord record; ///< of the last run (tests run one model at a time)

private:
    RunState& state_;
};

std::unique_ptr<Process> make_cohorts(RunState& state);
/// An independent draw by cohort (cohort 0 never: the draw's gate), counting its events by cohort.
/// How it declares its gate: `correct` (cohort 0), `none` (the same draw without one), `wrong`
/// (cohort 0 then has a probability, which the pass must refuse).
enum class GateDeclared { correct, none, wrong };
inline constexpr std::array<double, 3> blessing_probability = {0.0, 0.02, 0.05};
class Blessing final : public Process, public MonthlyDraw {
public:
    Blessing(RunState& state, GateDeclared gate);
    void join(MonthlyPass& pass) override;

    StreamId stream() const override { return stream_named("seams.blessing"); }
    double monthly_probability(const RiskCell& cell) const override;
    std::optional<DimensionId> gate() const override {
        return gate_ == GateDeclared::none ? std::nullopt : std::optional<DimensionId>(cohort_dimension_);
    }
    void prepare(int /*area*/) override {}
    void happen(const PersonInPass& person, const MonthOutcome& outcome) override;

private:
    RunState& state_;
    GateDeclared gate_;
    DimensionId cohort_dimension_{0}, sex_dimension_{0};
    Column<std::uint8_t> cohort_{0};
    std::array<FlowId, 3> by_cohort_;
};

std::unique_ptr<Process> make_lingering(RunState& state);
std::unique_ptr<Process> make_blessing(RunState& state);
std::unique_ptr<Process> make_blessing_without_gate(RunState& state);
std::unique_ptr<Process> make_blessing_with_wrong_gate(RunState& state);
std::unique_ptr<Process> make_postings(RunState& state);
std::unique_ptr<Process> make_accidents(RunState& state);
std::unique_ptr<Process> make_homecoming(RunState& state);
std::unique_ptr<Process> make_ledger(RunState& state);
std::unique_ptr<Process> make_activity(RunState& state);

} // namespace migsim::seams
