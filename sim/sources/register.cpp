#include "sources/register.hpp"

#include <algorithm>

namespace migsim {

PopulationRegister::PopulationRegister(const RegisterSettings& settings, std::uint64_t seed,
                                       const ReportingYears& calendar)
    : settings_(settings), seed_(seed), calendar_(calendar) {
    make_thresholds();
}

void PopulationRegister::make_thresholds() {
    arrival_compliance_threshold_.clear();
    deregistration_threshold_.clear();
    for (double p : settings_.arrival_compliance)
        arrival_compliance_threshold_.push_back(probability_threshold(p));
    for (double p : settings_.deregistration_probability)
        deregistration_threshold_.push_back(probability_threshold(p));
}

void PopulationRegister::parameters_changed(const Scenario& scenario, Month /*now*/) {
    settings_ = scenario.settings<RegisterSettings>();
    make_thresholds();
}

void PopulationRegister::declare(ColumnLayout& layout, StreamRegistry& streams) {
    streams.declare(register_arrival_stream, "register_arrival", "register");
    streams.declare(register_departure_stream, "register_departure", "register");
    registered_from_ =
        layout.add<StoredMonth>("register.registered_from", "register", never, ColumnScope::everywhere,
                                "month from which the register counts the person (never: not registered)");
    deregistered_from_ = layout.add<StoredMonth>(
        "register.deregistered_from", "register", never, ColumnScope::abroad,
        "month from which the register no longer counts an emigrant (never: not reported)");
}

void PopulationRegister::start(Month start, Population& present) {
    // The register starts equal to the truth: everybody present is registered.
    for (PersonTable& table : present.persons)
        std::fill_n(table.data(registered_from_), table.size(), static_cast<StoredMonth>(start));
    products_.population = AreaSexAgeCounts(calendar_.population_years, present.area_count());
}

StoredMonth PopulationRegister::registration_on_arrival(PersonId id, Month now, int origin) const {
    const auto draw = keyed_draw(seed_, id, now, register_arrival_stream);
    if (!occurs(draw, arrival_compliance_threshold_[static_cast<std::size_t>(origin)]))
        return never;
    return at_month(now + 1 + settings_.arrival_lag_months[static_cast<std::size_t>(origin)]);
}

StoredMonth PopulationRegister::deregistration_on_emigration(PersonId id, Month now, int origin) const {
    const auto draw = keyed_draw(seed_, id, now, register_departure_stream);
    if (!occurs(draw, deregistration_threshold_[static_cast<std::size_t>(origin)]))
        return never;
    return at_month(now + 1 + settings_.deregistration_lag_months[static_cast<std::size_t>(origin)]);
}

void PopulationRegister::observe(const PersonEvent& event) {
    PersonTable& persons = *event.persons;
    const std::size_t row = event.row;
    const Month now = event.month;
    switch (event.kind) {
    case EventKind::birth:
        persons.at(registered_from_, row) = at_month(now + 1 + settings_.birth_lag_months);
        break;
    case EventKind::immigration:
        persons.at(registered_from_, row) =
            registration_on_arrival(event.person(), now, persons.at(core.origin, row));
        break;
    case EventKind::return_home: {
        // A returner whose departure the register has not (yet) processed is still on it; one it
        // removed must register again, with the compliance of any arrival.
        StoredMonth& registered_from = persons.at(registered_from_, row);
        const bool removed = persons.at(deregistered_from_, row) <= now + 1 || registered_from == never;
        if (removed)
            registered_from = registration_on_arrival(event.person(), now, persons.at(core.origin, row));
        break;
    }
    case EventKind::emigration:
        persons.at(deregistered_from_, row) =
            deregistration_on_emigration(event.person(), now, persons.at(core.origin, row));
        break;
    case EventKind::death:
        keep_record(persons, row, event.area, at_month(now + 1 + settings_.death_lag_months), now);
        break;
    case EventKind::death_abroad:
    case EventKind::left_pool:
        // The register keeps counting the person until the departure it was told of takes effect
        // (or for ever, if it was never told).
        keep_record(persons, row, event.area, persons.at(deregistered_from_, row), now);
        break;
    case EventKind::internal_move:
        break; // address changes are recorded at once
    }
}

void PopulationRegister::keep_record(const PersonTable& persons, std::size_t row, std::uint16_t area,
                                     StoredMonth deregistered_from, Month now) {
    const StoredMonth registered_from = persons.at(registered_from_, row);
    if (registered_from == never || deregistered_from <= now)
        return;
    records_.id.push_back(persons.at(core.id, row));
    records_.area.push_back(area);
    records_.sex.push_back(persons.at(core.sex, row));
    records_.birth.push_back(persons.at(core.birth, row));
    records_.registered_from.push_back(registered_from);
    records_.deregistered_from.push_back(deregistered_from);
}

void PopulationRegister::reference_date(Month january, const Population& present, const PersonTable& abroad,
                                        int threads) {
    const int year = calendar_.population_year_index(january);
    AreaSexAgeCounts& counts = products_.population;
    // The persons present, area by area (each area's counts on one thread), then the records kept
    // of those abroad or gone, in their order.
    const int areas = present.area_count();
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (int area = 0; area < areas; ++area) {
        const PersonTable& table = present.persons[static_cast<std::size_t>(area)];
        const StoredMonth* registered_from = table.data(registered_from_);
        const StoredMonth* birth = table.data(core.birth);
        const std::uint8_t* sex = table.data(core.sex);
        std::int32_t* slice = counts.slice(year, area);
        for (std::size_t i = 0; i < table.size(); ++i)
            slice[sex[i] * n_ages + age_in_years(january, birth[i])] += registered_from[i] <= january ? 1 : 0;
    }
    for (std::size_t i = 0; i < abroad.size(); ++i) {
        if (abroad.at(registered_from_, i) <= january && january < abroad.at(deregistered_from_, i))
            ++counts.at(year, abroad.at(core.last_area, i), abroad.at(core.sex, i),
                        age_in_years(january, abroad.at(core.birth, i)));
    }
    for (std::size_t i = 0; i < records_.id.size(); ++i) {
        if (records_.registered_from[i] <= january && january < records_.deregistered_from[i])
            ++counts.at(year, records_.area[i], records_.sex[i], age_in_years(january, records_.birth[i]));
    }
}

void PopulationRegister::month_done(Month now) {
    if (!is_january(now))
        return;
    // Records that can no longer count (deregistered before `now`) are dropped.
    std::size_t out = 0;
    for (std::size_t i = 0; i < records_.id.size(); ++i) {
        if (records_.deregistered_from[i] <= now)
            continue;
        records_.id[out] = records_.id[i];
        records_.area[out] = records_.area[i];
        records_.sex[out] = records_.sex[i];
        records_.birth[out] = records_.birth[i];
        records_.registered_from[out] = records_.registered_from[i];
        records_.deregistered_from[out] = records_.deregistered_from[i];
        ++out;
    }
    records_.id.resize(out);
    records_.area.resize(out);
    records_.sex.resize(out);
    records_.birth.resize(out);
    records_.registered_from.resize(out);
    records_.deregistered_from.resize(out);
}

std::size_t PopulationRegister::bytes() const {
    const auto capacity = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    return capacity(records_.id) + capacity(records_.area) + capacity(records_.sex) +
           capacity(records_.birth) + capacity(records_.registered_from) +
           capacity(records_.deregistered_from);
}

} // namespace migsim
