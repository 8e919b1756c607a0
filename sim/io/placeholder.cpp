// Removed once the HDF5 writer lands.
