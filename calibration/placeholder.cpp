// Removed once the base population builder lands.
