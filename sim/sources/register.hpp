#pragma once
// The population register: a source that observes the truth's events imperfectly.
//  - Arrivals (first arrivals and returns of persons the register had removed) are registered
//    with a compliance probability and after a lag, by origin.
//  - Emigrants are deregistered only with a probability, and after a lag: those never reported
//    stay on the register while abroad — the main cause of overcoverage.
//  - Births and deaths are registered after short lags.
// A person counts on the register on 1 January of month m when registered_from <= m <
// deregistered_from. An event in month t that the register records with lag L takes effect at
// the start of month t + 1 + L, so with every lag 0 and every probability 1 the register on
// 1 January equals the truth exactly.
//
// The register keeps its own records of persons who are no longer followed by the truth (dead,
// or pruned from the abroad pool) but still registered: `ghosts`.
#include <cstdint>
#include <vector>

#include "core/calendar.hpp"
#include "model/accounts.hpp"
#include "population/abroad_pool.hpp"
#include "population/population.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

class PopulationRegister {
public:
    PopulationRegister(const RegisterSettings& settings, std::uint64_t seed);

    /// registered_from of a person arriving from abroad in month `now` (first arrival, or return of
    /// a person the register had removed): `now + 1 + lag` if the person complies, else never.
    StoredMonth registration_on_arrival(PersonId id, Month now, int origin) const;
    /// registered_from of a child born in month `now`.
    StoredMonth registration_at_birth(Month now) const {
        return at_month(now + 1 + settings_.birth_lag_months);
    }
    /// deregistered_from of a person emigrating in month `now`: never if the departure is not
    /// reported.
    StoredMonth deregistration_on_emigration(PersonId id, Month now, int origin) const;
    /// deregistered_from of a person dying in month `now`.
    StoredMonth deregistration_at_death(Month now) const {
        return at_month(now + 1 + settings_.death_lag_months);
    }

    /// Keeps the register's record of a person the truth no longer follows, if it still counts
    /// the person at or after month `now`.
    void keep_record(std::uint16_t area, std::uint8_t sex, StoredMonth birth, StoredMonth registered_from,
                     StoredMonth deregistered_from, Month now);
    /// Drops records that can no longer count (deregistered before `now`).
    void prune_records(Month now);

    /// Adds the register's population on 1 January (month `january`) to `counts` at year index
    /// `year`: present persons at their area, persons abroad at their last area, and kept records.
    void count_population(const Population& population, const AbroadPool& pool, Month january, int year,
                          AreaSexAgeCounts& counts, int threads) const;

    std::size_t bytes() const;

private:
    static StoredMonth at_month(Month m) { return m < never ? static_cast<StoredMonth>(m) : never; }

    RegisterSettings settings_;
    std::uint64_t seed_;
    std::vector<std::uint32_t> arrival_compliance_threshold_; ///< by origin
    std::vector<std::uint32_t> deregistration_threshold_;     ///< by origin

    // Kept records (ghosts): persons no longer in the truth who are still registered.
    std::vector<std::uint16_t> record_area_;
    std::vector<std::uint8_t> record_sex_;
    std::vector<StoredMonth> record_birth_;
    std::vector<StoredMonth> record_registered_from_;
    std::vector<StoredMonth> record_deregistered_from_;
};

} // namespace migsim
