#pragma once
// `migsim export FILE --csv DIR`: every array of a migsim output (a run's, an ensemble's, a
// comparison's or a sensitivity study's) as a tidy long CSV table, for tools that do not read HDF5.
//
// One table per dataset, at DIR/<the dataset's path>.csv (/truth/population -> DIR/truth/population.csv):
// a header, then one row per cell with one column per dimension, named after the dimension and
// holding its labels as the file's dimension scales give them (area codes, "male"/"female", years,
// ages), and a last column `value`. Rows follow the dataset's order (row-major, the last dimension
// fastest). Integers are written as integers, floating-point numbers in the shortest form that
// reads back to the same double (std::to_chars), NaN and infinities as NaN, Inf and -Inf (as R and
// pandas read them); texts are quoted when RFC 4180 requires it. Dimension scales become the label
// columns, not tables of their own; 0-d datasets are skipped. The scalar attributes of /meta (the
// seed, the start, the months, the resolved scenario...) go to DIR/meta.csv as key,value rows.
//
// The labels come from the dimension scales attached in the file (H5DS), not from the declared
// schema, so that every layout exports alike. Arrays are read in hyperslabs of at most a million
// cells (CsvExportOptions::cells_per_read) and written as they are read: memory does not grow with the array.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace migsim {

struct CsvExportOptions {
    /// Groups to export, with everything below them ("/truth" holds /truth/flows too); all if empty.
    std::vector<std::string> groups;
    /// Cells read from the file at once (8 MiB of values by default); small in tests, so that slabs
    /// end at every kind of place.
    std::uint64_t cells_per_read = std::uint64_t{1} << 20;
    /// Called after each table is complete, with its path and its number of rows (the header aside).
    std::function<void(const std::string& path, std::uint64_t rows)> on_table_written;
};

struct CsvTable {
    std::string path;
    std::uint64_t rows = 0;
};

struct CsvExport {
    std::vector<CsvTable> tables;
    /// Why nothing was exported, or "" on success. Every table written by the call was removed then.
    std::string problem;
    /// The problem is a mistake of the command line (a --group the file does not have).
    bool command_line_problem = false;
    bool ok() const { return problem.empty(); }
};

/// Exports the arrays of the migsim output `file` into `folder` (created if needed). Each table
/// is written under a temporary name and renamed when complete; on any failure every table written
/// by this call, and every folder it created, is removed.
CsvExport export_csv(const std::string& file, const std::string& folder, const CsvExportOptions& options);

} // namespace migsim
