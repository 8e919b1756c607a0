#pragma once
// Migration spells: every international move is a spell in a person's life, with a migrant type
// and a plan (docs/model.md, "Migration spells").
//  - Each person has a citizenship (the reporting country 0, or a partner 1..G), a migrant type
//    (spells_settings.hpp) and the month the current stay is planned to end (`spell.planned_end`:
//    a planned departure while in the country, a planned return or next stay while abroad; `never`
//    without a plan).
//  - A foreign-born first arrival aged 15+ draws a type by partner (worker, circular worker,
//    student, asylum seeker granted protection or refused, family, settler) and, for a temporary
//    type, a planned stay (log-normal months); a child under 15 arrives with its mother as family.
//  - Persons with a plan leave around it: a competing event of the month's pass with a hazard by
//    stay profile and by the months to or past the plan (before, at, 3..11 and 12..23 months past);
//    they go back to their partner. Some leave early, some overstay; one still in the country
//    spells.settle_after_months past the plan settles (a rule of the pass: becomes a settler
//    without a plan).
//  - A foreign-born person who leaves plans another stay with the profile's probability, after a
//    log-normal gap; abroad, such a person comes again around the plan (an event of the abroad
//    pass, through the returns service) and starts a new planned stay of the same type.
//  - A national aged 15+ who leaves is on a temporary stay abroad with
//    spells.national_temporary_share (planned return after a log-normal time) or emigrates
//    without a plan; one on a temporary stay comes back around the plan, overdue ones later, and a
//    plan spells.settle_after_months overdue lapses.
// Every person keeps the returns table's hazard of coming back and the emigration table's hazard
// of leaving whatever the plan (unplanned moves); the planned ones add to them.
#include <cstdint>
#include <vector>

#include "model/abroad_pass.hpp"
#include "model/monthly_pass.hpp"
#include "model/process.hpp"
#include "processes/spells_settings.hpp"

namespace migsim {

inline constexpr StreamId spells_stream = stream_named("spells");

class Spells final : public Process, public CompetingEvent, public AbroadEvent {
public:
    explicit Spells(RunState& state);

    void join(MonthlyPass& pass) override;
    void join_abroad(AbroadPass& pass) override;
    void start() override;
    void person_joins(PersonTable& persons, std::size_t row, const Joining& joining) override;
    void person_leaves(PersonTable& leaving, std::size_t row, Month now) override;

    // The month's pass: planned departures.
    double annual_hazard(const RiskCell& cell) const override;
    void prepare(int /*area*/) override {}
    void happen(const PersonInPass& person, MonthOutcome& outcome) override;
    // The abroad pass: planned returns and next stays.
    double annual_hazard(const AbroadCell& cell) const override;
    void happen(const PersonAbroad& person, AbroadOutcome& outcome) override;

    Column<std::uint8_t> citizenship() const { return citizenship_; }
    Column<std::uint8_t> type() const { return type_; }
    Column<StoredMonth> planned_end() const { return planned_end_; }

    /// The phase of a stay relative to its plan (the categories of the `spell.phase` dimension).
    enum Phase : std::uint8_t { no_plan, before_plan, at_plan, overstay, long_overstay, settled };
    static constexpr int n_phases = 6;

private:
    /// The rule of settlement: a rule of the month's pass (no random number).
    class Settling final : public MonthlyDraw {
    public:
        explicit Settling(Spells& spells) : spells_(spells) {}
        StreamId stream() const override { return no_draw; }
        double monthly_probability(const RiskCell& cell) const override;
        void prepare(int /*area*/) override {}
        void happen(const PersonInPass& person, const MonthOutcome& outcome) override;

    private:
        Spells& spells_;
    };

    CellDimension profile_dimension() const;
    CellDimension phase_dimension() const;
    /// A planned time in months from a median and a log spread.
    static int planned_months(double median, double spread, pcg32& generator);
    /// Type and plan of a foreign-born arrival of group g aged 15+.
    void draw_arrival(int group, Month now, pcg32& generator, MigrantType& type,
                      StoredMonth& planned_end) const;
    void set(PersonTable& persons, std::size_t row, MigrantType type, StoredMonth planned_end) const {
        persons.at(type_, row) = static_cast<std::uint8_t>(type);
        persons.at(planned_end_, row) = planned_end;
    }

    RunState& state_;
    const SpellSettings& settings_;
    Column<std::uint8_t> citizenship_;
    Column<std::uint8_t> type_;
    Column<StoredMonth> planned_end_;
    DimensionId profile_{0}, phase_{0};               ///< of the month's pass
    DimensionId abroad_profile_{0}, abroad_phase_{0}; ///< of the abroad pass
    Settling settling_;
};

std::unique_ptr<Process> make_spells(RunState& state);

} // namespace migsim
