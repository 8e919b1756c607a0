#pragma once
// The checksum that an output stores beside every dataset and dimension scale and over the
// attributes of /meta, so that `migsim validate` finds a changed byte wherever the HDF5 file format
// keeps it without a checksum of its own (the heap of variable-length strings, uncompressed
// datasets, the B-trees that index chunks). FNV-1a with 64 bits (G. Fowler, L. C. Noll, K.-P. Vo;
// https://datatracker.ietf.org/doc/html/draft-eastlake-fnv): each byte is XORed into the state,
// which is then multiplied by an odd prime modulo 2^64. Both steps are one-to-one, so two inputs of
// the same length that differ in one byte always differ in their checksum. Values are added as their
// little-endian bytes, so the checksum does not depend on the machine.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace migsim {

class Checksum {
public:
    void add_bytes(std::string_view bytes) {
        for (const char byte : bytes) {
            state_ ^= static_cast<unsigned char>(byte);
            state_ *= prime;
        }
    }
    /// An integer as its `width` lowest bytes, least significant first.
    void add_little_endian(std::uint64_t value, int width) {
        for (int k = 0; k < width; ++k) {
            state_ ^= (value >> (8 * k)) & 0xFFu;
            state_ *= prime;
        }
    }
    void add(std::int32_t value) { add_little_endian(static_cast<std::uint32_t>(value), 4); }
    void add(std::uint64_t value) { add_little_endian(value, 8); }
    /// A double as its IEEE 754 binary64 bits.
    void add(double value) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        add_little_endian(bits, 8);
    }
    /// A text label: its UTF-8 bytes and a zero byte, so that ["ab", "c"] and ["a", "bc"] differ.
    void add_text(std::string_view text) {
        add_bytes(text);
        add_little_endian(0, 1);
    }

    std::uint64_t value() const { return state_; }

private:
    static constexpr std::uint64_t offset_basis = 0xcbf29ce484222325ULL;
    static constexpr std::uint64_t prime = 0x100000001b3ULL;
    std::uint64_t state_ = offset_basis;
};

} // namespace migsim
