"""Imports every rule module so that each registers itself (one rule per module)."""
from checker.rules import (  # noqa: F401
    nc101_part_exceeds_whole,
    nc102_parts_exceed_whole,
    nc103_total_mismatch,
    nc104_fraction_mismatch,
    nc105_percent_out_of_range,
    nc106_range_inverted,
    nc107_conflicting_values,
    nc108_date_mismatch,
    nc109_conversion_mismatch,
    nc110_count_mismatch,
    nc111_change_mismatch,
    nc112_adjacent_values,
)
