"""`python -m checker` runs the numcheck command line."""
from checker.cli import app

app(prog_name="numcheck")
