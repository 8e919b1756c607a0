#include "population/families.hpp"

#include <algorithm>

namespace migsim {

namespace {

bool by_mother(const FamilyLink& a, const FamilyLink& b) {
    return a.mother != b.mother ? a.mother < b.mother : a.child < b.child;
}

void merge_into(std::vector<FamilyLink>& sorted, std::vector<FamilyLink>& more) {
    std::sort(more.begin(), more.end(), by_mother);
    const auto middle = static_cast<std::ptrdiff_t>(sorted.size());
    sorted.insert(sorted.end(), more.begin(), more.end());
    std::inplace_merge(sorted.begin(), sorted.begin() + middle, sorted.end(), by_mother);
    more.clear();
}

void append_children(const std::vector<FamilyLink>& links, PersonId mother, std::vector<PersonId>& children) {
    auto it = std::lower_bound(links.begin(), links.end(), mother,
                               [](const FamilyLink& link, PersonId m) { return link.mother < m; });
    for (; it != links.end() && it->mother == mother; ++it)
        children.push_back(it->child);
}

} // namespace

void FamilyIndex::settle() {
    if (!pending_.empty())
        merge_into(year_, pending_);
}

void FamilyIndex::prune(Month january) {
    settle();
    merge_into(bulk_, year_);
    std::erase_if(bulk_, [&](const FamilyLink& link) {
        return completed_years(january, link.child_birth) >= family_child_age_limit;
    });
    bulk_.shrink_to_fit();
}

void FamilyIndex::children_of(PersonId mother, std::vector<PersonId>& children) const {
    append_children(bulk_, mother, children);
    append_children(year_, mother, children);
}

bool FamilyIndex::has_children(PersonId mother) const {
    const auto has = [&](const std::vector<FamilyLink>& links) {
        return std::binary_search(
            links.begin(), links.end(), FamilyLink{mother, 0, 0},
            [](const FamilyLink& a, const FamilyLink& b) { return a.mother < b.mother; });
    };
    return has(bulk_) || has(year_);
}

} // namespace migsim
