"""Cross-checking rules: each module holds one rule with a stable code (NC101...) and name."""
