// Run the symbolic part of the test suite inside Pyodide, in Node, offline.
//
//   node lite/run_in_pyodide.mjs PYODIDE_DIR REPO_ROOT MATHKIT_WHEEL [PYTEST_ARGS...]
//
// PYODIDE_DIR is a local Pyodide (lite/local_pyodide.py): micropip and sympy load from it. The
// mathkit wheel and the test-only wheels (pytest, hypothesis, ...) install with micropip, no
// dependencies. The repository's tests/ and pyproject.toml are copied into Pyodide's memory
// (nothing is written to the checkout); lite/pyodide_suite.py picks the test files and runs pytest.
// Exit code: pytest's. Timings go to stderr as "lite-timing NAME SECONDS".
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, repo, wheel] = process.argv.slice(2, 5).map((p) => resolve(p));
const pytestArgs = process.argv.slice(5); // passed on to pytest (e.g. -v, -k NAME)
const started = performance.now();
const timing = (name) =>
  process.stderr.write(`lite-timing ${name} ${((performance.now() - started) / 1000).toFixed(2)}\n`);

const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
timing("runtime");

function copyInto(source, target) {
  if (statSync(source).isDirectory()) {
    if (["__pycache__", "browser", ".hypothesis"].includes(basename(source))) return;
    pyodide.FS.mkdirTree(target);
    for (const name of readdirSync(source)) copyInto(join(source, name), `${target}/${name}`);
  } else {
    pyodide.FS.writeFile(target, readFileSync(source));
  }
}

await pyodide.loadPackage(["micropip", "sympy"], { errorCallback: (m) => console.error(m) });
pyodide.FS.mkdirTree("/wheels");
const testWheels = ["pytest", "pluggy", "iniconfig", "packaging", "pygments", "hypothesis",
  "attrs", "sortedcontainers"];
const local = readdirSync(pyodideDir).filter((f) => f.endsWith(".whl") &&
  testWheels.includes(f.split("-")[0].toLowerCase()));
for (const f of [...local.map((f) => join(pyodideDir, f)), wheel]) {
  pyodide.FS.writeFile(`/wheels/${basename(f)}`, readFileSync(f));
}
await pyodide.runPythonAsync(`
import os, micropip
await micropip.install(["emfs:/wheels/" + f for f in sorted(os.listdir("/wheels"))], deps=False)
`);
timing("installed");

copyInto(join(repo, "tests"), "/work/tests");
pyodide.FS.writeFile("/work/pyproject.toml", readFileSync(join(repo, "pyproject.toml")));
pyodide.FS.writeFile("/work/pyodide_suite.py", readFileSync(join(repo, "lite", "pyodide_suite.py")));
pyodide.FS.writeFile("/work/test_in_pyodide.py", readFileSync(join(repo, "lite", "test_in_pyodide.py")));

pyodide.globals.set("extra_args", pyodide.toPy(pytestArgs));
const code = await pyodide.runPythonAsync(`
import os, sys
os.chdir("/work")
sys.path.insert(0, "/work")
import pyodide_suite
pyodide_suite.main(list(extra_args))
`);
timing("tests");
process.exit(code);
