#pragma once
// Fertility: an age-specific schedule of births per woman-year (the scenario's table, scaled to
// its total fertility). Every woman present at the start of a month gives birth in it with
// probability rate/12 at her age completed at the start of the month, whatever else happens to her
// that month: a birth does not compete with death, emigration or a move (it may come before
// them), so it is an independent draw of the month's pass (model/monthly_pass.hpp). Expected births
// per woman-month at risk are rate/12 and births divided by the women's person-years at risk
// (/truth/flows) equal the schedule exactly. Multiple births are not modelled. The newborn takes
// the mother's area (after any move that month); the child of a mother who dies in the month is
// born in her area, the child of a mother who emigrates is born before she leaves and leaves with
// her (a birth and an emigration at age 0). The child of a foreign-born mother is second
// generation (UNECE 2015).
#include <cstdint>
#include <vector>

#include "io/output_contents.hpp"
#include "model/monthly_pass.hpp"
#include "model/process.hpp"
#include "processes/fertility_settings.hpp"

namespace migsim {

inline constexpr StreamId fertility_stream = reserved_stream(3);

class Fertility final : public Process, public MonthlyDraw {
public:
    explicit Fertility(RunState& state);

    void join(MonthlyPass& pass) override { pass.add(*this); }
    void start() override;
    /// The month's newborns join their mothers' areas (or leave with them), told to the observers.
    void month_end(Month now) override;
    void parameters_changed(Month /*now*/) override {
        male_threshold_ = probability_threshold(settings_.proportion_male);
    }

    StreamId stream() const override { return fertility_stream; }
    double monthly_probability(const RiskCell& cell) const override;
    void prepare(int area) override;
    void happen(const PersonInPass& person, const MonthOutcome& outcome) override;

    /// Sex of the child (0 male, 1 female) from a uniform draw.
    std::uint8_t child_sex(std::uint32_t u) const { return u < male_threshold_ ? 0 : 1; }
    static std::uint8_t child_generation(std::uint8_t mother_generation) {
        return mother_generation == first_generation ? second_generation : native_of_native;
    }

private:
    /// A birth of the month: the mother's id (the child's key), the child's area (the mother's,
    /// after a move that month) and, for the child of a mother who emigrates in the month, the
    /// destination the child leaves for with her.
    struct Birth {
        PersonId mother;
        std::uint16_t area;
        std::uint8_t sex;
        std::uint8_t generation;
        std::uint8_t mother_origin;
        std::uint8_t mother_age;
        bool emigrates;
        std::uint8_t destination;
    };

    RunState& state_;
    const FertilitySettings& settings_; ///< the scenario's, for the run
    FlowId births_;
    std::uint32_t male_threshold_;
    std::vector<std::vector<Birth>> births_by_area_;
    std::vector<PersonId> newborn_ids_; ///< this month's, in birth order
    std::vector<PersonId> mothers_;     ///< their mothers
    PersonTable leaving_;               ///< abroad scope: a newborn leaving with its mother
};

std::unique_ptr<Process> make_fertility(RunState& state);

/// The /inputs tables fertility reports (output_schemas/fertility.toml).
std::vector<OutputArray> fertility_inputs(const FertilitySettings& settings);

} // namespace migsim
