#!/usr/bin/env bash
# `pip install --no-build-isolation .` into a fresh venv made from Debian's Python with
# --system-site-packages, offline, then import the package from outside the source tree.
# Usage: pip_install_check.sh PYTHON SOURCE_DIR WORK_DIR
set -euo pipefail
python=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
"$python" -m venv --system-site-packages "$work/venv"
# The build runs CMake in a folder of its own; reuse it between runs to keep them fast.
export NUMRESP_SETUP_BUILD_DIR="$work/../pip-build"
"$work/venv/bin/pip" install --no-build-isolation --no-index --no-deps --quiet "$src"
cd "$work"
"$work/venv/bin/python" -c "import numresp, sys; \
assert numresp.__file__.startswith(sys.prefix), numresp.__file__; \
assert numresp.units.convert(1.0, 'kWh', 'Wh') == 1000.0; \
print('numresp', numresp.__version__, 'installed at', numresp.__file__)"
