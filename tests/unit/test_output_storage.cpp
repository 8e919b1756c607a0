// links: migsim_io
// `migsim validate` judges the file it is given and nothing else: a link or a mapping out of the file
// is reported without being followed (once, a link to another valid output's data passed as valid,
// and one to a FIFO blocked for ever), and a filter migsim does not write is reported without
// loading a plugin for it.
#include "io/hdf5_handles.hpp"
#include "io/hdf5_writer.hpp"
#include "io/isolated_validation.hpp"
#include "io/output_validator.hpp"
#include "support/output_test.hpp"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <sys/stat.h>

namespace migsim {
namespace {

using namespace migsim::testing;
using namespace std::chrono_literals;

constexpr const char* replaced_path = "/truth/population";

/// An identity filter registered as lzf (32000), so that a dataset can be written with it.
std::size_t pass_through(unsigned, std::size_t, const unsigned[], std::size_t bytes, std::size_t*, void**) {
    return bytes;
}

class OutputStorageTest : public OutputTest {
protected:
    void SetUp() override {
        OutputTest::SetUp();
        write_output(file("run.h5"), tiny_run());
        write_output(file("other.h5"), tiny_run());
        ASSERT_EQ(::mkfifo(file("fifo").c_str(), 0600), 0);
    }

    /// Replaces /truth/population of run.h5 by what `make` creates at that path.
    void replace(const std::function<void(hid_t file)>& make) {
        const hdf5::File h5(H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        ASSERT_TRUE(h5);
        ASSERT_GE(H5Ldelete(h5.get(), replaced_path, H5P_DEFAULT), 0);
        make(h5.get());
    }

    /// Creates at /truth/population a dataset of its shape with the given creation properties.
    static void create_population(hid_t h5, hid_t properties) {
        const hsize_t shape[4] = {3, 3, 2, 101};
        const hdf5::Dataspace space(H5Screate_simple(4, shape, nullptr));
        const hdf5::Dataset dataset(
            H5Dcreate2(h5, replaced_path, H5T_STD_I32LE, space.get(), H5P_DEFAULT, properties, H5P_DEFAULT));
        ASSERT_TRUE(dataset);
    }

    /// The problems of run.h5, found in a child process within 20 s: a check that blocks is a failure
    /// of the test, not a hang of the suite.
    std::vector<std::string> problems() {
        return run_isolated(
                   file("run.h5"), [&] { return validate_output(file("run.h5")); }, 20s)
            .problems;
    }
};

TEST_F(OutputStorageTest, AnExternalLinkIsReportedNotFollowed) {
    for (const std::string& target : {file("other.h5"), file("fifo")}) {
        write_output(file("run.h5"), tiny_run());
        replace([&](hid_t h5) {
            ASSERT_GE(H5Lcreate_external(target.c_str(), replaced_path, h5, replaced_path, H5P_DEFAULT,
                                         H5P_DEFAULT),
                      0);
        });
        const auto found = problems();
        EXPECT_TRUE(mentions(found, "/truth/population: an external link to /truth/population in the file " +
                                        target + "; a migsim output holds its data itself"))
            << joined(found);
        EXPECT_FALSE(mentions(found, "did not finish")) << joined(found);
    }
}

TEST_F(OutputStorageTest, ASoftLinkIsReported) {
    replace([](hid_t h5) {
        ASSERT_GE(H5Lcreate_soft("/sources/register/population", h5, replaced_path, H5P_DEFAULT, H5P_DEFAULT),
                  0);
    });
    EXPECT_EQ(problems(), std::vector<std::string>{"/truth/population: a soft link to "
                                                   "/sources/register/population; a migsim output holds "
                                                   "its data itself, so the link is not followed"});
}

TEST_F(OutputStorageTest, AVirtualDatasetIsReportedBeforeAnyOfItsValuesIsRead) {
    for (const std::string& source : {file("other.h5"), file("fifo")}) {
        write_output(file("run.h5"), tiny_run());
        replace([&](hid_t h5) {
            const hsize_t shape[4] = {3, 3, 2, 101};
            const hdf5::Dataspace space(H5Screate_simple(4, shape, nullptr));
            const hdf5::PropertyList properties(H5Pcreate(H5P_DATASET_CREATE));
            ASSERT_GE(
                H5Pset_virtual(properties.get(), space.get(), source.c_str(), replaced_path, space.get()), 0);
            create_population(h5, properties.get());
        });
        const auto found = problems();
        EXPECT_TRUE(mentions(found, "/truth/population: a virtual dataset")) << joined(found);
        EXPECT_FALSE(mentions(found, "did not finish")) << joined(found);
    }
}

TEST_F(OutputStorageTest, ValuesInExternalStorageAreReported) {
    replace([&](hid_t h5) {
        const hdf5::PropertyList properties(H5Pcreate(H5P_DATASET_CREATE));
        ASSERT_GE(H5Pset_external(properties.get(), file("fifo").c_str(), 0, 3 * 3 * 2 * 101 * 4), 0);
        create_population(h5, properties.get());
    });
    const auto found = problems();
    EXPECT_TRUE(mentions(found, "/truth/population: its values are stored in external files"))
        << joined(found);
}

TEST_F(OutputStorageTest, AFilterMigsimDoesNotWriteIsReported) {
    const H5Z_class2_t lzf = {H5Z_CLASS_T_VERS, 32000, 1, 1, "lzf", nullptr, nullptr, pass_through};
    ASSERT_GE(H5Zregister(&lzf), 0);
    replace([&](hid_t h5) {
        const hdf5::PropertyList properties(H5Pcreate(H5P_DATASET_CREATE));
        const hsize_t chunk[4] = {1, 3, 2, 101};
        ASSERT_GE(H5Pset_chunk(properties.get(), 4, chunk), 0);
        ASSERT_GE(H5Pset_filter(properties.get(), 32000, H5Z_FLAG_MANDATORY, 0, nullptr), 0);
        create_population(h5, properties.get());
    });
    EXPECT_TRUE(mentions(problems(), "/truth/population: stored with the unsupported filter 32000 (lzf)"))
        << joined(problems());
}

} // namespace
} // namespace migsim
