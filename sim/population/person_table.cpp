#include "population/person_table.hpp"

#include <algorithm>

namespace migsim {

namespace {

/// One value of `size` bytes: the sizes of person columns are copied inline, not by a call.
inline void copy_value(std::byte* to, const std::byte* from, std::size_t size) {
    switch (size) {
    case 1:
        *to = *from;
        return;
    case 2:
        std::memcpy(to, from, 2);
        return;
    case 4:
        std::memcpy(to, from, 4);
        return;
    case 8:
        std::memcpy(to, from, 8);
        return;
    default:
        std::memcpy(to, from, size);
    }
}

} // namespace

ColumnLayout core_layout() {
    ColumnLayout layout;
    const auto everywhere = ColumnScope::everywhere;
    const auto abroad = ColumnScope::abroad;
    const CoreColumns added{
        layout.add<PersonId>("id", "persons", 0, everywhere,
                             "how the person came to be: population/person_id.hpp; the key of every draw"),
        layout.add<StoredMonth>("birth", "persons", 0, everywhere, "month of birth (months since 1800-01)"),
        layout.add<std::uint8_t>("sex", "persons", 0, everywhere, "0 male, 1 female"),
        layout.add<std::uint8_t>("origin", "persons", native_born, everywhere,
                                 "0 native-born, 1..G the origin group of the foreign-born"),
        layout.add<std::uint8_t>(
            "generation", "persons", native_of_native, everywhere,
            "0 native of a native mother, 1 foreign-born, 2 native of a foreign-born mother"),
        layout.add<StoredMonth>("first_arrival", "persons", never, everywhere,
                                "month of the first arrival in the country (never: native-born)"),
        layout.add<StoredMonth>("latest_arrival", "persons", never, everywhere,
                                "month of the latest arrival, first or return (never: never left)"),
        layout.add<StoredMonth>("departed", "abroad pool", never, abroad, "month of the emigration"),
        layout.add<std::uint8_t>("destination", "abroad pool", 0, abroad,
                                 "partner region: foreign group index"),
        layout.add<std::uint16_t>("last_area", "abroad pool", 0, abroad,
                                  "small area lived in before leaving"),
    };
    // The handles are the constants of `core`: the core columns come first, in this order.
    if (added.id.index != core.id.index || added.last_area.index != core.last_area.index)
        throw std::logic_error("core columns out of order");
    return layout;
}

const ColumnLayout& shared_core_layout() {
    static const ColumnLayout layout = core_layout();
    return layout;
}

void ColumnStorage::reserve(std::size_t n, std::size_t used) {
    if (n <= capacity_)
        return;
    std::unique_ptr<void, Free> grown(::operator new(n* element_size_));
    if (used > 0)
        std::memcpy(grown.get(), data_.get(), used * element_size_);
    data_ = std::move(grown);
    capacity_ = n;
}

PersonTable::PersonTable(const ColumnLayout& layout, ColumnScope scope)
    : layout_(&layout), scope_(scope), slot_(layout.size(), -1) {
    for (std::uint32_t c = 0; c < layout.size(); ++c) {
        if (!ColumnLayout::holds(scope, layout.info(c).scope))
            continue;
        slot_[c] = static_cast<int>(columns_.size());
        columns_.emplace_back(layout.info(c).size);
        layout_index_.push_back(c);
        std::uint64_t initial = 0;
        std::memcpy(&initial, layout.info(c).initial.data(), layout.info(c).size);
        initial_.push_back(initial);
        const std::size_t size = layout.info(c).size;
        slots_by_size_[size == 1   ? 0
                       : size == 2 ? 1
                       : size <= 4 ? 2
                                   : 3]
            .push_back(static_cast<std::uint32_t>(columns_.size() - 1));
    }
    for (const ColumnScope source : {ColumnScope::everywhere, ColumnScope::abroad}) {
        CopyPlan& plan = plan_[static_cast<std::size_t>(source)];
        std::uint32_t source_slot = 0;
        std::vector<int> slot_in_source(layout.size(), -1);
        for (std::uint32_t c = 0; c < layout.size(); ++c)
            if (ColumnLayout::holds(source, layout.info(c).scope))
                slot_in_source[c] = static_cast<int>(source_slot++);
        for (std::uint32_t k = 0; k < layout_index_.size(); ++k) {
            const int from = slot_in_source[layout_index_[k]];
            const std::size_t size = columns_[k].element_size();
            const std::size_t size_class = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3;
            if (from >= 0 && size == (std::size_t{1} << size_class))
                plan.copy[size_class].emplace_back(k, static_cast<std::uint32_t>(from));
            else if (from >= 0)
                plan.copy[3].emplace_back(k, static_cast<std::uint32_t>(from)); // odd sizes: see append
            else
                plan.initial.push_back(k);
        }
    }
}

PersonTable::PersonTable(const PersonTable& other)
    : layout_(other.layout_), scope_(other.scope_), slot_(other.slot_), layout_index_(other.layout_index_),
      initial_(other.initial_), plan_(other.plan_), slots_by_size_(other.slots_by_size_) {
    for (const ColumnStorage& column : other.columns_)
        columns_.emplace_back(column.element_size());
    reserve(other.capacity_);
    size_ = other.size_;
    for (std::size_t k = 0; k < columns_.size(); ++k)
        if (size_ > 0)
            std::memcpy(columns_[k].data(), other.columns_[k].data(), size_ * columns_[k].element_size());
}

PersonTable& PersonTable::operator=(const PersonTable& other) {
    if (this != &other) {
        PersonTable copy(other);
        *this = std::move(copy);
    }
    return *this;
}

void PersonTable::not_kept(std::uint32_t column) const {
    throw std::logic_error("person column " + layout_->info(column).name + " is not kept in this table");
}

void PersonTable::reserve(std::size_t n) {
    if (n <= capacity_)
        return;
    for (ColumnStorage& column : columns_)
        column.reserve(n, size_);
    capacity_ = n;
}

void PersonTable::grow_for(std::size_t n) {
    if (n > capacity_)
        reserve(std::max(n, capacity_ + std::max<std::size_t>(capacity_, 1)));
}

std::size_t PersonTable::append() {
    grow_for(size_ + 1);
    for (std::size_t k = 0; k < columns_.size(); ++k)
        copy_value(columns_[k].element(size_), reinterpret_cast<const std::byte*>(&initial_[k]),
                   columns_[k].element_size());
    return size_++;
}

std::size_t PersonTable::append(const PersonTable& from, std::size_t row) {
    grow_for(size_ + 1);
    if (from.layout_ == layout_) {
        // Same layout: a precomputed plan by the source's scope, one loop per value size.
        const CopyPlan& plan = plan_[static_cast<std::size_t>(from.scope_)];
        const auto copy = [&]<class T>(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) {
            for (const auto& [to, source] : pairs)
                static_cast<T*>(columns_[to].data())[size_] =
                    static_cast<const T*>(from.columns_[source].data())[row];
        };
        copy.template operator()<std::uint8_t>(plan.copy[0]);
        copy.template operator()<std::uint16_t>(plan.copy[1]);
        copy.template operator()<std::uint32_t>(plan.copy[2]);
        for (const auto& [to, source] : plan.copy[3])
            copy_value(columns_[to].element(size_), from.columns_[source].element(row),
                       columns_[to].element_size());
        for (const std::uint32_t k : plan.initial)
            copy_value(columns_[k].element(size_), reinterpret_cast<const std::byte*>(&initial_[k]),
                       columns_[k].element_size());
        return size_++;
    }
    for (std::size_t k = 0; k < columns_.size(); ++k) {
        const std::uint32_t c = layout_index_[k];
        const std::size_t bytes = columns_[k].element_size();
        const int source = c < from.slot_.size() ? from.slot_[c] : -1;
        if (source >= 0)
            copy_value(columns_[k].element(size_),
                       from.columns_[static_cast<std::size_t>(source)].element(row), bytes);
        else
            copy_value(columns_[k].element(size_), reinterpret_cast<const std::byte*>(&initial_[k]), bytes);
    }
    return size_++;
}

std::size_t PersonTable::append_rows(std::size_t n) {
    grow_for(size_ + n);
    for (std::size_t k = 0; k < columns_.size(); ++k)
        for (std::size_t i = 0; i < n; ++i)
            copy_value(columns_[k].element(size_ + i), reinterpret_cast<const std::byte*>(&initial_[k]),
                       columns_[k].element_size());
    const std::size_t first = size_;
    size_ += n;
    return first;
}

void PersonTable::append_all(const PersonTable& from) {
    reserve(size_ + from.size());
    for (std::size_t k = 0; k < columns_.size(); ++k) {
        const std::uint32_t c = layout_index_[k];
        const std::size_t bytes = columns_[k].element_size();
        const int source = c < from.slot_.size() ? from.slot_[c] : -1;
        if (source >= 0) {
            if (from.size() > 0)
                std::memcpy(columns_[k].element(size_),
                            from.columns_[static_cast<std::size_t>(source)].data(), from.size() * bytes);
        } else {
            for (std::size_t i = 0; i < from.size(); ++i)
                copy_value(columns_[k].element(size_ + i), reinterpret_cast<const std::byte*>(&initial_[k]),
                           bytes);
        }
    }
    size_ += from.size();
}

void PersonTable::take_all(PersonTable&& from) {
    if (size_ != 0 || capacity_ != 0)
        throw std::logic_error("PersonTable::take_all: the table is not new");
    for (std::size_t k = 0; k < columns_.size(); ++k) {
        const std::uint32_t c = layout_index_[k];
        const int source = c < from.slot_.size() ? from.slot_[c] : -1;
        ColumnStorage& column = columns_[k];
        if (source >= 0 &&
            from.columns_[static_cast<std::size_t>(source)].element_size() == column.element_size()) {
            column = std::move(from.columns_[static_cast<std::size_t>(source)]);
        } else {
            column.reserve(from.capacity_, 0);
            for (std::size_t i = 0; i < from.size_; ++i)
                copy_value(column.element(i), reinterpret_cast<const std::byte*>(&initial_[k]),
                           column.element_size());
        }
    }
    capacity_ = from.capacity_;
    size_ = from.size_;
    from = PersonTable();
}

void PersonTable::remove(const std::vector<std::uint32_t>& ascending) {
    const auto move_last_into = [&]<class T>(const std::vector<std::uint32_t>& slots, std::size_t row,
                                             std::size_t last) {
        for (const std::uint32_t k : slots) {
            T* values = static_cast<T*>(columns_[k].data());
            values[row] = values[last];
        }
    };
    for (auto it = ascending.rbegin(); it != ascending.rend(); ++it) {
        const std::size_t last = size_ - 1;
        if (*it != last) {
            move_last_into.template operator()<std::uint8_t>(slots_by_size_[0], *it, last);
            move_last_into.template operator()<std::uint16_t>(slots_by_size_[1], *it, last);
            for (const std::uint32_t k : slots_by_size_[2])
                copy_value(columns_[k].element(*it), columns_[k].element(last), columns_[k].element_size());
            for (const std::uint32_t k : slots_by_size_[3])
                copy_value(columns_[k].element(*it), columns_[k].element(last), columns_[k].element_size());
        }
        size_ = last;
    }
}

std::size_t PersonTable::bytes() const {
    std::size_t total = 0;
    for (const ColumnStorage& column : columns_)
        total += column.capacity() * column.element_size();
    return total;
}

} // namespace migsim
