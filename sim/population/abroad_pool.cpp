#include "population/abroad_pool.hpp"

#include "population/columns.hpp"

namespace migsim {

void AbroadPool::append(const PersonRecord& person, Month departure, std::uint8_t partner, std::uint16_t area,
                        StoredMonth register_end) {
    id.push_back(person.id);
    birth.push_back(person.birth);
    sex.push_back(person.sex);
    origin.push_back(person.origin);
    generation.push_back(person.generation);
    first_arrival.push_back(person.first_arrival);
    latest_arrival.push_back(person.latest_arrival);
    registered_from.push_back(person.registered_from);
    departed.push_back(static_cast<StoredMonth>(departure));
    destination.push_back(partner);
    last_area.push_back(area);
    deregistered_from.push_back(register_end);
}

PersonRecord AbroadPool::person(std::size_t i) const {
    return {id[i], birth[i], sex[i], origin[i], generation[i], first_arrival[i], latest_arrival[i], registered_from[i]};
}


void AbroadPool::keep_if(const std::vector<std::uint8_t>& keep) {
    columns::keep_flagged_all(keep, id, birth, sex, origin, generation, first_arrival, latest_arrival,
                              registered_from, departed, destination, last_area, deregistered_from);
}

std::size_t AbroadPool::bytes() const {
    return columns::capacity_bytes(id, birth, sex, origin, generation, first_arrival, latest_arrival,
                                   registered_from, departed, destination, last_area, deregistered_from);
}

} // namespace migsim
