#pragma once
// The population register: a source that observes the truth's events (population/events.hpp)
// imperfectly and keeps its own records.
//  - Arrivals (first arrivals, and returns of persons the register had removed) are registered
//    with a compliance probability and after a lag, by origin.
//  - Emigrants are deregistered only with a probability, and after a lag: those never reported
//    stay on the register while abroad — the main cause of overcoverage.
//  - Births and deaths are registered after short lags.
// A person counts on the register on 1 January of month m when registered_from <= m <
// deregistered_from. An event in month t that the register records with lag L takes effect at
// the start of month t + 1 + L, so with every lag 0 and every probability 1 the register on
// 1 January equals the truth exactly.
//
// What the register knows about a person travels with the person as two columns it owns:
// `register.registered_from` (everywhere) and `register.deregistered_from` (abroad: a departure it
// was told of). It keeps records, with person ids, of persons the truth no longer follows (dead, or
// no longer followed abroad) while it still counts them. Address changes are recorded at once, so
// the register's area of a present person is the true one.
#include <cstdint>
#include <vector>

#include "core/calendar.hpp"
#include "core/counts.hpp"
#include "core/rng.hpp"
#include "io/output_contents.hpp"
#include "population/events.hpp"
#include "population/population.hpp"
#include "scenario/scenario.hpp"
#include "sources/register_settings.hpp"

namespace migsim {

/// The register's streams (reserved ids of the first version).
inline constexpr StreamId register_arrival_stream = reserved_stream(7);
inline constexpr StreamId register_departure_stream = reserved_stream(8);

/// What the register produces: its population on each 1 January by area, sex and age.
struct RegisterProducts {
    AreaSexAgeCounts population;
};

class PopulationRegister final : public Observer {
public:
    PopulationRegister(const RegisterSettings& settings, std::uint64_t seed, const ReportingYears& calendar);

    void declare(ColumnLayout& layout, StreamRegistry& streams) override;
    void start(Month start, Population& present) override;
    void observe(const PersonEvent& event) override;
    void reference_date(Month january, const Population& present, const PersonTable& abroad,
                        int threads) override;
    void month_done(Month now) override;
    void parameters_changed(const Scenario& scenario, Month now) override;
    std::size_t bytes() const override;

    const RegisterProducts& products() const { return products_; }
    RegisterProducts take_products() { return std::move(products_); }

    /// registered_from of a person arriving from abroad in month `now` (first arrival, or return of
    /// a person the register had removed): `now + 1 + lag` if the person complies, else never.
    StoredMonth registration_on_arrival(PersonId id, Month now, int origin) const;
    /// deregistered_from of a person emigrating in month `now`: never if the departure is not reported.
    StoredMonth deregistration_on_emigration(PersonId id, Month now, int origin) const;

private:
    void make_thresholds();
    static StoredMonth at_month(Month m) { return m < never ? static_cast<StoredMonth>(m) : never; }
    /// Keeps a record of a person the truth no longer follows, if the register still counts the
    /// person at or after month `now`.
    void keep_record(const PersonTable& persons, std::size_t row, std::uint16_t area,
                     StoredMonth deregistered_from, Month now);

    RegisterSettings settings_;
    std::uint64_t seed_;
    ReportingYears calendar_;
    std::vector<std::uint32_t> arrival_compliance_threshold_; ///< by origin
    std::vector<std::uint32_t> deregistration_threshold_;     ///< by origin
    Column<StoredMonth> registered_from_{0};
    Column<StoredMonth> deregistered_from_{0};
    RegisterProducts products_;

    // Records of persons no longer in the truth who are still registered.
    struct Records {
        std::vector<PersonId> id;
        std::vector<std::uint16_t> area;
        std::vector<std::uint8_t> sex;
        std::vector<StoredMonth> birth;
        std::vector<StoredMonth> registered_from;
        std::vector<StoredMonth> deregistered_from;
    } records_;
};

/// The /inputs tables the register reports: the settings it observed the truth with
/// (output_schemas/register_source.toml).
std::vector<OutputArray> register_inputs(const RegisterSettings& settings);
/// /sources/register: what the register records, over the (year, area, sex, age) cells of the
/// stocks (io/output_coordinates.hpp).
OutputGroup register_group(const RegisterProducts& products, std::vector<Coordinate> stock_cells);

} // namespace migsim
