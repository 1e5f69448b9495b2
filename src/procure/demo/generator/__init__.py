"""The demo force generator: pure planning (seeded, no database), then writing in bulk."""
