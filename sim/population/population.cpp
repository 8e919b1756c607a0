#include "population/population.hpp"

namespace migsim {

void AreaPersons::reserve(std::size_t n) {
    id.reserve(n);
    birth.reserve(n);
    sex.reserve(n);
    origin.reserve(n);
    generation.reserve(n);
    first_arrival.reserve(n);
    latest_arrival.reserve(n);
    registered_from.reserve(n);
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
    return {id[i], birth[i], sex[i], origin[i], generation[i], first_arrival[i], latest_arrival[i], registered_from[i]};
}

namespace {
template <class T>
void keep_flagged(std::vector<T>& column, const std::vector<std::uint8_t>& keep) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < column.size(); ++i) {
        column[out] = column[i];
        out += keep[i] != 0;
    }
    column.resize(out);
}
template <class T>
std::size_t capacity_bytes(const std::vector<T>& column) {
    return column.capacity() * sizeof(T);
}
} // namespace

void AreaPersons::keep_if(const std::vector<std::uint8_t>& keep) {
    keep_flagged(id, keep);
    keep_flagged(birth, keep);
    keep_flagged(sex, keep);
    keep_flagged(origin, keep);
    keep_flagged(generation, keep);
    keep_flagged(first_arrival, keep);
    keep_flagged(latest_arrival, keep);
    keep_flagged(registered_from, keep);
}

std::size_t AreaPersons::bytes() const {
    return capacity_bytes(id) + capacity_bytes(birth) + capacity_bytes(sex) + capacity_bytes(origin) +
           capacity_bytes(generation) + capacity_bytes(first_arrival) + capacity_bytes(latest_arrival) +
           capacity_bytes(registered_from);
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
