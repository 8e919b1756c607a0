#pragma once
// Keyed random streams. Every draw is a function of (seed, person, month, process) alone, never of
// the thread or the order in which persons are visited, so that
//  - a run is bit-identical whatever the number of threads, and
//  - the same seed gives the same person the same draw for the same process in two scenarios
//    (common random numbers: paired scenario comparisons have far less noise).
// The key is mixed by a 64-bit finaliser into the state of a PCG32 generator whose stream
// (increment) is the process: different processes never share a sequence.
#include <cstdint>

#include <pcg_random.hpp>

namespace migsim {

/// Processes that draw random numbers. The values are part of the output's reproducibility
/// contract: never renumber them, only append.
enum class Stream : std::uint32_t {
    competing_events = 1, ///< death, emigration, internal move: one draw decides
    event_detail = 2,     ///< which competing event, and its destination
    fertility = 3,
    immigration = 4, ///< sex, age, area of a new arrival
    abroad = 5,      ///< death abroad and return of persons in the abroad pool
    base_population = 6,
    register_arrival = 7,
    register_departure = 8,
    areas = 9, ///< the seeded rule that builds small areas
};

/// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijection with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/// The generator for one (seed, person, month, process). Further draws from the same generator
/// continue the same keyed sequence.
inline pcg32 keyed_generator(std::uint64_t seed, std::uint64_t person, std::int64_t month, Stream stream) {
    const std::uint64_t key = mix64(mix64(seed ^ 0x6d696773696dULL) ^ (person << 20) ^
                                    static_cast<std::uint64_t>(month) * 0x9e3779b97f4a7c15ULL);
    return pcg32(key, static_cast<std::uint64_t>(stream));
}

/// One 32-bit uniform draw for (seed, person, month, process): compare it with an integer
/// threshold, P(draw < threshold) = threshold / 2^32.
inline std::uint32_t keyed_draw(std::uint64_t seed, std::uint64_t person, std::int64_t month, Stream stream) {
    auto generator = keyed_generator(seed, person, month, stream);
    return generator();
}

/// A probability as a 32-bit threshold (rounded to the nearest 2^-32; 1 is clamped just below).
constexpr std::uint32_t probability_threshold(double p) {
    if (!(p > 0.0))
        return 0;
    const double scaled = p * 4294967296.0 + 0.5;
    return scaled >= 4294967295.0 ? 0xffffffffu : static_cast<std::uint32_t>(scaled);
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
