// Replaced by this module's first real file.
