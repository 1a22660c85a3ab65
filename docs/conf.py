# Sphinx configuration for numresp's documentation.
#
# Built by the CMake target `docs` (docs/CMakeLists.txt), which runs Doxygen first and then
#
#   sphinx-build -W --keep-going -n -b html \
#       -Dbreathe_projects.numresp=<build>/docs/xml -Drelease=<version> -Dversion=<major.minor> \
#       docs <build>/docs/html
#
# This file holds no build paths. Two things come from the environment:
# - the Doxygen XML directory, through -Dbreathe_projects.numresp=...;
# - NUMRESP_PYTHONPATH, the build tree's python/ folder, prepended to sys.path so that autodoc
#   documents the freshly built `numresp` package; the build fails if it does not import. When
#   NUMRESP_PYTHONPATH is unset (a build without the Python module) and `numresp` cannot be
#   imported, the Python API page is replaced by a short note (see _python_api_unavailable).

import json
import os
import re
import sys
from pathlib import Path

_docs_dir = Path(__file__).resolve().parent
_source_dir = _docs_dir.parent

# -- Python package --------------------------------------------------------------------------

_python_path = os.environ.get("NUMRESP_PYTHONPATH")
if _python_path:
    sys.path.insert(0, _python_path)

try:
    import numresp  # noqa: F401

    numresp_python_available = True
except ImportError as error:
    if _python_path:
        # CMake built the module for this run: a failed import is a bug to report, not a page to
        # leave out.
        raise RuntimeError(f"NUMRESP_PYTHONPATH={_python_path}, but numresp does not import: {error}")
    numresp_python_available = False
    _python_import_error = str(error)

# -- Project ---------------------------------------------------------------------------------

project = "numresp"
author = "the numresp authors"
copyright = "2026, the numresp authors"


def _header_version():
    """The version in include/numresp/core/version.hpp, for builds run without -Drelease."""
    text = (_source_dir / "include" / "numresp" / "core" / "version.hpp").read_text()
    match = re.search(r'#define NUMRESP_VERSION_STRING "([0-9]+\.[0-9]+\.[0-9]+)"', text)
    return match.group(1) if match else "unknown"


# CMake passes -Drelease=... -Dversion=...; these are the fallbacks for a bare sphinx-build.
release = _header_version()
version = ".".join(release.split(".")[:2])

# -- General ---------------------------------------------------------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

extensions = [
    "factor_tables",
    "breathe",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "nbsphinx",
]

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints"]
templates_path = []
# Roles and directives name their domain (:cpp:func:, :py:class:); unqualified ones are Python's,
# as in the docstrings that autodoc and napoleon turn into reST.
primary_domain = "py"
# Literal blocks without a language (``::``) are shown as plain text.
highlight_language = "text"
default_role = "code"

# Every cross-reference must resolve (sphinx-build -n). The exceptions are the names of other
# libraries that appear in rendered C++ declarations: Sphinx has no inventory for Abseil,
# Boost.Units or the standard library, and Boost.Units' member names (from_value,
# dimension_type, ...) are not ours to document.
nitpicky = True
nitpick_ignore_regex = [
    ("py:class", r"FactorSetArg"),
    # Python types of other projects, in signatures and type hints (no intersphinx: offline).
    ("py:class", r"pandas\.DataFrame|os\.PathLike|collections\.abc\.Mapping|numpy\.ndarray|numpy\.datetime64|array_like|pandas\.Series"),
    ("cpp:identifier", r"std(::.*)?"),
    ("cpp:identifier", r"absl(::.*)?"),
    ("cpp:identifier", r"boost(::.*)?"),
    # `bu` is numresp::units' alias for boost::units.
    ("cpp:identifier", r"bu(::.*)?"),
    # Boost.Units' static factory, in the initialisers of the unit constants.
    ("cpp:identifier", r"[a-z0-9_]+::from_value"),
    # Boost.Units' dimension_type member of a base dimension.
    ("cpp:identifier", r"[a-z0-9_]+_base_dimension::dimension_type"),
    # The standard `::value` of a type trait, in is_quantity_v's initialiser.
    ("cpp:identifier", r"is_quantity<T>::value"),
    # The quantity type of numresp::devices::report_quantity's specialisations, in
    # device_result::get's signature: the primary template declares no members.
    ("cpp:identifier", r"report_quantity<C>::type"),
    # GoogleMock, in the status matchers' declarations.
    ("cpp:identifier", r"testing(::.*)?"),
    # Our own namespaces, as prefixes of qualified names (numresp::units::kg_co2e,
    # units::co2e_mass): Sphinx's C++ domain has no directive that declares a namespace.
    ("cpp:identifier", r"numresp(::[a-z_]+)*"),
    ("cpp:identifier", r"units|factors|io|usage|traffic"),
    # The version macros, in the initialisers of numresp::version_string and version_number:
    # they are documented as C macros, which a C++ identifier does not resolve to.
    ("cpp:identifier", r"NUMRESP_VERSION_(MAJOR|MINOR|PATCH|STRING)"),
    # numresp::sensors::column<T> is an alias template (std::vector with a column allocator),
    # which Breathe renders but Sphinx's C++ domain cannot declare.
    ("cpp:identifier", r"column<.*>"),
    # Other projects' types and plain words in numpydoc "Parameters"/"Returns" sections (no
    # intersphinx: the docs build offline).
    ("py:class", r"\(?(pandas\.|np\.|numpy\.|datetime\.|_dt\.|dask\.)[A-Za-z_.]+\)?|DataFrame|\(?(float|dict|str|int)\)?"),
    ("py:class", r"iterable|sequence|path|str/bytes|float \(seconds\)|\(accepted|rejected\)|Reference"),
    ("py:class", r"The double-sided error|the mass between two points"),
    # The compiled states of numresp._core.sensors, documented in prose (pybind11 classes).
    ("py:class", r"(numresp\.sensors\.)?(WindowTable|Stats)"),
    # Module-level column lists named in docstrings but documented with their modules.
    ("py:data", r"(ACTIVITY|REJECTED|UNCERTAINTY|READING)_COLUMNS"),
]

# -- Breathe (C++ API from Doxygen XML) ------------------------------------------------------

breathe_projects = {}  # set with -Dbreathe_projects.numresp=<xml dir>
breathe_default_project = "numresp"
breathe_default_members = ("members",)
breathe_domain_by_extension = {"hpp": "cpp"}
breathe_show_include = True

# -- autodoc (Python API) --------------------------------------------------------------------

autodoc_member_order = "bysource"
# pybind11 puts a class's constructor signature in __init__'s docstring.
autoclass_content = "both"
autodoc_typehints = "description"
napoleon_google_docstring = False
napoleon_numpy_docstring = True
# Reads "float, optional" as a type and a keyword, rather than as two class names to link.
napoleon_preprocess_types = True


def _public_signature(app, what, name, obj, options, signature, return_annotation):
    """pybind11 signatures name the compiled module's types and the instance
    (``to_dict(self: numresp._core.Estimate) -> dict``); show the public names instead, and drop
    ``self``, as for a method written in Python."""
    def public(text):
        return text.replace("numresp._core.", "numresp.") if text else text

    if signature and what in ("method", "class"):
        signature = re.sub(r"^\(self: [\w.]+(, )?", "(", signature)
    return public(signature), public(return_annotation)


def _drop_type_docstrings(app, what, name, obj, options, lines):
    """A module constant (a str, a tuple, a dict) has no docstring of its own; autodoc would show
    its type's (``str.__doc__``...). Keep only what the page says about it."""
    if what == "data" and getattr(obj, "__doc__", None) == getattr(type(obj), "__doc__", None):
        lines.clear()


# -- Notebooks (nbsphinx) --------------------------------------------------------------------

# docs/notebooks/*.ipynb are symlinks to examples/notebooks/, stored without outputs. nbsphinx runs
# them on every build (a cell error fails it) in a kernel of this interpreter that has
# NUMRESP_PYTHONPATH first on its PYTHONPATH (see _notebook_kernel), so that they import the
# freshly built numresp. Without the Python package they are shown unexecuted.
nbsphinx_execute = "always" if numresp_python_available else "never"
nbsphinx_timeout = 120  # seconds per cell
nbsphinx_allow_errors = False
nbsphinx_kernel_name = "numresp-docs"


def _notebook_kernel(app):
    """Writes the kernel spec nbsphinx uses into the doctrees folder and puts it on JUPYTER_PATH:
    the kernel is the Python running Sphinx (Debian's, with numpy, pandas and matplotlib) and
    inherits its environment, whatever kernel specs the machine has."""
    base = Path(app.doctreedir) / "nbsphinx-kernel"
    spec_dir = base / "kernels" / nbsphinx_kernel_name
    spec_dir.mkdir(parents=True, exist_ok=True)
    path = [p for p in [_python_path] + os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (numresp docs)", "language": "python",
            "env": {"PYTHONPATH": os.pathsep.join(path), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}}
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))
    jupyter_path = [str(base)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(jupyter_path)


# -- HTML ------------------------------------------------------------------------------------

html_theme = "furo"
html_static_path = []
html_show_sourcelink = False

# -- Python API page without the Python package ----------------------------------------------

_PYTHON_API_DOCNAME = "python-api/index"
_python_api_unavailable = """\
Python API
==========

.. note::

   This copy of the documentation was built without the Python package, so the reference
   of ``numresp`` and ``numresp.units`` is not included. Configure with
   ``-DNUMRESP_BUILD_PYTHON=ON`` (the default for a top-level build) and build the target
   ``docs`` again: CMake then builds the module first and points Sphinx at it.

   Import error: ``{error}``
"""


def _replace_python_api_page(app, docname, source):
    """Replaces the Python API page by a note when `numresp` cannot be imported, so that the
    page, its toctree entry and the build stay valid (and free of autodoc import warnings)."""
    if docname == _PYTHON_API_DOCNAME:
        error = _python_import_error.replace("`", "'")
        source[0] = _python_api_unavailable.format(error=error)


def _unlinked_python_reference(app, env, node, contnode):
    """Without the Python API page, a reference to a Python name of numresp from another page is
    shown as plain code instead of failing as a broken link."""
    if node.get("refdomain") == "py" and node.get("reftarget", "").startswith("numresp"):
        return contnode
    return None


def _always_reread_python_api(app, env, added, changed, removed):
    """Sphinx does not track the compiled module that autodoc reads: read the page every time."""
    return [_PYTHON_API_DOCNAME] if _PYTHON_API_DOCNAME in env.found_docs else []


def _set_title(app, config):
    """The title shows the release, which -Drelease sets after this file has run."""
    config.html_title = f"numresp {config.release}"


def setup(app):
    app.connect("config-inited", _set_title)
    app.connect("autodoc-process-signature", _public_signature)
    app.connect("autodoc-process-docstring", _drop_type_docstrings)
    app.connect("env-get-outdated", _always_reread_python_api)
    app.connect("builder-inited", _notebook_kernel)
    if not numresp_python_available:
        app.connect("source-read", _replace_python_api_page)
        app.connect("missing-reference", _unlinked_python_reference)
