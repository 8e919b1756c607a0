#pragma once
// Mothers and their children under 15. Children do not migrate on their own: a child arrives with
// its mother, leaves and moves with her, and comes back with her (processes/families.*). The index
// links each child to its mother by id, from the base population (calibration/families.*), every
// birth in the country and every child who arrives with an immigrant mother.
//
// Lookups by mother are read-only and may run on several threads at once (the month's pass); links
// are added on one thread, between passes. Links are kept in two sorted levels: the bulk, merged
// once a year when children who have turned 15 are dropped, and the year's new links, kept sorted
// month by month, so that a month's work is proportional to the month's births and arrivals.
// A child whose mother has died or stayed abroad keeps the link; it simply never follows again.
// A run without family moves (families.children_move_with_mothers = false) keeps no links at all:
// the families module tells the index so before anything is added.
#include <cstdint>
#include <vector>

#include "core/calendar.hpp"
#include "population/person_id.hpp"

namespace migsim {

/// Children below this age in completed years follow their mother.
inline constexpr int family_child_age_limit = 15;

struct FamilyLink {
    PersonId mother;
    PersonId child;
    StoredMonth child_birth;
    bool operator==(const FamilyLink&) const = default;
};

class FamilyIndex {
public:
    /// Adds a link (between passes), unless links are not kept.
    void add(PersonId mother, PersonId child, StoredMonth child_birth) {
        if (keeping_)
            pending_.push_back({mother, child, child_birth});
    }
    /// Whether links are kept (set once, before the run): a run whose children do not move with
    /// their mothers needs none.
    void keep_links(bool keep) { keeping_ = keep; }
    /// Sorts the links added since the last call into the year's links (after each month's births
    /// and arrivals).
    void settle();
    /// Drops the links of children aged 15 or more at the start of month `january` and merges the
    /// year's links into the bulk.
    void prune(Month january);
    /// Appends to `children` the ids of `mother`'s children (under 15 unless pruned late): the
    /// settled links only.
    void children_of(PersonId mother, std::vector<PersonId>& children) const;
    bool has_children(PersonId mother) const;

    std::size_t size() const { return bulk_.size() + year_.size() + pending_.size(); }
    std::size_t bytes() const {
        return (bulk_.capacity() + year_.capacity() + pending_.capacity()) * sizeof(FamilyLink);
    }
    const std::vector<FamilyLink>& bulk() const { return bulk_; }

private:
    std::vector<FamilyLink> bulk_;    ///< sorted by (mother, child)
    std::vector<FamilyLink> year_;    ///< sorted by (mother, child)
    std::vector<FamilyLink> pending_; ///< this month's, unsorted
    bool keeping_ = true;
};

} // namespace migsim
