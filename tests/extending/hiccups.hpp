#pragma once
// The worked example of docs/extending.md: a process of its own. Every person present hiccups in a
// month with probability example.hiccups.rate / 12, whatever else happens to them that month (an independent
// draw of the month's pass, like a birth). The process keeps a person column of its own (each person's
// hiccups so far, which travels abroad and back with the person), a random stream named after it
// and a flow of the truth's accounts.
#include <memory>

#include "extending/hiccups_settings.hpp"
#include "model/monthly_pass.hpp"
#include "model/process.hpp"

namespace migsim::example {

inline constexpr StreamId hiccups_stream = stream_named("example.hiccups");

class Hiccups final : public Process, public MonthlyDraw {
public:
    explicit Hiccups(RunState& state);

    // Process: joins the month's pass as an independent draw.
    void join(MonthlyPass& pass) override { pass.add(*this); }
    /// The rate changed during the run ([changes.x], docs/scenarios.md): the passes are rebuilt
    /// after this, with the new probability.
    void parameters_changed(Month now) override;

    // MonthlyDraw
    StreamId stream() const override { return hiccups_stream; }
    double monthly_probability(const RiskCell& cell) const override;
    void prepare(int /*area*/) override {}
    void happen(const PersonInPass& person, const MonthOutcome& outcome) override;

private:
    RunState& state_;
    double monthly_probability_; ///< example.hiccups.rate / 12
    Column<std::uint16_t> hiccups_so_far_;
    FlowId hiccups_;
};

std::unique_ptr<Process> make_hiccups(RunState& state);

} // namespace migsim::example
