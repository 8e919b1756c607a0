#pragma once
// Writes a run's outputs to HDF5 in the layout declared in output_schemas/ (io/output_schema.hpp).
//
// Every group that holds arrays is a self-contained netCDF-4-style group: its dims are dimension
// scales (coordinate variables) of its own, attached to each dataset, so that
//   xarray.open_dataset(path, group="truth/flows", engine="h5netcdf")
// gives named dims with their labels. Datasets carry `units` and `description` attributes and are
// chunked and compressed (shuffle + deflate).
#include "io/output_contents.hpp"
#include "io/output_error.hpp"
#include "io/output_file.hpp"
#include "io/output_schema.hpp"

#include <functional>
#include <string>
#include <vector>

namespace migsim {

struct WriteOptions {
    /// Called after each group is complete, with its path (progress reporting). An exception
    /// thrown from it aborts the write like any other failure.
    std::function<void(const std::string& group_path)> on_group_written;
    /// The run's input files, which the output must not replace.
    std::vector<ProtectedFile> inputs;
};

/// Checks `contents` against the schema and `path` as a target (io/output_file.hpp), throwing
/// OutputError listing every problem before anything is written; builds the file in memory and
/// writes it to a new temporary file in the same folder, renamed to `path` once complete and on
/// disk. On any failure the temporary file is removed and a file already at `path` is left
/// untouched. Compressed chunks carry a Fletcher-32 checksum. /meta/created is set to the current
/// UTC time; everything else depends only on `contents`, so the same contents give the same bytes.
void write_output(const std::string& path, const OutputContents& contents, const WriteOptions& options = {});

/// The same against another schema (tests, or a future layout).
void write_output(const std::string& path, const OutputContents& contents, const OutputSchema& schema,
                  const WriteOptions& options = {});

} // namespace migsim
