"""Builds the Python package numresp: the pure-Python facade plus numresp._core, compiled by the
project's own CMake build (target _core). Configuration stays in CMake; this file only drives it.

Environment:
  NUMRESP_SETUP_BUILD_DIR  CMake build folder to use (kept between runs for speed).
  CMAKE_BUILD_PARALLEL_LEVEL  jobs (default: the number of CPUs).
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = pathlib.Path(__file__).resolve().parent


def read_version() -> str:
    header = (ROOT / "include" / "numresp" / "core" / "version.hpp").read_text()
    match = re.search(r'^#define NUMRESP_VERSION_STRING "([0-9.]+)"$', header, re.M)
    if not match:
        raise RuntimeError("NUMRESP_VERSION_STRING not found in include/numresp/core/version.hpp")
    return match.group(1)


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        build_dir = pathlib.Path(
            os.environ.get("NUMRESP_SETUP_BUILD_DIR") or pathlib.Path(self.build_temp) / "cmake"
        ).resolve()
        build_dir.mkdir(parents=True, exist_ok=True)
        configure = [
            "cmake",
            "-S", str(ROOT),
            "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            f"-DPython_EXECUTABLE={sys.executable}",
            "-DNUMRESP_BUILD_PYTHON=ON",
            "-DNUMRESP_BUILD_TESTS=OFF",
            "-DNUMRESP_BUILD_BENCHMARKS=OFF",
            "-DNUMRESP_BUILD_EXAMPLES=OFF",
            "-DNUMRESP_BUILD_DOCS=OFF",
            "-DNUMRESP_CHECK_STYLE=OFF",
            "-DNUMRESP_INSTALL=OFF",
        ]
        if shutil.which("ninja") and not (build_dir / "CMakeCache.txt").exists():
            configure += ["-G", "Ninja"]
        subprocess.run(configure, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 2)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_core", "--parallel", jobs], check=True)
        built = sorted((build_dir / "python" / "numresp").glob("_core*.so"))
        if not built:
            raise RuntimeError(f"the CMake build produced no _core module under {build_dir}")
        destination = pathlib.Path(self.get_ext_fullpath(ext.name))
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[-1], destination)


class BuildPyWithSamples(build_py):
    """Also copies the sample city (data/samples/poitiers) into numresp/report/samples/poitiers."""

    def run(self) -> None:
        super().run()
        source = ROOT / "data" / "samples" / "poitiers"
        target = pathlib.Path(self.build_lib) / "numresp" / "report" / "samples" / "poitiers"
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))


setup(
    name="numresp",
    version=read_version(),
    description="Measures a city's responsible-digital plan: device life cycles, usage emissions, "
    "web eco-design, digital inclusion and city sensors, with typed units and sourced factors",
    long_description=(ROOT / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    python_requires=">=3.9",
    install_requires=["numpy"],
    package_dir={"": "bindings/python"},
    packages=["numresp", "numresp.web", "numresp.inclusion", "numresp.sensors", "numresp.report"],
    package_data={"numresp": ["py.typed", "*.pyi"], "numresp.web": ["*.pyi"], "numresp.inclusion": ["*.pyi"], "numresp.sensors": ["*.pyi"],
                  "numresp.report": ["inventory.schema.json", "samples/poitiers/*"]},
    ext_modules=[CMakeExtension("numresp._core")],
    entry_points={"console_scripts": ["numresp = numresp.cli:main"]},
    cmdclass={"build_ext": CMakeBuild, "build_py": BuildPyWithSamples},
    zip_safe=False,
)
