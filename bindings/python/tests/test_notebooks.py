"""The analysts' notebooks (examples/notebooks/*.ipynb) run from top to bottom and show their story.

Each notebook is executed with nbclient (Debian's python3-nbclient) in an IPython kernel
(python3-ipykernel), 120 s at most per cell; any cell error fails the test. After execution each
notebook must show at least one matplotlib chart (an image/png output) and one pandas table (a
text/html output with a DataFrame's ``<table class="dataframe">``). The notebooks are stored
without outputs, which is checked too.

The kernel is this interpreter (``sys.executable``, through a kernel spec written to a temporary
folder, so the test does not depend on which kernel specs the machine has) and it imports the
same ``numresp`` as this test: the folder that holds the imported package is put first on the
kernel's PYTHONPATH (CTest sets PYTHONPATH=<build>/python; conftest.py finds build/dev/python
otherwise). The tests are skipped, with the reason, only when nbclient, nbformat or ipykernel is
not installed.
"""

import json
import os
import pathlib
import sys
import time

import pytest

nbformat = pytest.importorskip("nbformat", reason="python3-nbformat is not installed (scripts/install-deps)")
nbclient = pytest.importorskip("nbclient", reason="python3-nbclient is not installed (scripts/install-deps)")
pytest.importorskip("ipykernel", reason="python3-ipykernel is not installed (scripts/install-deps)")

import numresp  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[3]
NOTEBOOKS = ROOT / "examples" / "notebooks"
NAMES = ["devices_fleet", "usage_fact_check", "web", "inclusion_siting", "sensors"]
CELL_TIMEOUT_S = 120
KERNEL_NAME = "numresp-test-python3"


@pytest.fixture(scope="module")
def kernel_dirs(tmp_path_factory):
    """A kernel spec for this interpreter (in <tmp>/kernels, for JUPYTER_PATH), and the kernel's
    environment."""
    base = tmp_path_factory.mktemp("jupyter")
    spec_dir = base / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"Python {sys.version_info.major}.{sys.version_info.minor} (numresp tests)",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec))
    # Not resolve(): in the build tree numresp/__init__.py is a symlink to the sources, which have no _core.
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(numresp.__file__)))
    env = dict(os.environ)
    path = [package_parent] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(path)
    env.pop("MPLBACKEND", None)  # the notebooks use the inline backend (%matplotlib inline)
    env["IPYTHONDIR"] = str(base / "ipython")  # no writes to the home folder
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # quiets debugpy's notice about frozen modules
    runtime = base / "runtime"
    runtime.mkdir()
    return {"jupyter_path": str(base), "runtime": str(runtime), "env": env}


def _outputs(nb):
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            yield index, output


def test_the_five_notebooks_are_there_and_stored_without_outputs():
    found = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    assert found == sorted(NAMES)
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        nbformat.validate(nb)
        assert nb.metadata["kernelspec"]["name"] == "python3", name
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), name
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{name}: outputs stored in a cell"
        text = "\n".join(cell.source for cell in nb.cells)
        assert "SYNTHETIC" in text or "ILLUSTRATIVE" in text, f"{name}: illustrative data must be labelled"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_and_shows_charts_and_tables(name, kernel_dirs, monkeypatch):
    # The client finds the kernel spec on JUPYTER_PATH, starts the kernel and shuts it down.
    monkeypatch.setenv("JUPYTER_PATH", kernel_dirs["jupyter_path"])
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", kernel_dirs["runtime"])  # connection files
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=CELL_TIMEOUT_S, allow_errors=False,
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    started = time.monotonic()
    try:
        client.execute(env=kernel_dirs["env"])
    except nbclient.exceptions.CellExecutionError as error:
        pytest.fail(f"{name}.ipynb: a cell failed:\n{error}", pytrace=False)
    elapsed = time.monotonic() - started

    errors = [(i, o) for i, o in _outputs(nb) if o.output_type == "error"]
    assert not errors, f"{name}: error outputs in cells {[i for i, _ in errors]}"
    images = [i for i, o in _outputs(nb) if o.output_type == "display_data" and "image/png" in o.get("data", {})]
    tables = [i for i, o in _outputs(nb)
              if o.output_type in ("execute_result", "display_data")
              and 'class="dataframe"' in o.get("data", {}).get("text/html", "")]
    assert images, f"{name}: no matplotlib chart (image/png output)"
    assert tables, f"{name}: no pandas DataFrame shown as HTML"
    print(f"{name}.ipynb: {len(nb.cells)} cells, {len(images)} charts, {len(tables)} tables, {elapsed:.1f} s")
