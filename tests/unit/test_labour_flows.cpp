// links: migsim_calibration
// The published labour-market flows: the table's checks, the pooled quarterly matrix worked out by
// hand, and Denmark's table with the monthly matrix whose cube it is.
#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include "calibration/labour_flows.hpp"

namespace migsim {
namespace {

/// Two quarters of flows in which only the men's rows differ from the total's.
std::string two_quarters() {
    std::string text = "# a comment\nquarter_from,quarter_to,sex,from,to,thousands\n";
    const char* quarters[][2] = {{"2012Q4", "2013Q1"}, {"2013Q1", "2013Q2"}};
    // Rows from employment, unemployment, inactivity; the second quarter has other numbers.
    const int counts[2][3][3] = {{{90, 5, 5}, {20, 70, 10}, {4, 6, 190}},
                                 {{80, 10, 10}, {30, 60, 10}, {6, 4, 290}}};
    for (int q = 0; q < 2; ++q)
        for (const std::string_view sex : flow_sexes)
            for (int from = 0; from < 3; ++from)
                for (int to = 0; to < 3; ++to) {
                    const int value = sex == "female" ? 1 : counts[q][from][to];
                    text += std::string(quarters[q][0]) + "," + quarters[q][1] + "," + std::string(sex) +
                            "," + std::string(labour_statuses[static_cast<std::size_t>(from)]) + "," +
                            std::string(labour_statuses[static_cast<std::size_t>(to)]) + "," +
                            std::to_string(value) + "\n";
                }
    return text;
}

TEST(LabourFlows, PoolingWeighsEachQuarterByItsStock) {
    const LabourFlows flows = parse_labour_flows(two_quarters(), "flows.csv");
    ASSERT_TRUE(flows.ok()) << flows.problems.front();
    EXPECT_EQ(quarter_label(flows.first), "2012Q4");
    EXPECT_EQ(quarter_label(flows.last), "2013Q1");
    // Out of employment: (90 + 80) stay, (5 + 10) become unemployed, (5 + 10) inactive, of 200.
    const Eigen::Matrix3d both = pooled_quarterly_matrix(flows, 0, flows.first, flows.last);
    EXPECT_DOUBLE_EQ(both(0, 0), 170.0 / 200.0);
    EXPECT_DOUBLE_EQ(both(0, 1), 15.0 / 200.0);
    EXPECT_DOUBLE_EQ(both(1, 0), 50.0 / 200.0);
    // Inactivity: 200 and 300 persons; the larger quarter weighs more than an average of the rates.
    EXPECT_DOUBLE_EQ(both(2, 0), 10.0 / 500.0);
    EXPECT_DOUBLE_EQ(both(2, 2), 480.0 / 500.0);
    const Eigen::Matrix3d last = pooled_quarterly_matrix(flows, 1, flows.last, flows.last);
    EXPECT_DOUBLE_EQ(last(1, 1), 60.0 / 100.0);
    EXPECT_DOUBLE_EQ(pooled_quarterly_matrix(flows, 2, flows.first, flows.first)(0, 0), 1.0 / 3.0);
    EXPECT_THROW(pooled_quarterly_matrix(flows, 0, flows.first - 1, flows.last), std::invalid_argument);
}

TEST(LabourFlows, EveryMistakeOfTheTableIsReportedWithItsLineAndColumn) {
    std::string text = two_quarters();
    const auto replace = [&](const std::string& from, const std::string& to) {
        const std::size_t at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
    };
    replace("2012Q4,2013Q1,total,employment,employment,90", "2012Q5,2013Q1,total,employment,employment,90");
    replace("2012Q4,2013Q1,male,employment,unemployment,5", "2012Q4,2013Q2,male,employment,unemployment,5");
    replace("2012Q4,2013Q1,female,unemployment,employment,1",
            "2012Q4,2013Q1,women,unemployment,employment,1");
    replace("2013Q1,2013Q2,total,inactivity,employment,6", "2013Q1,2013Q2,total,inactive,employment,6");
    replace("2013Q1,2013Q2,male,inactivity,inactivity,290", "2013Q1,2013Q2,male,inactivity,inactivity,-3");
    replace("2013Q1,2013Q2,female,inactivity,inactivity,1", "2013Q1,2013Q2,female,inactivity,unemployment,1");
    const LabourFlows flows = parse_labour_flows(text, "flows.csv");
    const auto reported = [&](const std::string& what) {
        for (const std::string& p : flows.problems)
            if (p.find(what) != std::string::npos)
                return true;
        return false;
    };
    EXPECT_TRUE(reported("flows.csv:3: quarter_from: '2012Q5' is not a quarter")) << flows.problems.size();
    EXPECT_TRUE(reported("flows.csv:13: quarter_to: 2013Q2 is not the quarter after 2012Q4"));
    EXPECT_TRUE(reported("flows.csv:24: sex: 'women'; expected total, male or female"));
    EXPECT_TRUE(reported("flows.csv:36: from: 'inactive'; expected employment, unemployment or inactivity"));
    EXPECT_TRUE(reported("flows.csv:47: thousands: '-3' is not a whole number >= 0"));
    EXPECT_TRUE(reported("flows.csv:56: row: the flow inactivity -> unemployment of female from 2013Q1 is "
                         "already on line 55"));
    EXPECT_TRUE(reported("24 flows from 2012Q4; expected 27"));
    EXPECT_TRUE(reported("24 flows from 2013Q1; expected 27"));
    EXPECT_EQ(flows.problems.size(), 8u);
    EXPECT_FALSE(parse_labour_flows("quarter_from,sex\n", "empty.csv").ok());
    EXPECT_FALSE(read_labour_flows(MIGSIM_SOURCE_DIR "/no_such_file.csv").ok());
}

TEST(LabourFlows, DenmarksQuarterlyFlowsHaveAMonthlyMatrixWhoseCubeTheyAre) {
    const LabourFlows flows =
        read_labour_flows(MIGSIM_SOURCE_DIR "/scenarios/data/dk_lfs_flows_quarterly.csv");
    ASSERT_TRUE(flows.ok()) << flows.problems.front();
    EXPECT_EQ(quarter_label(flows.first), "2010Q1");
    EXPECT_EQ(quarter_label(flows.last), "2017Q3");
    // Men and women add up to the total within the rounding of each (scenarios/data/SOURCES.md).
    for (QuarterNumber q = flows.first; q <= flows.last; ++q)
        for (int from = 0; from < 3; ++from)
            for (int to = 0; to < 3; ++to)
                EXPECT_LE(
                    std::abs(flows.at(q, 1, from, to) + flows.at(q, 2, from, to) - flows.at(q, 0, from, to)),
                    1.0)
                    << quarter_label(q);
    // 2012-2014: the flows from 2012Q1 to those from 2014Q4.
    const QuarterNumber first = 4 * 2012;
    const QuarterNumber last = 4 * 2014 + 3;
    for (int sex = 0; sex < 3; ++sex) {
        const Eigen::Matrix3d quarterly = pooled_quarterly_matrix(flows, sex, first, last);
        const stats::TransitionRoot root = monthly_matrix(quarterly);
        ASSERT_EQ(root.status, stats::RootStatus::exact) << flow_sexes[static_cast<std::size_t>(sex)];
        const Eigen::MatrixXd cube = root.transition * root.transition * root.transition;
        EXPECT_LT((cube - quarterly).cwiseAbs().maxCoeff(), 1e-12);
        for (int from = 0; from < 3; ++from) {
            EXPECT_NEAR(root.transition.row(from).sum(), 1.0, 1e-12);
            // A month's chance of leaving a status is about a third of a quarter's, a little more.
            const double quarter_leaves = 1.0 - quarterly(from, from);
            const double month_leaves = 1.0 - root.transition(from, from);
            EXPECT_GT(month_leaves, quarter_leaves / 3.0);
            EXPECT_LT(month_leaves, quarter_leaves / 3.0 * 1.5);
        }
        std::printf("%s, monthly (rows from, columns to: employment, unemployment, inactivity):\n",
                    std::string(flow_sexes[static_cast<std::size_t>(sex)]).c_str());
        for (int from = 0; from < 3; ++from)
            std::printf("  %.5f %.5f %.5f\n", root.transition(from, 0), root.transition(from, 1),
                        root.transition(from, 2));
    }
}

} // namespace
} // namespace migsim
