#pragma once
// The random streams of the base population (reserved ids of the first version of migsim).
#include "core/rng.hpp"

namespace migsim {

/// Birth months, migrant status and arrival months of the persons of a base population.
inline constexpr StreamId base_population_stream = reserved_stream(6);
/// The seeded rule of the small areas and the tie-breaks of integerisation.
inline constexpr StreamId areas_stream = reserved_stream(9);

} // namespace migsim
