#include "population/abroad_pool.hpp"

namespace migsim {

void AbroadPool::start_spell(PersonTable& leaving, std::size_t row, Month departure, std::uint8_t partner,
                             std::uint16_t area) {
    leaving.at(core.departed, row) = static_cast<StoredMonth>(departure);
    leaving.at(core.destination, row) = partner;
    leaving.at(core.last_area, row) = area;
}

} // namespace migsim
