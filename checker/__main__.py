"""`python -m checker` runs the numcheck command line."""
from checker.cli import main

main()
