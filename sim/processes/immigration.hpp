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

/// Children under 15 arrive with their mothers: women of these ages at arrival may bring children.
inline constexpr int youngest_arriving_mother = 18;
inline constexpr int oldest_arriving_mother = 54;
/// At most this many children arrive with one mother (the ranks of person_id.hpp).
inline constexpr int max_arriving_children = 15;

/// The arrivals of each group and month, and the draws of an arrival's sex, age and area. The
/// scheduled arrivals are persons aged 15 and over; children under 15 arrive with their mothers:
/// each woman aged 18..54 brings a Poisson number of children, with the mean that makes children
/// the profile's share of all arrivals, their sex and age from the profile's ages under 15 (at most
/// her age minus 15). When children do not move with their mothers
/// (families.children_move_with_mothers = false), every arrival is scheduled, from the whole
/// profile, and none brings children.
class ImmigrationSchedule {
public:
    /// Throws std::invalid_argument when a group's arrivals per month exceed max_arrivals_per_month.
    ImmigrationSchedule(const Scenario& scenario, Month start);

    /// Arrivals of group g (0-based foreign group) in month m (the current month or later).
    std::int64_t arrivals(int group, Month m) const;
    /// The scenario's arrivals per year from the start of month `now` on (a time-varying
    /// scenario): the arrivals due so far are kept, so yearly totals stay exact.
    void set_rates(const Scenario& scenario, Month now);
    /// Sex (0/1) and age in completed years of a scheduled arrival of group g (aged 15 and over,
    /// or any age when every arrival is scheduled).
    std::pair<std::uint8_t, int> draw_sex_age(int group, pcg32& generator) const;
    /// The number of children under 15 who arrive with a woman of group g aged `age`.
    int draw_children(int group, int age, pcg32& generator) const;
    /// Sex and age of a child who arrives with a mother aged `mother_age`.
    std::pair<std::uint8_t, int> draw_child(int group, int mother_age, pcg32& generator) const;
    /// Children per woman aged 18..54 of group g (the Poisson mean).
    double children_per_mother(int group) const {
        return children_per_mother_[static_cast<std::size_t>(group)];
    }
    /// Recomputes the areas' attraction from their current populations.
    void update_attraction(const std::vector<SmallArea>& areas,
                           const std::vector<std::size_t>& area_population);
    std::uint16_t choose_area(pcg32& generator) const;

    int groups() const { return static_cast<int>(per_month_.size()); }

private:
    Month start_;
    int first_scheduled_age_; ///< 15 when children come with their mothers, else 0
    double urban_attraction_;
    std::vector<double> per_month_;                  ///< by group, persons per month (scaled)
    std::vector<Month> rate_since_;                  ///< by group: the month per_month_ applies from
    std::vector<double> due_before_;                 ///< by group: arrivals due before that month, unrounded
    std::vector<double> scheduled_share_;            ///< by group: share of the profile scheduled
    std::vector<std::vector<double>> profile_;       ///< by group: cumulative over (sex, scheduled age)
    std::vector<std::vector<double>> child_profile_; ///< by group: over (age 0..14, sex), not normalised
    std::vector<double> children_per_mother_;        ///< by group
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
        std::uint8_t group;    ///< 0-based foreign group
        std::uint8_t children; ///< who arrive with her
        std::uint32_t first_child;
    };
    struct ChildArrival {
        PersonId id;
        StoredMonth birth;
        std::uint8_t sex;
    };
    std::vector<Arrival> arrivals_;      ///< the month's scheduled arrivals, by group and rank
    std::vector<ChildArrival> children_; ///< the children who arrive with them, by mother
};

std::unique_ptr<Process> make_immigration(RunState& state);

/// The /inputs tables immigration reports (output_schemas/immigration.toml): the arrivals per year
/// as simulated at the start, the scenario's times the population's scale and the multiplier.
std::vector<OutputArray> immigration_inputs(const ImmigrationSettings& settings, double population_scale);

} // namespace migsim
