#pragma once
// Immigration: first arrivals of foreign-born persons, by origin group. The number of arrivals is
// an input (persons per year times immigration.multiplier, scaled with the simulated share of the
// population) spread evenly over the months with the remainder carried, so that each year's total
// is exact. Each arrival's sex and age are drawn from the group's age-sex profile and the area from
// the areas' attraction: population x (1 + urban_attraction x urbanity).
#include <cstdint>
#include <vector>

#include <pcg_random.hpp>

#include "core/calendar.hpp"
#include "io/output_contents.hpp"
#include "model/process.hpp"
#include "model/run_state.hpp"
#include "population/population.hpp"
#include "processes/immigration_settings.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

/// Arrivals of one group in one month are numbered by a 32-bit rank (population/person_id.hpp).
inline constexpr double max_arrivals_per_month = 4.0e9;

inline constexpr StreamId immigration_stream = reserved_stream(4);

/// The arrivals of each group and month, and the draws of an arrival's sex, age and area.
class ImmigrationSchedule {
public:
    /// Throws std::invalid_argument when a group's arrivals per month exceed max_arrivals_per_month.
    ImmigrationSchedule(const Scenario& scenario, Month start);

    /// Arrivals of group g (0-based foreign group) in month m (the current month or later).
    std::int64_t arrivals(int group, Month m) const;
    /// The scenario's arrivals per year from the start of month `now` on (a time-varying
    /// scenario): the arrivals due so far are kept, so yearly totals stay exact.
    void set_rates(const Scenario& scenario, Month now);
    /// Sex (0/1) and age in completed years of an arrival of group g.
    std::pair<std::uint8_t, int> draw_sex_age(int group, pcg32& generator) const;
    /// Recomputes the areas' attraction from their current populations.
    void update_attraction(const std::vector<SmallArea>& areas,
                           const std::vector<std::size_t>& area_population);
    std::uint16_t choose_area(pcg32& generator) const;

    int groups() const { return static_cast<int>(per_month_.size()); }

private:
    Month start_;
    double urban_attraction_;
    std::vector<double> per_month_;            ///< by group, persons per month (scaled)
    std::vector<Month> rate_since_;            ///< by group: the month per_month_ applies from
    std::vector<double> due_before_;           ///< by group: arrivals due before that month, unrounded
    std::vector<std::vector<double>> profile_; ///< by group: cumulative over (sex, age)
    std::vector<double> area_cumulative_;
};

/// The process: each month's first arrivals of every group settle in their areas, told to the
/// observers. An arrival's id and draws depend on its group, month and rank alone.
class Immigration final : public Process {
public:
    explicit Immigration(RunState& state);
    /// The areas' attraction from their populations at the start of the month.
    void month_begin(Month /*now*/) override {
        schedule_.update_attraction(state_.population.areas, state_.area_sizes());
    }
    /// The month's first arrivals settle, told to the observers.
    void month_end(Month now) override;
    void parameters_changed(Month now) override { schedule_.set_rates(state_.scenario, now); }
    const ImmigrationSchedule& schedule() const { return schedule_; }

private:
    RunState& state_;
    FlowId immigration_;
    ImmigrationSchedule schedule_;
    struct Arrival {
        PersonId id;
        StoredMonth birth;
        std::uint16_t area;
        std::uint8_t sex;
        std::uint8_t group; ///< 0-based foreign group
    };
    std::vector<Arrival> arrivals_; ///< the month's, by group and rank
};

std::unique_ptr<Process> make_immigration(RunState& state);

/// The /inputs tables immigration reports (output_schemas/immigration.toml): the arrivals per year
/// as simulated at the start, the scenario's times the population's scale and the multiplier.
std::vector<OutputArray> immigration_inputs(const ImmigrationSettings& settings, double population_scale);

} // namespace migsim
