#pragma once
// The limits on what a scenario may ask for, in one place. Each lies far beyond what a real scenario
// needs and well inside what migsim can do safely, so that a mistake or a hostile file is refused
// with a clear message before anything runs, rather than exhausting memory or overflowing a counter.
// README.md's usage section lists them.
#include <cstddef>
#include <cstdint>

namespace migsim::limits {

/// A scenario file is a page of TOML (the default one is 4 KB).
inline constexpr std::size_t scenario_file_bytes = 1 << 20;

/// A table is at most a few thousand rows (the largest default one is 30 KB); 16 MiB leaves room for
/// tables by small area without letting a wrong path (a disk image, /dev/zero) fill the memory.
inline constexpr std::size_t table_file_bytes = 16 << 20;

/// Cells in one line of a table: the widest table has 6 columns.
inline constexpr std::size_t table_columns = 64;

/// Dotted keys ("section.key.group" is 3 parts) and nested arrays or inline tables. The TOML
/// parser recurses once per level, so without a limit a key of 50,000 parts overflows the stack.
inline constexpr int toml_key_parts = 16;
inline constexpr int toml_nesting = 16;

/// Foreign origin groups (groups.names). A person's origin is kept in 8 bits (0 the native-born,
/// 1..G the groups: population/person_table.hpp), and so is the partner region of a person abroad
/// (0..G-1); scenario/convert.cpp checks the columns against this at compile time. Every table by
/// group grows with G, which is otherwise unconstrained: 255 groups are many more than any
/// classification of countries of birth that statistics publish.
inline constexpr int origin_groups = 255;

/// Memory of a person in the run's columns (README: 23.7 bytes measured on the baseline), and of an
/// area-year of accounts (15 arrays of 202 4-byte cells): what a run's need of memory is estimated
/// from (scenario/run_size.hpp).
inline constexpr double bytes_per_person = 24;
inline constexpr double bytes_per_area_year = 12 * 1024;

/// Persons that enter a run: the simulated base population (national table x population.scale)
/// plus the arrivals over the run. A person takes about 24 bytes in the run (so 5 x 10^8 persons
/// take 12 GB); counts by cell are 32-bit (person ids are 64-bit and checked unique). Simulate a
/// larger country with population.scale < 1.
inline constexpr double simulated_persons = 5e8;

/// Persons of one sex and single year of age in the simulated base population. Stocks and flows of
/// a cell are counted in 32 bits: 10^8 persons with a decade of arrivals stay below 2^31 even in
/// one area.
inline constexpr double persons_per_cell = 1e8;

/// Areas x reported years. Every stock and flow is reported by year, area, sex and age: about
/// 12 KB per area-year in memory and in the output (15 arrays of 202 4-byte cells), so 250,000
/// area-years (5,000 areas x 49 years, or 2,500 areas x 99 years) take about 3 GB.
inline constexpr double area_years = 250'000;

/// Changes of parameters during a run ([changes.NAME]). A scenario of a few dozen is already
/// elaborate; each change is resolved month by month over the run for every element it sets.
inline constexpr int changes = 1000;

} // namespace migsim::limits
