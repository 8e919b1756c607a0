#include "population/population.hpp"

namespace migsim {

std::size_t Population::size() const {
    std::size_t n = 0;
    for (const auto& table : persons)
        n += table.size();
    return n;
}

std::size_t Population::bytes() const {
    std::size_t n = 0;
    for (const auto& table : persons)
        n += table.bytes();
    return n;
}

Population Population::with_layout(const ColumnLayout& layout, double reserve_factor) const {
    Population copy;
    copy.areas = areas;
    copy.persons.reserve(persons.size());
    for (const PersonTable& from : persons) {
        PersonTable& table = copy.persons.emplace_back(layout, ColumnScope::everywhere);
        table.reserve(static_cast<std::size_t>(static_cast<double>(from.size()) * reserve_factor) + 16);
        table.append_all(from);
    }
    if (abroad.layout_set()) {
        copy.abroad = PersonTable(layout, ColumnScope::abroad);
        copy.abroad.append_all(abroad);
    }
    copy.families = families;
    return copy;
}

Population Population::into_layout(const ColumnLayout& layout, double reserve_factor) && {
    Population copy;
    copy.areas = std::move(areas);
    copy.persons.reserve(persons.size());
    for (PersonTable& from : persons) {
        PersonTable& table = copy.persons.emplace_back(layout, ColumnScope::everywhere);
        const auto wanted = static_cast<std::size_t>(static_cast<double>(from.size()) * reserve_factor) + 16;
        table.take_all(std::move(from));
        table.reserve(wanted);
    }
    persons.clear();
    if (abroad.layout_set()) {
        copy.abroad = PersonTable(layout, ColumnScope::abroad);
        copy.abroad.take_all(std::move(abroad));
    }
    copy.families = std::move(families);
    return copy;
}

} // namespace migsim
