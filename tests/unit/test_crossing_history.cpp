// links: migsim_truth
// The side table of border-crossing histories: 4 bytes a crossing and 32 a record, crossings kept
// in order and dropped from the oldest, records and arena segments reused, so that the memory
// follows the number of persons and crossings held, not the run's turnover.
#include <gtest/gtest.h>

#include "processes/crossing_history.hpp"

namespace migsim {
namespace {

Crossing at(Month m, CrossingDirection direction = CrossingDirection::in) {
    return {static_cast<StoredMonth>(m), 1, direction};
}

TEST(CrossingHistories, HoldCrossingsInOrderAndDropTheOldest) {
    CrossingHistories histories;
    const std::uint32_t a = histories.create(42, 100, 1, 2);
    EXPECT_TRUE(histories.holds(a, 42));
    EXPECT_FALSE(histories.holds(a, 43));
    EXPECT_FALSE(histories.holds(no_history, 42));
    for (int k = 0; k < 10; ++k)
        histories.add(a, at(2000 + 3 * k, k % 2 ? CrossingDirection::out : CrossingDirection::in), 0);
    ASSERT_EQ(histories.crossings(a).size(), 10u);
    EXPECT_EQ(histories.crossings(a).front().month, 2000);
    EXPECT_EQ(histories.crossings(a).back().month, 2027);
    EXPECT_EQ(histories.crossings(a)[3].direction, CrossingDirection::out);
    EXPECT_EQ(histories.crossings_held(), 10u);
    // Keeping the crossings from month 2010 on drops 2000, 2003, 2006 and 2009.
    histories.drop_before(a, 2010);
    ASSERT_EQ(histories.crossings(a).size(), 6u);
    EXPECT_EQ(histories.crossings(a).front().month, 2012);
    EXPECT_EQ(histories.crossings_held(), 6u);
    // Adding drops too; a crossing earlier than the latest is refused.
    histories.add(a, at(2030), 2020);
    EXPECT_EQ(histories.crossings(a).front().month, 2021);
    EXPECT_THROW(histories.add(a, at(2029), 0), std::logic_error);
}

TEST(CrossingHistories, HoldOneCrossingAMonthForTenYears) {
    CrossingHistories histories;
    const std::uint32_t a = histories.create(1, 0, 0, 0);
    for (int k = 0; k < CrossingHistories::max_crossings; ++k)
        histories.add(a, at(1000 + k, k % 2 ? CrossingDirection::out : CrossingDirection::in), 0);
    EXPECT_EQ(histories.crossings(a).size(), 128u);
    EXPECT_THROW(histories.add(a, at(2000), 0), std::logic_error);
    // Once the oldest are dropped, there is room again.
    histories.add(a, at(2000), 1100);
    EXPECT_EQ(histories.crossings(a).size(), 29u);
}

TEST(CrossingHistories, ReuseRecordsAndSegmentsSoThatTurnoverDoesNotGrowMemory) {
    CrossingHistories histories;
    // A steady state of 1,000 persons with 3 crossings each, renewed 20 times over.
    std::vector<std::uint32_t> held;
    std::size_t bytes_after_second = 0; // the lists of free slots have grown by then
    for (int round = 0; round < 20; ++round) {
        for (const std::uint32_t index : held)
            histories.release(index);
        held.clear();
        for (int p = 0; p < 1000; ++p) {
            const std::uint32_t index = histories.create(static_cast<PersonId>(round * 1000 + p), 0, 0, 0);
            for (int k = 0; k < 3; ++k)
                histories.add(index, at(500 + k), 0);
            held.push_back(index);
        }
        if (round == 1)
            bytes_after_second = histories.bytes();
    }
    EXPECT_EQ(histories.live_records(), 1000u);
    EXPECT_EQ(histories.crossings_held(), 3000u);
    EXPECT_EQ(histories.bytes(), bytes_after_second);
    // 32 bytes a record and 4 a crossing, in segments of 4 for 3 crossings (with the segments of 1 and
    // 2 they grew through, free for reuse): under 32 + 7 x 4 = 60 bytes a person, plus the vectors'
    // spare capacity.
    EXPECT_EQ(sizeof(PersonHistory), 32u);
    EXPECT_EQ(sizeof(Crossing), 4u);
    EXPECT_LT(static_cast<double>(histories.bytes()) / 1000.0, 2.0 * 60.0);
}

TEST(CrossingHistories, AReleasedRecordNoLongerHoldsItsPerson) {
    CrossingHistories histories;
    const std::uint32_t a = histories.create(7, 0, 0, 0);
    const std::uint16_t generation = histories.at(a).generation;
    histories.release(a);
    EXPECT_FALSE(histories.holds(a, 7));
    EXPECT_THROW(histories.release(a), std::logic_error);
    const std::uint32_t b = histories.create(8, 0, 0, 0);
    EXPECT_EQ(b, a);                                   // the slot is reused...
    EXPECT_NE(histories.at(b).generation, generation); // ...under another generation
    EXPECT_FALSE(histories.holds(b, 7));
    EXPECT_TRUE(histories.holds(b, 8));
    EXPECT_TRUE(histories.crossings(b).empty());
}

} // namespace
} // namespace migsim
