// links: migsim_base
// The person columns: appending, reading back and removing persons.
#include <algorithm>

#include <gtest/gtest.h>

#include "population/abroad_pool.hpp"
#include "population/population.hpp"

namespace migsim {
namespace {

/// Appends a person whose every core column is derived from `id`.
std::size_t add_person(PersonTable& table, PersonId id) {
    const std::size_t row = table.append();
    table.at(core.id, row) = id;
    table.at(core.birth, row) = static_cast<StoredMonth>(2000 + id);
    table.at(core.sex, row) = static_cast<std::uint8_t>(id % 2);
    table.at(core.origin, row) = static_cast<std::uint8_t>(id % 4);
    table.at(core.generation, row) = id % 4 == 0 ? native_of_native : first_generation;
    return row;
}

void expect_person(const PersonTable& table, std::size_t row, PersonId id) {
    EXPECT_EQ(table.at(core.id, row), id);
    EXPECT_EQ(table.at(core.birth, row), 2000 + static_cast<int>(id));
    EXPECT_EQ(table.at(core.sex, row), id % 2);
    EXPECT_EQ(table.at(core.origin, row), id % 4);
}

std::vector<PersonId> sorted_ids(const PersonTable& table) {
    std::vector<PersonId> ids(table.data(core.id), table.data(core.id) + table.size());
    std::sort(ids.begin(), ids.end());
    return ids;
}

TEST(ColumnLayout, RegistersColumnsOnceWithTheirInitialValues) {
    ColumnLayout layout = core_layout();
    EXPECT_EQ(layout.info(core.birth.index).name, "birth");
    EXPECT_EQ(layout.info(core.last_area.index).scope, ColumnScope::abroad);
    const Column<StoredMonth> registered =
        layout.add<StoredMonth>("register.registered_from", "register", never, ColumnScope::everywhere, "");
    EXPECT_EQ(registered.index, core.last_area.index + 1);
    EXPECT_THROW(layout.add<std::uint8_t>("birth", "someone", 0, ColumnScope::everywhere, ""),
                 std::logic_error);
    PersonTable table(layout, ColumnScope::everywhere);
    const std::size_t row = table.append();
    EXPECT_EQ(table.at(registered, row), never);
    EXPECT_EQ(table.at(core.first_arrival, row), never);
    // A column of the abroad pool is not kept for persons present.
    EXPECT_FALSE(table.has(core.departed.index));
    EXPECT_THROW(table.at(core.departed, row), std::logic_error);
}

TEST(PersonTable, RowsReadBackAndMoveBetweenScopesWithTheirColumns) {
    ColumnLayout layout = core_layout();
    const Column<std::int32_t> extra =
        layout.add<std::int32_t>("extra", "test", -7, ColumnScope::everywhere, "");
    PersonTable present(layout, ColumnScope::everywhere);
    present.reserve(8);
    for (PersonId id = 1; id <= 5; ++id)
        add_person(present, id);
    present.at(extra, 2) = 42;
    ASSERT_EQ(present.size(), 5u);
    expect_person(present, 2, 3);
    // Bytes held: the reserved capacity of every column kept for persons present: 8 x (id 8 +
    // birth 2 + sex, origin and generation 1 each + first and latest arrival 2 each + extra 4).
    EXPECT_EQ(present.bytes(), 8u * 21u);

    // Abroad and back: the abroad-only columns come and go, the others travel.
    PersonTable abroad(layout, ColumnScope::abroad);
    const std::size_t there = abroad.append(present, 2);
    EXPECT_EQ(abroad.at(extra, there), 42);
    EXPECT_EQ(abroad.at(core.departed, there), never);
    abroad.at(core.departed, there) = 2500;
    PersonTable back(layout, ColumnScope::everywhere);
    const std::size_t home = back.append(abroad, there);
    expect_person(back, home, 3);
    EXPECT_EQ(back.at(extra, home), 42);

    // A copy of a table is a table of its own.
    PersonTable copy = present;
    copy.at(core.sex, 0) = 1;
    EXPECT_EQ(present.at(core.sex, 0), 1u % 2);
    EXPECT_EQ(copy.size(), present.size());
}

TEST(PersonTable, RemovingKeepsExactlyTheOthersWithTheirColumnsTogether) {
    const ColumnLayout layout = core_layout();
    PersonTable table(layout, ColumnScope::everywhere);
    for (PersonId id = 1; id <= 10; ++id)
        add_person(table, id);
    table.remove({0, 3, 4, 9});
    ASSERT_EQ(table.size(), 6u);
    EXPECT_EQ(sorted_ids(table), (std::vector<PersonId>{2, 3, 6, 7, 8, 9}));
    for (std::size_t i = 0; i < table.size(); ++i)
        expect_person(table, i, table.at(core.id, i));
}

TEST(PersonTable, TakingABasePopulationsRowsKeepsThemAndGivesTheRunsColumnsTheirInitialValue) {
    // A base population over the core columns, taken into a run's layout with one column more.
    PersonTable base(shared_core_layout(), ColumnScope::everywhere);
    base.reserve(16);
    for (PersonId id = 1; id <= 9; ++id)
        add_person(base, id);
    const PersonId* base_ids = base.data(core.id);
    ColumnLayout layout = core_layout();
    const Column<std::int32_t> extra =
        layout.add<std::int32_t>("extra", "test", -7, ColumnScope::everywhere, "");
    PersonTable run(layout, ColumnScope::everywhere);
    run.take_all(std::move(base));
    ASSERT_EQ(run.size(), 9u);
    for (std::size_t row = 0; row < run.size(); ++row) {
        expect_person(run, row, row + 1);
        EXPECT_EQ(run.at(extra, row), -7);
    }
    EXPECT_EQ(run.data(core.id), base_ids); // taken over, not copied
    EXPECT_TRUE(base.empty());
    // The table grows as any other.
    for (PersonId id = 10; id <= 20; ++id)
        add_person(run, id);
    EXPECT_EQ(run.at(extra, 19), -7);
    expect_person(run, 19, 20);
    EXPECT_THROW(run.take_all(PersonTable(layout, ColumnScope::everywhere)), std::logic_error);
}

TEST(AbroadPool, SpellsStayWithTheirPersons) {
    const ColumnLayout layout = core_layout();
    PersonTable leaving(layout, ColumnScope::abroad);
    AbroadPool pool(layout);
    for (PersonId id = 1; id <= 6; ++id) {
        const std::size_t row = add_person(leaving, id);
        AbroadPool::start_spell(leaving, row, 2600 + static_cast<Month>(id),
                                static_cast<std::uint8_t>(id % 3), static_cast<std::uint16_t>(10 * id));
        pool.admit(leaving, row);
    }
    pool.remove({1, 2});
    ASSERT_EQ(pool.size(), 4u);
    for (std::size_t i = 0; i < pool.size(); ++i) {
        const PersonId id = pool.persons.at(core.id, i);
        EXPECT_NE(id, 2u);
        EXPECT_NE(id, 3u);
        EXPECT_EQ(pool.persons.at(core.departed, i), 2600 + static_cast<int>(id));
        EXPECT_EQ(pool.persons.at(core.destination, i), id % 3);
        EXPECT_EQ(pool.persons.at(core.last_area, i), 10 * id);
        expect_person(pool.persons, i, id);
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
