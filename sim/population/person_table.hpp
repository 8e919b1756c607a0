#pragma once
// Person columns declared once. A ColumnLayout is the registry of every column a run keeps about a
// person: its name, owner, element type, initial value and scope. The engine registers the core
// columns (core_columns below); a process or a source registers its own in its own file, before
// the run's tables are made. A PersonTable holds the columns of one set of persons (the persons
// of a small area, the abroad pool, persons in flight between them) as a structure of arrays, and
// appends, copies, removes and measures them column by column from the layout: nothing lists the
// columns by hand.
//
// Scope: a column of `everywhere` scope travels with the person wherever the person is; an
// `abroad` column exists only in the abroad pool (the spell abroad: departure month, partner,
// last area, and a source's record of a departure). A table of `abroad` scope holds both.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "core/calendar.hpp"
#include "population/person_id.hpp"

namespace migsim {

/// Generation in the sense of UNECE (2015): 1 = foreign-born, 2 = native-born with a foreign-born
/// mother, 0 = native-born of a native-born mother.
enum Generation : std::uint8_t { native_of_native = 0, first_generation = 1, second_generation = 2 };

/// Origin 0 is the native-born; 1..G are the country-of-birth groups of the foreign-born.
inline constexpr std::uint8_t native_born = 0;

enum class ColumnScope : std::uint8_t { everywhere, abroad };

/// A typed handle of a registered column: its index in the layout.
template <class T>
struct Column {
    std::uint32_t index;
};

/// A tag per element type of a column, so that a column looked up by name is read as its type.
template <class T>
inline constexpr char column_type_tag = 0;

struct ColumnInfo {
    std::string name;        ///< "birth", "register.registered_from"
    std::string owner;       ///< "persons", "abroad pool", "register"
    std::string description; ///< what a value means, with its unit
    std::size_t size = 0;    ///< bytes of one value
    ColumnScope scope = ColumnScope::everywhere;
    std::vector<std::byte> initial; ///< the value of a new row
    const void* type = nullptr;     ///< &column_type_tag<T> of its element type
};

class ColumnLayout {
public:
    /// Registers a column; every table made afterwards has it (within its scope). Names are unique.
    template <class T>
    Column<T> add(std::string name, std::string owner, T initial, ColumnScope scope,
                  std::string description) {
        static_assert(std::is_trivially_copyable_v<T>, "person columns hold plain values");
        static_assert(sizeof(T) <= 8, "a person column holds values of at most 8 bytes");
        for (const ColumnInfo& info : columns_)
            if (info.name == name)
                throw std::logic_error("person column registered twice: " + name);
        ColumnInfo info{std::move(name),    std::move(owner), std::move(description), sizeof(T), scope, {},
                        &column_type_tag<T>};
        info.initial.resize(sizeof(T));
        std::memcpy(info.initial.data(), &initial, sizeof(T));
        columns_.push_back(std::move(info));
        return Column<T>{static_cast<std::uint32_t>(columns_.size() - 1)};
    }

    /// The column another module registered under `name`, read as T; throws std::logic_error when
    /// there is none of that name or its values are not of type T. For modules that read a column
    /// they do not own (a labour force survey reading `labour.activity`), once, before the run.
    template <class T>
    Column<T> find(const std::string& name) const {
        for (std::size_t c = 0; c < columns_.size(); ++c) {
            if (columns_[c].name != name)
                continue;
            if (columns_[c].type != &column_type_tag<T>)
                throw std::logic_error("person column " + name + " is not of the type it is read as");
            return Column<T>{static_cast<std::uint32_t>(c)};
        }
        throw std::logic_error("no person column " + name + " is registered");
    }
    bool contains(const std::string& name) const {
        for (const ColumnInfo& info : columns_)
            if (info.name == name)
                return true;
        return false;
    }

    std::size_t size() const { return columns_.size(); }
    const ColumnInfo& info(std::size_t index) const { return columns_[index]; }
    const std::vector<ColumnInfo>& columns() const { return columns_; }
    /// Whether a table of scope `table` holds a column of scope `column`.
    static bool holds(ColumnScope table, ColumnScope column) {
        return column == ColumnScope::everywhere || table == ColumnScope::abroad;
    }

private:
    std::vector<ColumnInfo> columns_;
};

/// The columns the engine keeps about every person, registered first in every layout so that
/// their handles are these constants.
struct CoreColumns {
    Column<PersonId> id{0};
    Column<StoredMonth> birth{1};
    Column<std::uint8_t> sex{2};           ///< 0 male, 1 female
    Column<std::uint8_t> origin{3};        ///< 0 native-born, 1..G the foreign groups
    Column<std::uint8_t> generation{4};    ///< Generation (population.hpp)
    Column<StoredMonth> first_arrival{5};  ///< first arrival in the country (never: native-born)
    Column<StoredMonth> latest_arrival{6}; ///< latest arrival, first or return (never: never left)
    // The spell abroad (abroad scope).
    Column<StoredMonth> departed{7};     ///< month of the emigration
    Column<std::uint8_t> destination{8}; ///< partner region: foreign group index 0..G-1
    Column<std::uint16_t> last_area{9};  ///< small area lived in before leaving
};
inline constexpr CoreColumns core;

/// A layout holding the core columns (and nothing else yet).
ColumnLayout core_layout();
/// One such layout for the whole program: the layout of base populations.
const ColumnLayout& shared_core_layout();

/// One column's values: raw storage from operator new, in which values of the column's type are
/// created implicitly (trivially copyable types), grown by doubling.
class ColumnStorage {
public:
    ColumnStorage() = default;
    explicit ColumnStorage(std::size_t element_size) : element_size_(element_size) {}
    ColumnStorage(ColumnStorage&&) noexcept = default;
    ColumnStorage& operator=(ColumnStorage&&) noexcept = default;

    void* data() { return data_.get(); }
    const void* data() const { return data_.get(); }
    std::byte* element(std::size_t i) { return static_cast<std::byte*>(data()) + i * element_size_; }
    const std::byte* element(std::size_t i) const {
        return static_cast<const std::byte*>(data()) + i * element_size_;
    }
    std::size_t capacity() const { return capacity_; }
    std::size_t element_size() const { return element_size_; }
    /// Makes room for `n` elements, keeping the first `used`.
    void reserve(std::size_t n, std::size_t used);

private:
    struct Free {
        void operator()(void* p) const { ::operator delete(p); }
    };
    std::unique_ptr<void, Free> data_;
    std::size_t capacity_ = 0;
    std::size_t element_size_ = 0;
};

class PersonTable {
public:
    PersonTable() = default;
    PersonTable(const ColumnLayout& layout, ColumnScope scope);
    PersonTable(const PersonTable& other);
    PersonTable& operator=(const PersonTable& other);
    PersonTable(PersonTable&&) noexcept = default;
    PersonTable& operator=(PersonTable&&) noexcept = default;

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    /// Whether the table was made over a layout (a default-made table holds no columns).
    bool layout_set() const { return layout_ != nullptr; }
    ColumnScope scope() const { return scope_; }
    const ColumnLayout& layout() const { return *layout_; }
    bool has(std::uint32_t column) const { return slot_[column] >= 0; }

    template <class T>
    T* data(Column<T> c) {
        return static_cast<T*>(storage(c.index).data());
    }
    template <class T>
    const T* data(Column<T> c) const {
        return static_cast<const T*>(storage(c.index).data());
    }
    template <class T>
    T& at(Column<T> c, std::size_t i) {
        return data(c)[i];
    }
    template <class T>
    T at(Column<T> c, std::size_t i) const {
        return data(c)[i];
    }

    /// Appends a person with every column's initial value; returns the row.
    std::size_t append();
    /// Appends a copy of row `row` of `from` (another table, over the same layout or a layout that
    /// begins with this one's columns): the columns both tables hold are copied, the others take
    /// their initial value. Returns the new row.
    std::size_t append(const PersonTable& from, std::size_t row);
    /// Appends `n` persons with every column's initial value, column by column; returns the first row.
    std::size_t append_rows(std::size_t n);
    /// Appends every row of `from` (another table), column by column.
    void append_all(const PersonTable& from);
    /// Takes every row of `from` into this empty table: the columns both hold are taken over
    /// without a copy (as append_all, `from` is over this layout or one that begins with its
    /// columns), the others take their initial value. `from` is left empty.
    void take_all(PersonTable&& from);
    /// Removes the persons at `ascending` rows: each is replaced by the last person, from the
    /// highest row down. The work is proportional to the removals, not to the table's size, and
    /// the resulting order depends only on which persons left, so runs stay reproducible.
    void remove(const std::vector<std::uint32_t>& ascending);
    void clear() { size_ = 0; }
    void reserve(std::size_t n);
    /// Bytes held by the columns (capacity, not size).
    std::size_t bytes() const;
    /// Asks the processor to fetch every column's value of row `row` into its caches, ahead of
    /// reading them (a hint: it changes nothing in the table).
    void prefetch(std::size_t row) const {
        for (const ColumnStorage& column : columns_)
            __builtin_prefetch(column.element(row));
    }

private:
    ColumnStorage& storage(std::uint32_t column) {
        const int slot = slot_[column];
        if (slot < 0) [[unlikely]]
            not_kept(column);
        return columns_[static_cast<std::size_t>(slot)];
    }
    const ColumnStorage& storage(std::uint32_t column) const {
        return const_cast<PersonTable*>(this)->storage(column);
    }
    [[noreturn]] void not_kept(std::uint32_t column) const;
    void grow_for(std::size_t n);

    const ColumnLayout* layout_ = nullptr;
    ColumnScope scope_ = ColumnScope::everywhere;
    std::vector<int> slot_; ///< by layout column: index into columns_, or -1 (not in this scope)
    std::vector<ColumnStorage> columns_;
    std::vector<std::uint32_t> layout_index_; ///< by slot: the layout column
    std::vector<std::uint64_t> initial_;      ///< by slot: the initial value's bytes
    /// How to append a row of a table over the same layout, by the source table's scope: the
    /// (slot, source slot) pairs to copy, by value size 1, 2, 4 and 8 bytes, and the slots that
    /// take their initial value.
    struct CopyPlan {
        std::array<std::vector<std::pair<std::uint32_t, std::uint32_t>>, 4> copy;
        std::vector<std::uint32_t> initial;
    };
    std::array<CopyPlan, 2> plan_;
    std::array<std::vector<std::uint32_t>, 4> slots_by_size_; ///< slots of 1, 2, 4 and 8-byte values
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

} // namespace migsim
