#include "population/population.hpp"

#include "population/columns.hpp"

namespace migsim {

void AreaPersons::reserve(std::size_t n) {
    columns::reserve_all(n, id, birth, sex, origin, generation, first_arrival, latest_arrival,
                         registered_from);
}

void AreaPersons::append(const PersonRecord& person) {
    id.push_back(person.id);
    birth.push_back(person.birth);
    sex.push_back(person.sex);
    origin.push_back(person.origin);
    generation.push_back(person.generation);
    first_arrival.push_back(person.first_arrival);
    latest_arrival.push_back(person.latest_arrival);
    registered_from.push_back(person.registered_from);
}

PersonRecord AreaPersons::record(std::size_t i) const {
    return {id[i],
            birth[i],
            sex[i],
            origin[i],
            generation[i],
            first_arrival[i],
            latest_arrival[i],
            registered_from[i]};
}

void AreaPersons::remove(const std::vector<std::uint32_t>& ascending) {
    for (auto it = ascending.rbegin(); it != ascending.rend(); ++it)
        columns::swap_remove_all(*it, id, birth, sex, origin, generation, first_arrival, latest_arrival,
                                 registered_from);
}

std::size_t AreaPersons::bytes() const {
    return columns::capacity_bytes(id, birth, sex, origin, generation, first_arrival, latest_arrival,
                                   registered_from);
}

std::size_t Population::size() const {
    std::size_t n = 0;
    for (const auto& block : persons)
        n += block.size();
    return n;
}

std::size_t Population::bytes() const {
    std::size_t n = 0;
    for (const auto& block : persons)
        n += block.bytes();
    return n;
}

} // namespace migsim
