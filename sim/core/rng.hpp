#pragma once
// Keyed random streams. Every draw is a function of (seed, person, month, process) alone, never of
// the thread or the order in which persons are visited, so that
//  - a run is bit-identical whatever the number of threads, and
//  - the same seed gives the same person the same draw for the same process in two scenarios
//    (common random numbers: paired scenario comparisons have far less noise).
// The key is mixed by a 64-bit finaliser into the state of a PCG32 generator whose stream
// (increment) is the process: different processes never share a sequence.
#include <cstdint>
#include <string_view>

#include <pcg_random.hpp>

namespace migsim {

/// A random stream: the process that draws. Its id enters every key and is part of the output's
/// reproducibility contract. The processes of the first version of migsim have reserved ids (below
/// 64), declared in their own files and never renumbered; a process added since names its stream:
/// stream_named("labour.activity") is the name's 64-bit FNV-1a hash with the top bit set, so it can
/// never take a reserved id. A run refuses two processes with one stream (model/run_state.hpp).
struct StreamId {
    std::uint64_t value;
    friend constexpr bool operator==(StreamId a, StreamId b) { return a.value == b.value; }
};

inline constexpr std::uint64_t reserved_stream_limit = 64;

/// A stream of the first version, by its reserved number.
constexpr StreamId reserved_stream(std::uint64_t number) {
    return StreamId{number < reserved_stream_limit ? number : throw "reserved streams are below 64"};
}

/// The stream of a process added since, from its name.
constexpr StreamId stream_named(std::string_view name) {
    std::uint64_t hash = 0xcbf29ce484222325ULL; // FNV-1a, 64 bits
    for (char c : name) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return StreamId{hash | (std::uint64_t{1} << 63)};
}

/// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijection with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/// The part of a key that is shared by every person in one month: computing it once per month
/// keeps the per-person work to one mix and one PCG step.
struct MonthKey {
    std::uint64_t bits;
};

constexpr MonthKey month_key(std::uint64_t seed, std::int64_t month) {
    return {mix64(seed ^ 0x6d696773696dULL) ^ static_cast<std::uint64_t>(month) * 0x9e3779b97f4a7c15ULL};
}

/// The PCG32 state seed of (seed, person, month, process). The person is a 64-bit id
/// (population/person_id.hpp) whose every bit matters: it is multiplied by an odd constant (a
/// bijection) before the final mix, so two persons of the same month never share a state. The
/// process enters the hash as well as the PCG stream: PCG streams that share a state seed differ
/// by a constant in their states, so their outputs are correlated (a person selected by a small
/// draw in one process would also draw small in another). Hashing the process in makes the
/// streams' states unrelated.
constexpr std::uint64_t person_key(MonthKey key, std::uint64_t person, StreamId stream) {
    return mix64(key.bits ^ (person * 0xd1342543de82ef95ULL) ^ mix64(stream.value + 0x5851f42d4c957f2dULL));
}

/// The generator for one (seed, person, month, process). Further draws from the same generator
/// continue the same keyed sequence.
inline pcg32 keyed_generator(MonthKey key, std::uint64_t person, StreamId stream) {
    return pcg32(person_key(key, person, stream), stream.value);
}
inline pcg32 keyed_generator(std::uint64_t seed, std::uint64_t person, std::int64_t month, StreamId stream) {
    return keyed_generator(month_key(seed, month), person, stream);
}

/// The first output of keyed_generator(key, person, stream), written out as plain arithmetic so
/// that a loop over persons vectorises: PCG32 (O'Neill 2014, XSH-RR 64/32) seeded with state s and
/// stream k starts at state (s + inc) * M + inc with inc = 2k + 1 and outputs its permutation of
/// that state. A unit test checks that it equals pcg32's own first output.
constexpr std::uint32_t keyed_draw(MonthKey key, std::uint64_t person, StreamId stream) {
    constexpr std::uint64_t multiplier = 6364136223846793005ULL;
    const std::uint64_t increment = (stream.value << 1) | 1u;
    std::uint64_t state = (person_key(key, person, stream) + increment) * multiplier + increment;
    const auto rotation = static_cast<std::uint32_t>(state >> 59);
    state ^= state >> 18;
    const auto xorshifted = static_cast<std::uint32_t>(state >> 27);
    return (xorshifted >> rotation) | (xorshifted << ((32u - rotation) & 31u));
}

/// One 32-bit uniform draw for (seed, person, month, process): compare it with an integer
/// threshold, P(draw < threshold) = threshold / 2^32.
constexpr std::uint32_t keyed_draw(std::uint64_t seed, std::uint64_t person, std::int64_t month,
                                   StreamId stream) {
    return keyed_draw(month_key(seed, month), person, stream);
}

/// A probability as a 32-bit threshold (rounded to the nearest 2^-32; 1 is clamped just below).
constexpr std::uint32_t probability_threshold(double p) {
    if (!(p > 0.0))
        return 0;
    const double scaled = p * 4294967296.0 + 0.5;
    return scaled >= 4294967295.0 ? 0xffffffffu : static_cast<std::uint32_t>(scaled);
}

/// True with the probability that `threshold` encodes. Probability 1 rounds to the largest
/// threshold, so it is made certain here rather than failing once in 2^32 draws.
constexpr bool occurs(std::uint32_t draw, std::uint32_t threshold) {
    return threshold == 0xffffffffu || draw < threshold;
}

/// A uniform double in [0, 1) from a generator.
inline double uniform01(pcg32& generator) {
    const std::uint64_t hi = generator();
    const std::uint64_t lo = generator();
    return static_cast<double>(((hi << 32) | lo) >> 11) * 0x1.0p-53;
}

/// A uniform integer in [0, n) without modulo bias (Lemire 2019).
inline std::uint32_t uniform_below(pcg32& generator, std::uint32_t n) {
    return generator(n);
}

} // namespace migsim
