"""Demo data: forms filled as a clerk would, ingested, and reports built."""
