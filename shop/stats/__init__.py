"""Statistics and pipeline health for the zone and for operations (issue #17)."""
