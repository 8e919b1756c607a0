// links: migsim_truth
// Extension dimensions of the risk cells (model/risk_cells.hpp): how a person's category is read
// from a column, at the edges of the months-elapsed convention, and how dimensions are shared.
#include <numeric>

#include <gtest/gtest.h>

#include "model/risk_cells.hpp"

namespace migsim {
namespace {

struct TwoColumns {
    ColumnLayout layout = core_layout();
    Column<std::uint8_t> kind = layout.add<std::uint8_t>("test.kind", "test", 0, ColumnScope::everywhere, "");
    Column<StoredMonth> since =
        layout.add<StoredMonth>("test.since", "test", never, ColumnScope::everywhere, "");
};

TEST(RiskCells, ACategoryIsTheLookupOfTheColumnsValue) {
    TwoColumns c;
    PersonTable table(c.layout, ColumnScope::everywhere);
    std::vector<std::uint8_t> lookup(256, 3);
    lookup[0] = 0;
    lookup[1] = 2;
    lookup[7] = 1;
    const CellDimension d = CellDimension::of_category("test.kind", c.kind, lookup);
    EXPECT_EQ(d.categories, 4);
    for (const int value : {0, 1, 7, 200})
        table.at(c.kind, table.append()) = static_cast<std::uint8_t>(value);
    std::array<std::uint8_t, 4> out{};
    d.categorise(table, 0, 4, month_of(2014, 1), out.data());
    EXPECT_EQ(out, (std::array<std::uint8_t, 4>{0, 2, 1, 3}));
}

TEST(RiskCells, MonthsElapsedFollowTheCompletedMonthsConventionAndClampAtBothEnds) {
    TwoColumns c;
    PersonTable table(c.layout, ColumnScope::everywhere);
    // Categories: before the month or in it (-1 completed months and less) 0; 0..11 completed
    // months 1; 12..23 months 2; 24 and more 3.
    std::vector<std::uint8_t> lookup(26);
    lookup[0] = 0;
    for (int k = 0; k <= 24; ++k)
        lookup[static_cast<std::size_t>(k + 1)] = static_cast<std::uint8_t>(k < 12 ? 1 : (k < 24 ? 2 : 3));
    const CellDimension d = CellDimension::of_elapsed_months("test.since", c.since, -1, lookup);
    const Month now = month_of(2014, 6);
    // completed months at the start of `now` of an event in month e: now - e - 1.
    const std::vector<StoredMonth> events = {
        never,                               // never happened
        static_cast<StoredMonth>(now + 3),   // to come
        static_cast<StoredMonth>(now),       // this month: -1 completed months
        static_cast<StoredMonth>(now - 1),   // last month: 0
        static_cast<StoredMonth>(now - 12),  // 11 months
        static_cast<StoredMonth>(now - 13),  // 12 months
        static_cast<StoredMonth>(now - 24),  // 23
        static_cast<StoredMonth>(now - 25),  // 24
        static_cast<StoredMonth>(now - 600), // far back
    };
    for (const StoredMonth e : events)
        table.at(c.since, table.append()) = e;
    std::vector<std::uint8_t> out(events.size());
    d.categorise(table, 0, events.size(), now, out.data());
    EXPECT_EQ(out, (std::vector<std::uint8_t>{0, 0, 0, 1, 1, 2, 2, 3, 3}));
}

TEST(RiskCells, DimensionsAreSharedByNameAndTablesSpanOnlyTheirOwn) {
    TwoColumns c;
    CellDimensions dimensions;
    std::vector<std::uint8_t> three(256, 0);
    std::iota(three.begin(), three.begin() + 3, std::uint8_t{0});
    const DimensionId a = dimensions.declare(CellDimension::of_category("test.kind", c.kind, three));
    const DimensionId again = dimensions.declare(CellDimension::of_category("test.kind", c.kind, three));
    EXPECT_EQ(a.index, again.index);
    std::vector<std::uint8_t> two(256, 1);
    two[0] = 0;
    EXPECT_THROW(dimensions.declare(CellDimension::of_category("test.kind", c.kind, two)), std::logic_error);
    const DimensionId b =
        dimensions.declare(CellDimension::of_elapsed_months("test.since", c.since, 0, {0, 1, 1, 2, 3}));
    EXPECT_EQ(b.index, 1u);

    const auto only_b = dimensions.layout(100, {b});
    EXPECT_EQ(only_b.cells, 400u);
    EXPECT_EQ(only_b.stride[a.index], 0u);
    EXPECT_EQ(only_b.stride[b.index], 1u);
    const auto both = dimensions.layout(100, {a, b});
    EXPECT_EQ(both.cells, 1200u);
    EXPECT_EQ(both.stride[a.index], 1u);
    EXPECT_EQ(both.stride[b.index], 3u);

    // Every combination is visited once, at its own offset.
    std::vector<int> visits(12, 0);
    for_each_extension(dimensions, {a, b}, both, [&](std::size_t offset, const CellCategories& categories) {
        ASSERT_LT(offset, visits.size());
        ++visits[offset];
        EXPECT_EQ(offset, static_cast<std::size_t>(categories[a] + 3 * categories[b]));
    });
    EXPECT_EQ(visits, std::vector<int>(12, 1));
    EXPECT_THROW(dimensions.layout(max_table_cells, {a}), std::logic_error);
}

TEST(RiskCells, AColumnIsFoundByNameOnlyAsItsOwnType) {
    TwoColumns c;
    EXPECT_EQ(c.layout.find<std::uint8_t>("test.kind").index, c.kind.index);
    EXPECT_EQ(c.layout.find<StoredMonth>("test.since").index, c.since.index);
    EXPECT_THROW(c.layout.find<std::uint16_t>("test.since"), std::logic_error);
    EXPECT_THROW(c.layout.find<std::uint8_t>("test.nothing"), std::logic_error);
}

} // namespace
} // namespace migsim
