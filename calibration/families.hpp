#pragma once
// Mothers of the base population's children. Children under 15 migrate only with their mothers
// (processes/families.hpp), so every child of the base population is linked to a mother in its
// own area, by a documented rule (calibration/README.md, "Families"):
//  - the mother is a woman of the child's area aged 15 or more years older than the child: for a
//    foreign-born child, one born in the same group; for a native-born child of a foreign-born
//    mother (second generation), a foreign-born woman of any group; otherwise a native-born woman;
//  - her age at the child's birth is drawn in proportion to the fertility schedule at that age
//    times the number of such women of that age in the area, then the woman uniformly among them;
//  - a foreign-born child whose mother arrived after the child's birth arrived with her (the
//    child takes her arrival month); one whose mother arrived earlier joined her later and keeps
//    its own.
// A child with no possible mother in its area (no woman of its class and the ages) has none and
// does not migrate until it is 15. Draws are keyed by the child's id: the links do not depend on
// the order of the areas or the number of threads.
#include <cstddef>
#include <vector>

#include "population/population.hpp"
#include "scenario/scenario.hpp"

namespace migsim {

struct MotherAssignment {
    std::vector<FamilyLink> links;
    std::size_t children = 0;            ///< under 15 in the base population
    std::size_t without_mother = 0;      ///< of them, with no possible mother in the area
    std::size_t arrived_with_mother = 0; ///< foreign-born children given their mother's arrival
};

/// Links the children under 15 of `population` (a base population at scenario.run.start) to their
/// mothers; sets the arrival months of foreign-born children who arrived with theirs.
MotherAssignment assign_mothers(const Scenario& scenario, Population& population);

} // namespace migsim
