#pragma once
// The labour market (docs/model.md, "Labour market"): every person's background and activity status,
// the status moving month by month by the calibrated multinomial logit of calibration/README.md
// ("Activity transitions"), inside the month's pass.
//  - Background (`labour.background`, Background in labour_settings.hpp): Danish origin,
//    descendants and immigrants of Western or non-Western origin. An immigrant's is drawn at the
//    first arrival (or at the start) with the group's labour.western_share and kept; a newborn's
//    follows its mother's country-of-birth group (a foreign-born mother: a descendant of that
//    group's origin, drawn the same way; a native-born mother: Danish origin); the base
//    population's descendants draw with labour.descendants_western_share.
//  - Activity status (`labour.activity`): 0 employed, 1 unemployed, 2 inactive (ILO concepts, as the
//    Labour Force Survey's flows), 3 below working age. Aged 16 to 64, a person's status moves by
//    the monthly matrix of its sex with the employment shift of its sex, background and age band;
//    a child enters in the month it is 16, drawn from the stationary distribution of its cell; at 65
//    everyone becomes inactive (the published rates end at 64: an assumption). An immigrant, a
//    returner and each person of the base population aged 16 to 64 is drawn from the stationary
//    distribution of its cell when it joins; at 65 and over, inactive.
// The activity status is a MonthlyTransition of the pass with a stream of its own, so every other
// process keeps its draws.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/monthly_pass.hpp"
#include "model/process.hpp"
#include "model/yearly_counts.hpp"
#include "processes/labour_settings.hpp"

namespace migsim {

inline constexpr StreamId labour_stream = stream_named("labour");
inline constexpr StreamId labour_entry_stream = stream_named("labour.entry");

/// The activity statuses, as `labour.activity` holds them.
enum class Activity : std::uint8_t { employed, unemployed, inactive, below_working_age };
inline constexpr int n_activities = 4;
inline constexpr std::array<const char*, n_activities> activity_names = {"employed", "unemployed", "inactive",
                                                                         "below_working_age"};
/// Years since the latest arrival of immigrants (Statistics Denmark's duration of residence), and a
/// category for everybody else.
inline constexpr int n_residence_durations = 7;
inline constexpr std::array<const char*, n_residence_durations> residence_duration_names = {
    "not_immigrant", "0", "1", "2", "3-4", "5-9", "10+"};
/// The age groups of the transition counts: under 16, the bands, 65 and over.
inline constexpr int n_labour_age_groups = n_labour_bands + 2;

class Labour final : public Process, public MonthlyTransition {
public:
    explicit Labour(RunState& state);

    bool active() const { return settings_.active(); }

    // Process
    void join(MonthlyPass& pass) override;
    void start() override;
    void reference_date(Month january) override;
    void month_end(Month now) override;
    void person_joins(PersonTable& persons, std::size_t row, const Joining& joining) override;
    void add_output(std::vector<OutputGroup>& groups) const override;
    std::size_t side_bytes() const override;

    // MonthlyTransition
    StreamId stream() const override { return labour_stream; }
    Column<std::uint8_t> state_column() const override { return activity_; }
    int states() const override { return n_activities; }
    void monthly_row(const RiskCell& cell, int from, std::span<double> row) const override;
    void prepare(int /*area*/) override {}
    void happen(const PersonInPass& person, const MonthOutcome& outcome, int from, int to) override;

    Column<std::uint8_t> background() const { return background_; }
    Column<std::uint8_t> activity() const { return activity_; }
    /// The stationary distribution of a cell's chain (employed, unemployed, inactive).
    const std::array<double, n_labour_statuses>& stationary(int sex, int background, int band) const {
        return stationary_[static_cast<std::size_t>(sex)][static_cast<std::size_t>(background)]
                          [static_cast<std::size_t>(band)];
    }
    /// The band of an age 16..64 (0..5), -1 below, n_labour_bands at 65 and over.
    static int band_of(int age);

private:
    using Matrix = std::array<std::array<double, n_labour_statuses>, n_labour_statuses>;
    template <class T>
    using ByCell = std::array<std::array<std::array<T, n_labour_bands>, n_backgrounds>, n_sexes>;

    /// The background of a person of `origin` and `generation` who joins or starts (a draw for the
    /// groups of mixed origin).
    std::uint8_t draw_background(std::uint8_t origin, std::uint8_t generation, std::uint8_t mother_origin,
                                 double uniform) const;
    /// The status of a person aged `age` of cell (sex, background) who joins, from a uniform draw.
    std::uint8_t draw_status(int sex, int background, int age, double uniform) const;
    std::size_t transition_index(int from, int to, int background, int sex, int age_group) const;
    /// The index in population_ of (year, activity, background, years since arrival, sex, age).
    static std::size_t population_index(std::size_t year, int activity, int background, int duration, int sex,
                                        int age);
    /// The index in naturalised_ of (year, background, years since arrival, sex, age).
    static std::size_t naturalised_index(std::size_t year, int background, int duration, int sex, int age) {
        return (((year * n_backgrounds + static_cast<std::size_t>(background)) * n_residence_durations +
                 static_cast<std::size_t>(duration)) *
                    n_sexes +
                static_cast<std::size_t>(sex)) *
                   n_ages +
               static_cast<std::size_t>(age);
    }

    RunState& state_;
    const LabourSettings& settings_;
    Column<std::uint8_t> background_{0};
    Column<std::uint8_t> activity_{0};
    DimensionId background_dimension_{0};
    ByCell<Matrix> matrix_{};
    ByCell<std::array<double, n_labour_statuses>> stationary_{};

    /// Persons on 1 January by year, activity, background, years since arrival, sex and age.
    std::vector<std::int32_t> population_;
    /// Of those, the immigrants who hold the reporting country's citizenship (naturalised), by the
    /// same cells without the activity; empty without the spells' `citizenship` column.
    std::vector<std::int32_t> naturalised_;
    std::optional<Column<std::uint8_t>> citizenship_;
    /// Transitions by calendar year, from, to, background, sex and age group.
    YearlyCounts transitions_;
};

std::unique_ptr<Process> make_labour(RunState& state);

} // namespace migsim
