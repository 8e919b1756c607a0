#pragma once
// Checks of scenario loading shared by its tests: the fixtures, a folder for each test, and the
// problems a load reports, by file, line and key.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "modules/modules.hpp"

namespace migsim::testing {

namespace fs = std::filesystem;

inline const fs::path source_dir = MIGSIM_SOURCE_DIR;
inline const fs::path fixtures = source_dir / "tests/fixtures/scenarios";

inline std::string fixture(const std::string& name) {
    return (fixtures / name).string();
}

inline std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

inline void write_text(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

/// A folder of its own for each test, for scenario variants and tables written by the test.
inline fs::path test_folder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const fs::path folder = fs::path(::testing::TempDir()) / "migsim_test_scenario" /
                            (std::string(info->test_suite_name()) + "." + info->name());
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

inline std::string all_problems(const ScenarioLoad& load) {
    std::string text;
    for (const auto& p : load.problems)
        text += p.to_string() + "\n";
    return text;
}

/// The problems whose key is `key`.
inline std::vector<ScenarioProblem> problems_of(const ScenarioLoad& load, const std::string& key) {
    std::vector<ScenarioProblem> found;
    std::copy_if(load.problems.begin(), load.problems.end(), std::back_inserter(found),
                 [&](const ScenarioProblem& p) { return p.key == key; });
    return found;
}

/// Exactly one problem has this key, file and line, and its message contains `words`.
inline void expect_problem(const ScenarioLoad& load, const std::string& file, int line,
                           const std::string& key, const std::string& words) {
    const auto found =
        std::count_if(load.problems.begin(), load.problems.end(), [&](const ScenarioProblem& p) {
            return p.key == key && p.file == file && p.line == line &&
                   p.message.find(words) != std::string::npos;
        });
    EXPECT_EQ(found, 1) << "expected " << ScenarioProblem{file, line, key, "..." + words + "..."}.to_string()
                        << " once, in:\n"
                        << all_problems(load);
}

} // namespace migsim::testing
