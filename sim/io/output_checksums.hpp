#pragma once
// The checksums an output stores (core/checksum.hpp), defined once for the writer and the validator:
// a `checksum` attribute on every dataset and dimension scale, over its values in row-major order,
// and /meta@checksum over the other attributes of /meta. Internal to sim/io.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/checksum.hpp"

namespace migsim {

/// The name of the attribute that holds a dataset's or a scale's checksum.
inline constexpr const char* checksum_attribute = "checksum";

/// The attribute of a dataset that lists its auxiliary coordinates (CF conventions, section 5). Its
/// text follows from the schema (GroupSchema::coordinates_of), so it needs no checksum.
inline constexpr const char* coordinates_attribute = "coordinates";

/// The value of an attribute of /meta.
using AttributeValue = std::variant<std::string, std::int32_t, std::uint64_t>;

/// The checksum of attributes, in the order given: each its name and its value.
inline std::uint64_t
attributes_checksum(const std::vector<std::pair<std::string, AttributeValue>>& attributes) {
    Checksum checksum;
    for (const auto& [name, value] : attributes) {
        checksum.add_text(name);
        if (const auto* text = std::get_if<std::string>(&value))
            checksum.add_text(*text);
        else if (const auto* small = std::get_if<std::int32_t>(&value))
            checksum.add(*small);
        else
            checksum.add(std::get<std::uint64_t>(value));
    }
    return checksum.value();
}

/// The checksum of values or labels, in order.
template <class Values>
std::uint64_t values_checksum(const Values& values) {
    Checksum checksum;
    for (const auto& value : values) {
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string>)
            checksum.add_text(value);
        else
            checksum.add(value);
    }
    return checksum.value();
}

} // namespace migsim
