// links: migsim_base
// The person columns: appending, reading back and removing persons.
#include <algorithm>

#include <gtest/gtest.h>

#include "population/abroad_pool.hpp"
#include "population/population.hpp"

namespace migsim {
namespace {

PersonRecord person(PersonId id) {
    PersonRecord p;
    p.id = id;
    p.birth = static_cast<StoredMonth>(2000 + id);
    p.sex = static_cast<std::uint8_t>(id % 2);
    p.origin = static_cast<std::uint8_t>(id % 4);
    p.generation = p.origin == native_born ? native_of_native : first_generation;
    p.registered_from = static_cast<StoredMonth>(2500 + id);
    return p;
}

std::vector<PersonId> sorted_ids(const AreaPersons& block) {
    std::vector<PersonId> ids = block.id;
    std::sort(ids.begin(), ids.end());
    return ids;
}

TEST(AreaPersons, RecordsReadBackAsAppended) {
    AreaPersons block;
    block.reserve(8);
    for (PersonId id = 1; id <= 5; ++id)
        block.append(person(id));
    ASSERT_EQ(block.size(), 5u);
    const PersonRecord third = block.record(2);
    EXPECT_EQ(third.id, 3u);
    EXPECT_EQ(third.birth, person(3).birth);
    EXPECT_EQ(third.origin, person(3).origin);
    EXPECT_EQ(third.registered_from, person(3).registered_from);
    EXPECT_EQ(third.sex, person(3).sex);
    EXPECT_EQ(third.generation, person(3).generation);
    // Bytes held: the reserved capacity of every column, 8 x (id 8 + birth 2 + sex, origin and
    // generation 1 each + first and latest arrival and registration month 2 each).
    EXPECT_EQ(block.bytes(), 8u * 19u);
}

TEST(AreaPersons, RemovingKeepsExactlyTheOthersWithTheirColumnsTogether) {
    AreaPersons block;
    for (PersonId id = 1; id <= 10; ++id)
        block.append(person(id));
    block.remove({0, 3, 8, 9}); // ids 1, 4, 9, 10
    EXPECT_EQ(sorted_ids(block), (std::vector<PersonId>{2, 3, 5, 6, 7, 8}));
    for (std::size_t i = 0; i < block.size(); ++i) {
        const PersonRecord expected = person(block.id[i]);
        EXPECT_EQ(block.birth[i], expected.birth);
        EXPECT_EQ(block.sex[i], expected.sex);
        EXPECT_EQ(block.origin[i], expected.origin);
        EXPECT_EQ(block.registered_from[i], expected.registered_from);
    }
    block.remove({});
    EXPECT_EQ(block.size(), 6u);
    block.remove({0, 1, 2, 3, 4, 5});
    EXPECT_EQ(block.size(), 0u);
}

TEST(AbroadPool, RemovingKeepsSpellsWithTheirPersons) {
    AbroadPool pool;
    for (PersonId id = 1; id <= 6; ++id)
        pool.append(person(id), 2600 + static_cast<Month>(id), static_cast<std::uint8_t>(id % 3),
                    static_cast<std::uint16_t>(10 * id), static_cast<StoredMonth>(2700 + id));
    pool.remove({1, 2});
    ASSERT_EQ(pool.size(), 4u);
    for (std::size_t i = 0; i < pool.size(); ++i) {
        const PersonId id = pool.persons.id[i];
        EXPECT_NE(id, 2u);
        EXPECT_NE(id, 3u);
        EXPECT_EQ(pool.departed[i], 2600 + static_cast<int>(id));
        EXPECT_EQ(pool.destination[i], id % 3);
        EXPECT_EQ(pool.last_area[i], 10 * id);
        EXPECT_EQ(pool.deregistered_from[i], 2700 + static_cast<int>(id));
    }
}

TEST(PersonIds, SayHowThePersonCameToBeAndNeverOverlap) {
    const Month month = month_of(2015, 7);
    const PersonId base = base_population_id(month_of(2013, 1), 12345);
    const PersonId immigrant = immigrant_id(month, 2, 999);
    const PersonId child = newborn_id(base, month);
    EXPECT_EQ(person_source(base), PersonSource::base_population);
    EXPECT_EQ(person_source(immigrant), PersonSource::immigrant);
    EXPECT_EQ(person_source(child), PersonSource::newborn);
    EXPECT_EQ(person_creation_month(base), month_of(2013, 1));
    EXPECT_EQ(person_creation_month(immigrant), month);
    EXPECT_EQ(person_creation_month(child), month);
    EXPECT_EQ(base & (person_id_serial_limit - 1), 12345u);
    EXPECT_EQ(immigrant & (person_id_serial_limit - 1), (std::uint64_t{2} << 32) | 999u);
    // A child's id depends only on the mother and the month.
    EXPECT_EQ(newborn_id(base, month), child);
    EXPECT_NE(newborn_id(base, month + 1), child);
    EXPECT_NE(newborn_id(base + 1, month), child);
    EXPECT_NE(newborn_id(base, month, 1), child);
    EXPECT_THROW(immigrant_id(month, 0, std::uint64_t{1} << 32), std::out_of_range);
    EXPECT_THROW(base_population_id(month, person_id_serial_limit), std::out_of_range);
}

TEST(PersonIds, CollidingNewbornsAreMadeUniqueByTheirMothers) {
    const Month month = month_of(2016, 3);
    // Three newborns forced to one id, one other: the child of the smallest mother keeps it.
    std::vector<PersonId> mothers = {70, 30, 50, 90};
    std::vector<PersonId> ids = {newborn_id(30, month), newborn_id(30, month), newborn_id(30, month),
                                 newborn_id(90, month)};
    EXPECT_EQ(make_newborn_ids_unique(ids, mothers, month), 2u);
    EXPECT_EQ(ids[1], newborn_id(30, month));
    EXPECT_EQ(ids[0], newborn_id(70, month, 1));
    EXPECT_EQ(ids[2], newborn_id(50, month, 1));
    EXPECT_EQ(ids[3], newborn_id(90, month));
    // The same set in another order gives every mother's child the same id.
    std::vector<PersonId> reordered_mothers = {90, 50, 30, 70};
    std::vector<PersonId> reordered = {newborn_id(90, month), newborn_id(30, month), newborn_id(30, month),
                                       newborn_id(30, month)};
    make_newborn_ids_unique(reordered, reordered_mothers, month);
    EXPECT_EQ(reordered[0], ids[3]);
    EXPECT_EQ(reordered[3], ids[0]);
    // Without collisions nothing changes.
    std::vector<PersonId> distinct = {newborn_id(1, month), newborn_id(2, month)};
    const auto before = distinct;
    EXPECT_EQ(make_newborn_ids_unique(distinct, {1, 2}, month), 0u);
    EXPECT_EQ(distinct, before);
}

} // namespace
} // namespace migsim
