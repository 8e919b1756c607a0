#pragma once
// Helpers for person columns (structure of arrays).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace migsim::columns {

/// Keeps the entries whose flag is non-zero, in order. Branch-free: every entry is copied and the
/// write position advances only for kept ones.
template <class T>
void keep_flagged(std::vector<T>& column, const std::vector<std::uint8_t>& keep) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < column.size(); ++i) {
        column[out] = column[i];
        out += keep[i] != 0;
    }
    column.resize(out);
}

template <class... T>
void keep_flagged_all(const std::vector<std::uint8_t>& keep, std::vector<T>&... column) {
    (keep_flagged(column, keep), ...);
}

/// Removes entry i by moving the last entry into its place.
template <class... T>
void swap_remove_all(std::size_t i, std::vector<T>&... column) {
    ((column[i] = column.back(), column.pop_back()), ...);
}

template <class... T>
std::size_t capacity_bytes(const std::vector<T>&... column) {
    return ((column.capacity() * sizeof(T)) + ...);
}

template <class... T>
void reserve_all(std::size_t n, std::vector<T>&... column) {
    (column.reserve(n), ...);
}

} // namespace migsim::columns
