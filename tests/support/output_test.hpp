#pragma once
// A test fixture with a folder of its own for output files, and the tiny run to write there.
#include <gtest/gtest.h>

#include "support/tiny_output.hpp"

namespace migsim::testing {

class OutputTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device entropy;
        folder_ = fs::temp_directory_path() / ("migsim_test_output_" + std::to_string(entropy()));
        fs::create_directories(folder_);
    }
    void TearDown() override {
        // MIGSIM_KEEP_TEST_OUTPUT=1 keeps the files for a look with h5dump or xarray.
        if (std::getenv("MIGSIM_KEEP_TEST_OUTPUT") != nullptr)
            std::printf("kept %s\n", folder_.c_str());
        else
            fs::remove_all(folder_);
    }

    std::string file(const std::string& name) const { return (folder_ / name).string(); }

    /// Names in the folder, so that a test sees a leftover temporary file.
    std::vector<std::string> folder_entries() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(folder_))
            names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

    fs::path folder_;
};

} // namespace migsim::testing
