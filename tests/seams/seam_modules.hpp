#pragma once
// Test modules that do exactly what the capabilities after the module engine need of its seams,
// each added to a run by listing it (as model/added_processes.cpp would):
//  - Cohorts labels every person of the base population with a cohort (0, 1, 2) in a column of
//    its own;
//  - Lingering is a competing event whose hazard reads that column, which another module owns,
//    through an extension dimension of the risk cells (model/risk_cells.hpp), and the person's
//    sex from the base cell. It counts its events by cohort and sex in flows of its own.
#include <array>
#include <memory>

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

std::unique_ptr<Process> make_cohorts(RunState& state);
std::unique_ptr<Process> make_lingering(RunState& state);

} // namespace migsim::seams
