#pragma once
// Naturalisation (docs/model.md, "Naturalisation"): a foreign citizen living in the country acquires
// its citizenship with a constant hazard once eligible.
//  - Eligible: a settler, a family migrant or a person granted protection (spell.type) whose
//    completed years since the latest arrival (the residence Statistics Denmark counts) reach the
//    eligibility of the citizenship's group (naturalisation.eligibility_years; for a person granted
//    protection naturalisation.refugee_eligibility_years when fewer). Workers, circular migrants,
//    students and refused asylum seekers hold temporary permits: they become eligible only once
//    they settle (the settling rule of the spells), and their residence counts from the arrival.
//    With residence permits (processes/permits.hpp), a third-country national must also hold a
//    permanent permit.
//  - The event is an independent draw of the month's pass with a stream of its own: the person's
//    citizenship (the spells' column) becomes the reporting country's. One who dies or emigrates in
//    the month does not naturalise.
//  - The base population: a foreign-born person present at the start who has been eligible for
//    m months before it is a citizen with probability 1 - (1 - p)^m, p the monthly probability (the
//    hazard's own history, as if it had always applied: an assumption). Persons abroad at the
//    start keep their country of birth's citizenship.
#include <cstdint>
#include <optional>
#include <vector>

#include "model/monthly_pass.hpp"
#include "model/process.hpp"
#include "model/yearly_counts.hpp"
#include "processes/naturalisation_settings.hpp"
#include "processes/residence_years.hpp"

namespace migsim {

inline constexpr StreamId naturalisation_stream = stream_named("naturalisation");

class Naturalisation final : public Process, public MonthlyDraw {
public:
    explicit Naturalisation(RunState& state);

    // Process
    void join(MonthlyPass& pass) override;
    void start() override;
    void reference_date(Month january) override;
    void month_end(Month now) override;
    void add_output(std::vector<OutputGroup>& groups) const override;
    std::size_t side_bytes() const override;

    // MonthlyDraw
    StreamId stream() const override { return naturalisation_stream; }
    double monthly_probability(const RiskCell& cell) const override;
    /// Nationals (citizenship category 0) never naturalise.
    std::optional<DimensionId> gate() const override { return citizenship_dimension_; }
    void prepare(int /*area*/) override {}
    void happen(const PersonInPass& person, const MonthOutcome& outcome) override;

    /// The completed months of residence from which a citizen of foreign group `group` (1..G) of
    /// migrant type `type` holding `permit` may naturalise; -1 when not eligible.
    int eligible_from_months(int group, std::uint8_t type, std::uint8_t permit) const;
    /// The monthly probability of naturalising once eligible.
    double monthly_probability_eligible() const;

private:
    /// The index of (year, group, citizenship held, residence years, sex) in population_.
    std::size_t population_index(std::size_t year, int group, int national, int residence, int sex) const;
    /// The index of (group, residence years, sex) in a year's or month's acquisitions.
    std::size_t acquisition_index(int group, int residence, int sex) const;

    RunState& state_;
    const NaturalisationSettings& settings_;
    Column<std::uint8_t> citizenship_{0};
    Column<std::uint8_t> type_{0};
    /// The residence permits' column, when the run has them: a third-country national needs a
    /// permanent permit.
    std::optional<Column<std::uint8_t>> permit_;
    int groups_ = 0;
    /// The completed months of residence before a citizen of each group may naturalise (1..G;
    /// entry 0 unused), and a person granted protection when fewer.
    std::vector<int> group_months_;
    int refugee_months_ = 0;
    /// The distinct eligibility thresholds in completed months, ascending: the residence
    /// dimension's category is the number of them reached.
    std::vector<int> thresholds_;
    int threshold_index(int months) const;
    DimensionId citizenship_dimension_{0}, route_dimension_{0}, residence_dimension_{0}, permit_dimension_{0};

    /// Foreign-born persons present on 1 January by year, group, citizenship held (0 the group's, 1
    /// the reporting country's), residence years and sex.
    std::vector<std::int32_t> population_;
    /// Acquisitions by calendar year, previous citizenship (group), residence years and sex.
    YearlyCounts acquisitions_;
};

std::unique_ptr<Process> make_naturalisation(RunState& state);

} // namespace migsim
