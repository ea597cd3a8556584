"""`python -m checker` runs the numcheck command line."""
import signal
import sys


def _interrupted(signum, frame):
    raise KeyboardInterrupt


# Installed before the heavy imports, so that even an early SIGTERM leaves no report and says so.
signal.signal(signal.SIGTERM, _interrupted)
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    from checker.cli import main

    main()
except KeyboardInterrupt:
    sys.stderr.write("numcheck: interrupted; no report was written\n")
    sys.exit(130)
