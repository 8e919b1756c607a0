#include "sources/register.hpp"

#include "core/rng.hpp"
#include "population/columns.hpp"

namespace migsim {

PopulationRegister::PopulationRegister(const RegisterSettings& settings, std::uint64_t seed)
    : settings_(settings), seed_(seed) {
    for (double p : settings_.arrival_compliance)
        arrival_compliance_threshold_.push_back(probability_threshold(p));
    for (double p : settings_.deregistration_probability)
        deregistration_threshold_.push_back(probability_threshold(p));
}

StoredMonth PopulationRegister::registration_on_arrival(PersonId id, Month now, int origin) const {
    const auto draw = keyed_draw(seed_, id, now, Stream::register_arrival);
    if (!occurs(draw, arrival_compliance_threshold_[origin]))
        return never;
    return at_month(now + 1 + settings_.arrival_lag_months[origin]);
}

StoredMonth PopulationRegister::deregistration_on_emigration(PersonId id, Month now, int origin) const {
    const auto draw = keyed_draw(seed_, id, now, Stream::register_departure);
    if (!occurs(draw, deregistration_threshold_[origin]))
        return never;
    return at_month(now + 1 + settings_.deregistration_lag_months[origin]);
}

void PopulationRegister::keep_record(std::uint16_t area, std::uint8_t sex, StoredMonth birth,
                                     StoredMonth registered_from, StoredMonth deregistered_from, Month now) {
    if (registered_from == never || deregistered_from <= now)
        return;
    record_area_.push_back(area);
    record_sex_.push_back(sex);
    record_birth_.push_back(birth);
    record_registered_from_.push_back(registered_from);
    record_deregistered_from_.push_back(deregistered_from);
}

void PopulationRegister::prune_records(Month now) {
    std::vector<std::uint8_t> keep(record_area_.size());
    for (std::size_t i = 0; i < keep.size(); ++i)
        keep[i] = record_deregistered_from_[i] > now;
    columns::keep_flagged_all(keep, record_area_, record_sex_, record_birth_, record_registered_from_,
                              record_deregistered_from_);
}

void PopulationRegister::count_population(const Population& population, const AbroadPool& pool, Month january,
                                          int year, AreaSexAgeCounts& counts, int threads) const {
    // Address changes are registered at once in this version, so the register's area of a present
    // person is the true one.
    count_present(
        population, january, year, counts, threads,
        [january](const AreaPersons& block, std::size_t i) { return block.registered_from[i] <= january; });
    const AreaPersons& abroad = pool.persons;
    for (std::size_t i = 0; i < pool.size(); ++i) {
        if (abroad.registered_from[i] <= january && january < pool.deregistered_from[i])
            ++counts.at(year, pool.last_area[i], abroad.sex[i], age_in_years(january, abroad.birth[i]));
    }
    for (std::size_t i = 0; i < record_area_.size(); ++i) {
        if (record_registered_from_[i] <= january && january < record_deregistered_from_[i])
            ++counts.at(year, record_area_[i], record_sex_[i], age_in_years(january, record_birth_[i]));
    }
}

std::size_t PopulationRegister::bytes() const {
    return columns::capacity_bytes(record_area_, record_sex_, record_birth_, record_registered_from_,
                                   record_deregistered_from_);
}

} // namespace migsim
