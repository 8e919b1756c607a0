#include "processes/labour.hpp"

#include <algorithm>
#include <stdexcept>

#include "calibration/activity_calibration.hpp"
#include "core/rng.hpp"
#include "model/run_state.hpp"
#include "stats/markov_chain.hpp"

namespace migsim {

namespace {

constexpr auto employed = static_cast<std::uint8_t>(Activity::employed);
constexpr auto inactive = static_cast<std::uint8_t>(Activity::inactive);
constexpr auto below_working_age = static_cast<std::uint8_t>(Activity::below_working_age);

/// The category of completed years since the latest arrival (residence_duration_names).
int residence_duration(int years) {
    if (years <= 2)
        return 1 + years;
    if (years <= 4)
        return 4;
    return years <= 9 ? 5 : 6;
}

} // namespace

Labour::Labour(RunState& state) : state_(state), settings_(state.scenario.settings<LabourSettings>()) {
    if (!active())
        return;
    background_ = state.layout.add<std::uint8_t>(
        "labour.background", "labour", 0, ColumnScope::everywhere,
        "0 Danish origin, 1 descendant of Western origin, 2 descendant of non-Western origin, 3 immigrant "
        "from a Western country, 4 immigrant from a non-Western country");
    activity_ = state.layout.add<std::uint8_t>(
        "labour.activity", "labour", below_working_age, ColumnScope::everywhere,
        "0 employed, 1 unemployed, 2 inactive, 3 below working age (under 16)");
    if (state.layout.contains("citizenship"))
        citizenship_ = state.layout.find<std::uint8_t>("citizenship");
    state.streams.declare(labour_stream, "labour", "labour");
    state.streams.declare(labour_entry_stream, "labour.entry", "labour");
    for (std::size_t sex = 0; sex < n_sexes; ++sex) {
        Eigen::Matrix3d base;
        for (int from = 0; from < n_labour_statuses; ++from)
            for (int to = 0; to < n_labour_statuses; ++to)
                base(from, to) =
                    settings_.monthly[sex][static_cast<std::size_t>(from)][static_cast<std::size_t>(to)];
        for (std::size_t g = 0; g < n_backgrounds; ++g)
            for (std::size_t band = 0; band < n_labour_bands; ++band) {
                const Eigen::Matrix3d shifted = shift_employment(base, settings_.shift[sex][g][band]);
                const stats::StationaryDistribution pi = stats::stationary_distribution(shifted);
                if (pi.status != stats::StationaryStatus::unique)
                    throw std::invalid_argument(
                        "labour: a cell's chain has no unique stationary distribution: " + pi.error);
                for (int from = 0; from < n_labour_statuses; ++from) {
                    const auto f = static_cast<std::size_t>(from);
                    stationary_[sex][g][band][f] = pi.probabilities(from);
                    for (int to = 0; to < n_labour_statuses; ++to)
                        matrix_[sex][g][band][f][static_cast<std::size_t>(to)] = shifted(from, to);
                }
            }
    }
}

int Labour::band_of(int age) {
    if (age < working_age_first)
        return -1;
    if (age >= working_age_end)
        return n_labour_bands;
    int band = 0;
    while (age >= labour_band_edges[static_cast<std::size_t>(band) + 1])
        ++band;
    return band;
}

void Labour::join(MonthlyPass& pass) {
    if (!active())
        return;
    std::vector<std::uint8_t> lookup(256, 0);
    for (int b = 0; b < n_backgrounds; ++b)
        lookup[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(b);
    background_dimension_ =
        pass.dimension(CellDimension::of_category("labour.background", background_, std::move(lookup)));
    pass.add(static_cast<MonthlyTransition&>(*this), {background_dimension_});
}

void Labour::monthly_row(const RiskCell& cell, int from, std::span<double> row) const {
    std::fill(row.begin(), row.end(), 0.0);
    const int band = band_of(cell.age);
    if (band < 0) {
        row[static_cast<std::size_t>(from)] = 1.0; // a child keeps its status until 16
        return;
    }
    if (band == n_labour_bands) {
        row[inactive] = 1.0; // 65 and over
        return;
    }
    const auto sex = static_cast<std::size_t>(cell.sex);
    const auto g = static_cast<std::size_t>(cell[background_dimension_]);
    const auto a = static_cast<std::size_t>(band);
    const auto& next = from == below_working_age ? stationary_[sex][g][a]
                                                 : matrix_[sex][g][a][static_cast<std::size_t>(from)];
    std::copy(next.begin(), next.end(), row.begin());
}

std::uint8_t Labour::draw_background(std::uint8_t origin, std::uint8_t generation, std::uint8_t mother_origin,
                                     double uniform) const {
    const auto share_of = [&](std::uint8_t group) {
        const auto g = static_cast<std::size_t>(group) - 1;
        return g < settings_.western_share.size() ? settings_.western_share[g] : 0.0;
    };
    if (origin != 0)
        return static_cast<std::uint8_t>(uniform < share_of(origin) ? Background::immigrants_western
                                                                    : Background::immigrants_non_western);
    if (generation != second_generation)
        return static_cast<std::uint8_t>(Background::danish_origin);
    const double share = mother_origin != 0 ? share_of(mother_origin) : settings_.descendants_western_share;
    return static_cast<std::uint8_t>(uniform < share ? Background::descendants_western
                                                     : Background::descendants_non_western);
}

std::uint8_t Labour::draw_status(int sex, int background, int age, double uniform) const {
    const int band = band_of(age);
    if (band < 0)
        return below_working_age;
    if (band == n_labour_bands)
        return inactive;
    const auto& pi = stationary(sex, background, band);
    double cumulative = 0.0;
    for (std::size_t s = 0; s + 1 < n_labour_statuses; ++s) {
        cumulative += pi[s];
        if (uniform < cumulative)
            return static_cast<std::uint8_t>(s);
    }
    return static_cast<std::uint8_t>(n_labour_statuses - 1);
}

void Labour::start() {
    if (!active())
        return;
    const Month now = state_.scenario.run.start;
    const auto set = [&](PersonTable& table, bool present) {
        for (std::size_t row = 0; row < table.size(); ++row) {
            auto generator =
                keyed_generator(state_.scenario.run.seed, table.at(core.id, row), now, labour_entry_stream);
            const std::uint8_t background = draw_background(
                table.at(core.origin, row), table.at(core.generation, row), 0, uniform01(generator));
            table.at(background_, row) = background;
            const double uniform = uniform01(generator);
            table.at(activity_, row) =
                present ? draw_status(table.at(core.sex, row), background,
                                      age_in_years(now, table.at(core.birth, row)), uniform)
                        : below_working_age; // drawn again when the person comes back
        }
    };
    for (PersonTable& table : state_.population.persons)
        set(table, true);
    set(state_.abroad.persons, false);
    const ReportingYears& calendar = state_.calendar;
    population_.assign(static_cast<std::size_t>(calendar.population_years) * n_activities * n_backgrounds *
                           n_residence_durations * n_sexes * n_ages,
                       0);
    if (citizenship_)
        naturalised_.assign(population_.size() / n_activities, 0);
    const std::size_t per_year =
        std::size_t{n_activities} * n_activities * n_backgrounds * n_sexes * n_labour_age_groups;
    transitions_.reset(static_cast<std::size_t>(calendar.flow_years), per_year,
                       static_cast<std::size_t>(state_.population.area_count()));
}

void Labour::person_joins(PersonTable& persons, std::size_t row, const Joining& joining) {
    if (!active())
        return;
    auto generator =
        keyed_generator(state_.scenario.run.seed, persons.at(core.id, row), joining.now, labour_entry_stream);
    const double background_draw = uniform01(generator);
    const double status_draw = uniform01(generator);
    if (joining.how != JoinKind::return_home)
        persons.at(background_, row) =
            draw_background(persons.at(core.origin, row), persons.at(core.generation, row),
                            joining.mother_origin, background_draw);
    persons.at(activity_, row) =
        draw_status(persons.at(core.sex, row), persons.at(background_, row),
                    age_in_years(joining.now, persons.at(core.birth, row)), status_draw);
}

std::size_t Labour::transition_index(int from, int to, int background, int sex, int age_group) const {
    return static_cast<std::size_t>(
        (((from * n_activities + to) * n_backgrounds + background) * n_sexes + sex) * n_labour_age_groups +
        age_group);
}

void Labour::happen(const PersonInPass& person, const MonthOutcome& /*outcome*/, int from, int to) {
    const int sex = person.sex_age / n_ages;
    const int age = person.sex_age % n_ages;
    const int background = person.persons.at(background_, person.row);
    ++transitions_.month(person.area, transition_index(from, to, background, sex, band_of(age) + 1));
}

void Labour::month_end(Month now) {
    if (!active())
        return;
    transitions_.fold(static_cast<std::size_t>(state_.year(now)));
}

std::size_t Labour::population_index(std::size_t year, int activity, int background, int duration, int sex,
                                     int age) {
    return ((((year * n_activities + static_cast<std::size_t>(activity)) * n_backgrounds +
              static_cast<std::size_t>(background)) *
                 n_residence_durations +
             static_cast<std::size_t>(duration)) *
                n_sexes +
            static_cast<std::size_t>(sex)) *
               n_ages +
           static_cast<std::size_t>(age);
}

void Labour::reference_date(Month january) {
    if (!active())
        return;
    const auto year = static_cast<std::size_t>(state_.calendar.population_year_index(january));
    for (const PersonTable& table : state_.population.persons) {
        const std::uint8_t* activity = table.data(activity_);
        const std::uint8_t* background = table.data(background_);
        const std::uint8_t* sex = table.data(core.sex);
        const StoredMonth* birth = table.data(core.birth);
        const StoredMonth* arrival = table.data(core.latest_arrival);
        const std::uint8_t* citizenship = citizenship_ ? table.data(*citizenship_) : nullptr;
        for (std::size_t i = 0; i < table.size(); ++i) {
            const bool immigrant = background[i] >= static_cast<std::uint8_t>(Background::immigrants_western);
            const int duration = immigrant ? residence_duration(completed_years(january, arrival[i])) : 0;
            const int age = age_in_years(january, birth[i]);
            ++population_[population_index(year, activity[i], background[i], duration, sex[i], age)];
            if (immigrant && citizenship && citizenship[i] == 0)
                ++naturalised_[naturalised_index(year, background[i], duration, sex[i], age)];
        }
    }
}

std::size_t Labour::side_bytes() const {
    return (population_.capacity() + naturalised_.capacity()) * sizeof(std::int32_t) + transitions_.bytes();
}

std::unique_ptr<Process> make_labour(RunState& state) {
    return std::make_unique<Labour>(state);
}

} // namespace migsim
