import pathlib
import sys

# Run against the build tree's package when PYTHONPATH does not already point at one.
try:
    import numresp  # noqa: F401
except ImportError:  # pragma: no cover - depends on how pytest is launched
    root = pathlib.Path(__file__).resolve().parents[3]
    for candidate in (root / "build" / "dev" / "python", root / "build" / "ci" / "python"):
        if (candidate / "numresp").is_dir():
            sys.path.insert(0, str(candidate))
            break
