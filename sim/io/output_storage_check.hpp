#pragma once
// The first part of `migsim validate`, before anything a file points to is read: the file holds its
// data itself. Every link is a hard link (a migsim output has no soft, external or user-defined
// links), and every dataset keeps its values in the file (no virtual dataset, no external storage)
// and is stored with no filter but those the writer uses (shuffle, deflate, Fletcher-32). Otherwise
// the HDF5 library would follow a link or a mapping into another file (a valid output's data would
// pass for this file's, a FIFO would block for ever) or load a filter plugin the file asks for.
// Links are listed without being followed, and a dataset's storage is judged from its creation
// properties before any of its values is read. Internal to sim/io.
#include <hdf5.h>

#include <string>
#include <vector>

namespace migsim {

/// Stops the HDF5 library loading filter plugins, for the whole process: a file that asks for one
/// (an lzf-compressed dataset) must not make migsim load code from the plugin folder.
void refuse_filter_plugins();

/// Every link in `file` that is not a hard link, and every dataset whose values lie outside the file
/// or need a filter migsim does not write; one message each, naming the object. Empty = the file
/// holds its data itself, and the rest of the validation may read it.
std::vector<std::string> storage_problems(hid_t file);

} // namespace migsim
