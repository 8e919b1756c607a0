// Removed once scenario loading lands.
