#include "population/abroad_pool.hpp"

#include "population/columns.hpp"

namespace migsim {

void AbroadPool::append(const PersonRecord& person, Month departure, std::uint8_t partner, std::uint16_t area,
                        StoredMonth register_end) {
    persons.append(person);
    departed.push_back(static_cast<StoredMonth>(departure));
    destination.push_back(partner);
    last_area.push_back(area);
    deregistered_from.push_back(register_end);
}

void AbroadPool::remove(const std::vector<std::uint32_t>& ascending) {
    persons.remove(ascending);
    for (auto it = ascending.rbegin(); it != ascending.rend(); ++it)
        columns::swap_remove_all(*it, departed, destination, last_area, deregistered_from);
}

std::size_t AbroadPool::bytes() const {
    return persons.bytes() + columns::capacity_bytes(departed, destination, last_area, deregistered_from);
}

} // namespace migsim
