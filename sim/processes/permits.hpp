#pragma once
// Residence permits of third-country nationals (docs/model.md, "Residence permits"): the column
// `permit` (0 none needed, 1 temporary, 2 permanent, 3 refused or expired), a state that moves
// month by month inside the month's pass with a stream of its own.
//  - A foreign citizen is a third-country national with the group's permits.third_country_share,
//    drawn at the first arrival (or at the start) and kept; the others, nationals and newborns need
//    none. A third-country national arrives with a temporary permit, an asylum seeker who will be
//    refused with none (refused).
//  - A temporary permit of a worker, circular migrant or student expires at the planned end of the
//    stay: one who overstays it holds an expired permit until leaving or settling (the spells'
//    settling rule), when it is renewed as temporary.
//  - A settler, family migrant or person granted protection holding a temporary permit obtains a
//    permanent one with permits.permanent_hazard once the completed years since the latest arrival
//    reach permits.permanent_after_years.
//  - A returner needs a new temporary permit (a permanent one lapses abroad); a naturalised person
//    keeps the column as it was, and the outputs count foreign citizens only.
//  - The base population: a third-country national present at the start holds a permanent permit
//    with probability 1 - (1 - p)^m after m months of eligibility before the start (the hazard's own
//    history, as for naturalisation: an assumption), otherwise temporary (refused: none).
#include <array>
#include <cstdint>
#include <vector>

#include "model/monthly_pass.hpp"
#include "model/process.hpp"
#include "model/yearly_counts.hpp"
#include "processes/permits_settings.hpp"
#include "processes/residence_years.hpp"

namespace migsim {

inline constexpr StreamId permits_stream = stream_named("permits");
inline constexpr StreamId permits_entry_stream = stream_named("permits.entry");

enum class Permit : std::uint8_t { none_needed, temporary, permanent, refused_or_expired };
inline constexpr int n_permits = 4;
inline constexpr std::array<const char*, n_permits> permit_names = {"none_needed", "temporary", "permanent",
                                                                    "refused_or_expired"};

class Permits final : public Process, public MonthlyTransition {
public:
    explicit Permits(RunState& state);

    // Process
    void join(MonthlyPass& pass) override;
    void start() override;
    void reference_date(Month january) override;
    void month_end(Month now) override;
    void person_joins(PersonTable& persons, std::size_t row, const Joining& joining) override;
    void add_output(std::vector<OutputGroup>& groups) const override;
    std::size_t side_bytes() const override;

    // MonthlyTransition
    StreamId stream() const override { return permits_stream; }
    Column<std::uint8_t> state_column() const override { return permit_; }
    int states() const override { return n_permits; }
    void monthly_row(const RiskCell& cell, int from, std::span<double> row) const override;
    void prepare(int /*area*/) override {}
    void happen(const PersonInPass& person, const MonthOutcome& outcome, int from, int to) override;

    Column<std::uint8_t> permit() const { return permit_; }
    /// The completed months of residence from which a permit may become permanent.
    int permanent_from_months() const;
    double monthly_probability_permanent() const;

    /// How a migrant type holds a permit: none (a national's types), temporary for the stay
    /// (workers, circular migrants, students), on the way to permanence (settlers, family migrants,
    /// persons granted protection), refused.
    enum Holding : std::uint8_t { no_permit_type, stay_permit, settling_permit, refused_permit };
    static Holding holding_of(std::uint8_t type);

private:
    /// The share of third-country nationals among the citizens of foreign group `citizenship`.
    double third_country_share(std::uint8_t citizenship) const;
    /// The permit of a third-country national of migrant type `type` when it arrives.
    static std::uint8_t arriving_permit(std::uint8_t type);

    RunState& state_;
    const PermitSettings& settings_;
    Column<std::uint8_t> permit_{0};
    Column<std::uint8_t> citizenship_{0};
    Column<std::uint8_t> type_{0};
    Column<StoredMonth> planned_end_{0};
    int groups_ = 0;
    DimensionId holding_dimension_{0}, past_plan_dimension_{0}, residence_dimension_{0};

    /// Foreign citizens present on 1 January by year, group, permit, residence years and sex.
    std::vector<std::int32_t> population_;
    /// Changes of permit by calendar year, from, to and citizenship (0 the reporting country's).
    YearlyCounts changes_;
};

std::unique_ptr<Process> make_permits(RunState& state);

} // namespace migsim
