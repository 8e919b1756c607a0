#include "population/person_id.hpp"

#include <algorithm>
#include <numeric>

namespace migsim {

std::size_t make_newborn_ids_unique(std::vector<PersonId>& ids, const std::vector<PersonId>& mothers,
                                    Month month) {
    std::size_t rehashed = 0;
    std::vector<std::size_t> order(ids.size());
    for (std::uint32_t attempt = 1;; ++attempt) {
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return ids[a] != ids[b] ? ids[a] < ids[b] : mothers[a] < mothers[b];
        });
        // Within each run of equal ids (sorted by mother), all but the first take the next attempt.
        bool collided = false;
        for (std::size_t first = 0, i = 1; i <= order.size(); ++i) {
            if (i < order.size() && ids[order[i]] == ids[order[first]])
                continue;
            for (std::size_t k = first + 1; k < i; ++k) {
                ids[order[k]] = newborn_id(mothers[order[k]], month, attempt);
                collided = true;
                ++rehashed;
            }
            first = i;
        }
        if (!collided)
            return rehashed;
    }
}

} // namespace migsim
