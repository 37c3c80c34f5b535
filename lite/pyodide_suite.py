"""The symbolic part of the test suite, run by pytest inside Pyodide (lite/run_in_pyodide.mjs).

Runs with the mathkit wheel installed in Pyodide and no numpy, matplotlib or ipywidgets there
(none is built for Pyodide on a registry this project can reach offline):

- ``REQUIRED`` test files always run; a failure to import one is a failure.
- ``WHEN_IMPORTABLE`` files run when present and importable without numpy (closed forms and
  chain rules, exercise checking, ...): the report names those left out and why.
- doctests of the symbolic modules, from the installed wheel;
- ``test_in_pyodide.py``: what only Pyodide can show (platform, time budget strategy, imports).

A test that needs a child process (the size tables time the parser in one, which Pyodide cannot
start) is reported skipped with that reason; test_in_pyodide.py parses those tables in-process.
Prints ``pyodide: N passed, N failed`` and returns pytest's exit code.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

import pytest

TESTS = Path("/work/tests")
REQUIRED = ["test_parse.py", "test_parse_security.py", "test_calculus.py"]
WHEN_IMPORTABLE = [
    "test_shapes.py",
    "test_exercises.py",
    "test_exercises_part2.py",
    "test_kinds.py",
    "test_equivalence.py",
    "test_text.py",
    "test_mistakes.py",
    "test_closed_form.py",
    "test_chain.py",
    "test_vectors.py",
    "test_neuron.py",
    "test_check.py",
    "test_properties.py",
]
# parse.py and its steps (mathkit/parse_*.py), each with doctests
PARSE_MODULES = ["mathkit.parse", "mathkit.parse_limits", "mathkit.parse_tokens",
                 "mathkit.parse_spelling", "mathkit.parse_rows", "mathkit.parse_products",
                 "mathkit.parse_tree", "mathkit.parse_build", "mathkit.parse_names",
                 "mathkit.parse_numbers", "mathkit.parse_lists"]  # fmt: skip
DOCTEST_MODULES = [*PARSE_MODULES, "mathkit.calculus", "mathkit.shapes", "mathkit.render"]
DOCTESTS_WHEN_IMPORTABLE = ["mathkit.closed_form", "mathkit.chain", "mathkit.vectors",
                            "mathkit.corners", "mathkit.equivalence",
                            "mathkit.text", "mathkit.mistakes", "mathkit.exercises"]  # fmt: skip
# not mathkit.neuron's doctests: they show float examples too, evaluated with numpy.
# not mathkit.budget's doctests: their example of an endless loop stopped by the budget would run
# for ever where the strategy is "none"; test_in_pyodide.py checks the budget there instead
DESELECTED: dict[str, str] = {}  # test id -> why (none at present)
NOT_IN_BROWSER = ("numpy", "matplotlib", "ipywidgets")
# Fuzz and property tests run their full example counts on the host; here at most this many each
# (wasm is several times slower, and what Pyodide can break differently shows in a few examples).
MAX_EXAMPLES = 60


def cap_hypothesis_examples(cap: int = MAX_EXAMPLES) -> None:
    """Make every ``@settings(max_examples=N)`` (and the default) ask for at most ``cap``."""
    import hypothesis

    original = hypothesis.settings.__init__

    def capped(self, parent=None, **kwargs):
        if kwargs.get("max_examples", 0) > cap:
            kwargs["max_examples"] = cap
        original(self, parent, **kwargs)

    hypothesis.settings.__init__ = capped
    hypothesis.settings.register_profile("pyodide", max_examples=cap, deadline=None)
    hypothesis.settings.load_profile("pyodide")


class Counter:
    """pytest plugin counting outcomes; a test that fails only because it needs numpy (a
    finite-difference check inside a symbolic test file) is reported skipped, with that reason,
    except in test_in_pyodide.py, which must pass as it is."""

    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.needs: dict[str, int] = {}

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        error = call.excinfo.value if call.excinfo is not None else None
        needs = (getattr(error, "name", None) or "").split(".")[0]
        if isinstance(error, ModuleNotFoundError) and needs in NOT_IN_BROWSER:
            pass
        elif isinstance(error, OSError) and "does not support processes" in str(error):
            needs = "a child process"
        else:
            return
        if item.path.name != "test_in_pyodide.py":
            report.outcome = "skipped"
            report.longrepr = (str(item.path), item.location[1] or 0, f"needs {needs}")
            self.needs[needs] = self.needs.get(needs, 0) + 1

    def pytest_runtest_logreport(self, report):
        if report.when == "call" and report.passed:
            self.passed += 1
        elif report.failed:
            self.failed += 1
        elif report.skipped and report.when in ("setup", "call"):
            self.skipped += 1

    def pytest_collectreport(self, report):
        if report.failed:
            self.failed += 1


def missing_dependency(path: Path) -> str | None:
    """The browser-less module a test file needs, or None if it imports here."""
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(f"_probe_{path.stem}", path)
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] in NOT_IN_BROWSER:
            return error.name
        raise
    finally:
        sys.path.remove(str(path.parent))
    return None


def module_missing_dependency(name: str) -> str | None:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        return error.name
    return None


def selection() -> tuple[list[str], list[str]]:
    """(pytest arguments, lines saying what was left out and why)."""
    args, left_out = [str(TESTS / name) for name in REQUIRED], []
    for name in WHEN_IMPORTABLE:
        path = TESTS / name
        if not path.exists():
            continue
        needs = missing_dependency(path)
        if needs:
            left_out.append(f"{name}: needs {needs} (checked online only)")
        else:
            args.append(str(path))
    modules = list(DOCTEST_MODULES)
    for name in DOCTESTS_WHEN_IMPORTABLE:
        needs = module_missing_dependency(name)
        if needs is None:
            modules.append(name)
        elif needs.split(".")[0] not in NOT_IN_BROWSER and needs != name:
            raise ModuleNotFoundError(f"{name} needs {needs}, which the wheel should hold")
        elif needs != name:
            left_out.append(f"doctests of {name}: needs {needs} (checked online only)")
    args += [str(Path(importlib.import_module(m).__file__)) for m in modules]
    args.append("/work/test_in_pyodide.py")
    for test, why in DESELECTED.items():
        args += ["--deselect", f"tests/{test}"]
        left_out.append(f"{test}: {why}")
    return args, left_out


CRASH_CHECK = "/work/test_in_pyodide.py::test_a_long_run_of_signs_is_refused_not_a_crash"


def main(extra: list[str] | None = None) -> int:
    """Run the selection (``extra``: more pytest options), or with ``--crash-check`` only the
    test that may take Pyodide down (a fatal error ends the process: nothing after it runs)."""
    extra = list(extra or [])
    if "--crash-check" in extra:
        extra.remove("--crash-check")
        return int(pytest.main(["-q", "-p", "no:cacheprovider", "-o", "addopts=", *extra,
                                CRASH_CHECK]))  # fmt: skip
    cap_hypothesis_examples()
    args, left_out = selection()
    args += ["--deselect", CRASH_CHECK.removeprefix("/work/")]
    left_out.append("the run-of-signs check: it may kill Pyodide, so it runs alone")
    counter = Counter()
    options = ["-q", "-p", "no:cacheprovider", "-p", "no:faulthandler", "--rootdir", "/work",
               "--doctest-modules", "-W", "ignore::pytest.PytestConfigWarning",
               "-o", "addopts=", "-o", "markers=slow\n browser"]  # fmt: skip
    code = pytest.main(options + extra + args, plugins=[counter])
    ran = [Path(a).name for a in args if a.endswith(".py")]
    print(f"pyodide: ran {', '.join(ran)} (hypothesis: at most {MAX_EXAMPLES} examples a test)")
    for line in left_out:
        print(f"pyodide: not run: {line}")
    for name, count in counter.needs.items():
        where = "in-process tables in test_in_pyodide.py" if "process" in name else "online only"
        print(f"pyodide: skipped {count} tests that need {name} ({where})")
    print(f"pyodide: {counter.passed} passed, {counter.failed} failed, {counter.skipped} skipped")
    return int(code)
