#include "processes/migration_accounts.hpp"

#include <numeric>

namespace migsim {

namespace {

/// The sum of the block of (year, definition): every cell below it in row-major order.
std::int64_t block_total(const std::vector<std::int32_t>& values, std::size_t first, std::size_t size) {
    const auto begin = values.begin() + static_cast<std::ptrdiff_t>(first);
    return std::accumulate(begin, begin + static_cast<std::ptrdiff_t>(size), std::int64_t{0});
}

} // namespace

std::int64_t MigrationAccounts::population_total(int year, Definition d) const {
    const std::size_t block =
        static_cast<std::size_t>(origins) * static_cast<std::size_t>(areas) * n_sexes * n_ages;
    return block_total(population, stock(year, d, 0, 0, 0, 0), block);
}

std::int64_t MigrationAccounts::flow_total(const std::vector<std::int32_t>& values, int year,
                                           Definition d) const {
    const std::size_t block =
        static_cast<std::size_t>(partners) * static_cast<std::size_t>(areas) * n_sexes * n_ages;
    return block_total(values, flow(year, d, 0, 0, 0, 0), block);
}

std::size_t MigrationAccounts::bytes() const {
    const std::size_t counts = population.capacity() + immigration.capacity() + emigration.capacity() +
                               crossings.capacity() + circular.capacity() +
                               population_provisional.capacity() + flows_provisional.capacity() +
                               circular_provisional.capacity();
    return counts * sizeof(std::int32_t) + (births.capacity() + deaths.capacity()) * sizeof(std::int64_t);
}

} // namespace migsim
