"""The notebook collection itself, read with nbformat only (no kernel).

Each check is a function ``nb -> list of problems``; the parametrized tests assert that every
notebook has none, and ``test_each_check_can_fail`` feeds every check a notebook that breaks it, so
a check that silently passes everything is caught too.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
NAME = re.compile(r"^(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb$")
LINK = re.compile(r"\]\((\d\d-[a-z0-9-]+\.ipynb)\)")
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
IMG_ALT = re.compile(r"""\balt\s*=\s*(["'])\s*[^"'\s][^"']*\1""", re.IGNORECASE)
DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{4,}")
QUIZ_CALL = re.compile(r"(?<![\w.])quiz\(")  # from mathkit.quiz import quiz
QUIZ_KEY = re.compile(r"""(?<![\w.])quiz\(\s*["']([\w.]+)["']""")
MIN_EXERCISES = 2
SELF_TEST_REVISITS = 3  # the summary's exercises send the learner back to at least 3 notebooks
REVISITED = re.compile(r"\bnotebooks? (\d+)(?:(?:,| and| to) (\d+))*")
TRANSPOSE = re.compile(r"\^\{?T\b|ᵀ")
MD_LINK = re.compile(r"(?<!!)\[[^\[\]]+\]\([^)\s]+\)")
HTML_LINK = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
UNDERLINED = re.compile(r"""style\s*=\s*["'][^"']*text-decoration:\s*underline""", re.IGNORECASE)
ONE_OF_MANY = re.compile(r"\b1 (points|outputs|functions|variables|rows|columns|exercises)\b")
WIDGET = "application/vnd.jupyter.widget-view+json"
IGNORE = "# NBVAL_IGNORE_OUTPUT"
MAP_HEADING = "## The map"
LAYOUT_NAMED = re.compile(r"\b(numerator|denominator) layout", re.IGNORECASE)


def number(path: Path) -> int:
    return int(NAME.match(path.name).group(1))


def markdown(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def code(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def output_texts(output) -> list[str]:
    """The text a reader (and nbval) sees in one output, with embedded images cut out."""
    if output.output_type == "stream":
        texts = [output.text]
    elif output.output_type == "error":
        texts = [output.ename, output.evalue]
    else:
        texts = [v for k, v in output.get("data", {}).items() if k.startswith("text/")]
    return [DATA_URI.sub("data:", t if isinstance(t, str) else "".join(t)) for t in texts]


def section(nb, heading: str) -> list:
    """The cells after the markdown line ``heading``, up to the next ``## `` heading."""
    cells, inside = [], False
    for cell in nb.cells:
        lines = cell.source.splitlines() if cell.cell_type == "markdown" else []
        if heading in lines:
            inside = True
            continue
        if inside and any(line.startswith("## ") for line in lines):
            break
        if inside:
            cells.append(cell)
    return cells


# ---------------------------------------------------------------- checks: nb -> list of problems


def check_title(nb, n: int) -> list[str]:
    first = markdown(nb)[0] if markdown(nb) else ""
    problems = (
        [] if first.startswith(f"# {n}. ") else [f"first markdown cell is not titled '# {n}. ...'"]
    )
    for part in ("**Learning objectives**", "**Prerequisites**"):
        if part not in first:
            problems.append(f"first markdown cell has no {part}")
    return problems


def quiz_keys(cells) -> list[str]:
    return [k for c in cells if c.cell_type == "code" for k in QUIZ_KEY.findall(c.source)]


def check_exercises(nb) -> list[str]:
    """Every notebook after 00 ends with a few exercises: at least two quiz widgets."""
    cells = section(nb, "## Exercises")
    quizzes = sum(len(QUIZ_CALL.findall(c.source)) for c in cells if c.cell_type == "code")
    if quizzes < MIN_EXERCISES:
        return [f"'## Exercises' has {quizzes} quiz widgets, fewer than {MIN_EXERCISES}"]
    return []


def check_one_catalog(nb) -> list[str]:
    """A notebook's exercises come from one catalog: every key has the same prefix."""
    prefixes = sorted({key.split(".")[0] for key in quiz_keys(nb.cells)})
    if len(prefixes) > 1:
        return [f"quiz keys from several catalogs: {prefixes}"]
    return []


def check_self_test(nb) -> list[str]:
    """The summary's exercises are a mixed self-test: the text under '## Exercises' sends the
    learner back to the notebooks each one revisits, at least SELF_TEST_REVISITS of them."""
    heading = [s for s in markdown(nb) if "## Exercises" in s.splitlines()]
    cells = section(nb, "## Exercises")
    text = " ".join(heading + [c.source for c in cells if c.cell_type == "markdown"])
    revisited = {int(n) for m in REVISITED.finditer(text) for n in re.findall(r"\d+", m.group(0))}
    if len(revisited) < SELF_TEST_REVISITS:
        names = sorted(revisited)
        return [f"'## Exercises' sends the learner back to notebooks {names} only: not mixed"]
    return []


def check_transpose_explained(nb) -> list[str]:
    """The first markdown cell that writes a transpose (^T) says what a transpose is, or an earlier
    one did: a learner who opens any notebook meets the word before the symbol."""
    seen = ""
    for source in markdown(nb):
        seen += source
        if TRANSPOSE.search(source):
            explained = "transpose" in seen.lower()
            return [] if explained else [f"^T before the word 'transpose': {source[:60]!r}"]
    return []


def check_links_underlined(nb) -> list[str]:
    """Links in running text are underlined, not told apart by colour alone (WCAG 1.4.1): written
    as <a ... style="text-decoration: underline">. Markdown links stay where a link stands alone:
    table cells, the Binder badge and the '**Next:**' line."""
    problems = []
    for source in markdown(nb):
        for line in source.splitlines():
            alone = line.lstrip().startswith(("|", "**Next:**", "[!["))
            if not alone and MD_LINK.search(line):
                problems.append(f"link in running text, not underlined: {line.strip()[:60]!r}")
        problems += [
            f"<a> without text-decoration: underline: {tag[:60]}"
            for tag in HTML_LINK.findall(source)
            if not UNDERLINED.search(tag)
        ]
    return problems


def check_ending(nb, existing: set[str]) -> list[str]:
    last = markdown(nb)[-1] if markdown(nb) else ""
    problems = (
        []
        if "## Key takeaways" in last.splitlines()
        else ["last markdown cell is not '## Key takeaways'"]
    )
    nxt = re.search(r"\*\*Next:\*\*.*?" + LINK.pattern, last)
    if not nxt:
        problems.append("last markdown cell has no '**Next:** [..](NN-....ipynb)' link")
    elif nxt.group(1) not in existing:
        problems.append(f"'Next' links to {nxt.group(1)}, which does not exist")
    return problems


def check_executed(nb) -> list[str]:
    counts = [c.execution_count for c in code(nb)]
    if counts != list(range(1, len(counts) + 1)):
        return [f"code cells not executed once, in order, in a fresh kernel: {counts}"]
    return []


def check_clean(nb) -> list[str]:
    problems = []
    for i, cell in enumerate(code(nb)):
        errors = [o.ename for o in cell.outputs if o.output_type == "error"]
        errors += ["stderr"] * any(o.get("name") == "stderr" for o in cell.outputs)
        if errors:
            problems.append(f"code cell {i + 1} has error output {errors}")
    if "widgets" in nb.metadata:
        problems.append("saved widget state in the notebook metadata")
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append("kernelspec is not python3")
    return problems


def check_alt_text(nb) -> list[str]:
    problems = []
    for source in markdown(nb):
        problems += [
            f"markdown image without alt text: {m.group(0)}"
            for m in MD_IMAGE.finditer(source)
            if not m.group(1).strip()
        ]
        problems += [
            f"markdown <img> without alt text: {tag[:60]}"
            for tag in HTML_IMG.findall(source)
            if not IMG_ALT.search(tag)
        ]
    for i, cell in enumerate(code(nb)):
        for output in cell.outputs:
            data = output.get("data", {})
            html = data.get("text/html", "")
            tags = HTML_IMG.findall(html if isinstance(html, str) else "".join(html))
            if any(not IMG_ALT.search(tag) for tag in tags):
                problems.append(f"code cell {i + 1} shows an <img> without alt text")
            if "image/png" in data:
                plain = data.get("text/plain", "")
                described = any(IMG_ALT.search(tag) for tag in tags) or (
                    plain.strip() and not plain.startswith("<Figure size")
                )
                if not described:
                    problems.append(f"code cell {i + 1} shows a figure without alt text")
    return problems


def check_ignored_cells_are_widgets(nb) -> list[str]:
    problems = []
    for i, cell in enumerate(code(nb)):
        marked = cell.source.startswith(IGNORE)
        widget = any(WIDGET in o.get("data", {}) for o in cell.outputs)
        if marked and not widget:
            problems.append(f"code cell {i + 1} is NBVAL_IGNORE_OUTPUT but shows no widget")
        if widget and not marked:
            problems.append(f"code cell {i + 1} shows a widget but is not NBVAL_IGNORE_OUTPUT")
    return problems


def check_stable_text(nb) -> list[str]:
    return [
        f"code cell {i + 1} prints a memory address: {m.group(0)}"
        for i, cell in enumerate(code(nb))
        for output in cell.outputs
        for text in output_texts(output)
        for m in ADDRESS.finditer(text)
    ]


def check_singular(nb) -> list[str]:
    """No output counts one thing in the plural ("1 points")."""
    return [
        f"code cell {i + 1} prints {m.group(0)!r}"
        for i, cell in enumerate(code(nb))
        for output in cell.outputs
        for text in output_texts(output)
        for m in ONE_OF_MANY.finditer(text)
    ]


def check_math(nb) -> list[str]:
    problems = []
    for source in markdown(nb):
        if source.count("$$") % 2:
            problems.append(f"unbalanced $$ in: {source[:60]!r}")
        mentions = re.search(r"jacobian|gradient", source, re.IGNORECASE)
        if mentions and r"\begin{bmatrix}" in source and not LAYOUT_NAMED.search(source):
            problems.append(f"a Jacobian/gradient matrix without its layout named: {source[:60]!r}")
    return problems


# ---------------------------------------------------------------- the collection


@pytest.fixture(scope="module")
def notebooks():
    return {p.name: nbformat.read(p, as_version=4) for p in PATHS}


def test_notebooks_are_numbered_contiguously_from_00_to_at_least_06():
    assert all(NAME.match(p.name) for p in PATHS), [p.name for p in PATHS]
    assert [number(p) for p in PATHS] == list(range(len(PATHS)))
    assert len(PATHS) >= 7


def test_start_here_maps_every_notebook_in_order(notebooks):
    start = notebooks[PATHS[0].name]
    maps = [s for s in markdown(start) if MAP_HEADING in s.splitlines()]
    assert len(maps) == 1, f"00 needs exactly one markdown cell with the heading {MAP_HEADING!r}"
    linked = list(dict.fromkeys(LINK.findall(maps[0])))
    assert linked == [p.name for p in PATHS[1:]]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_structure(path, notebooks):
    nb = notebooks[path.name]
    problems = check_title(nb, number(path)) + check_ending(nb, {p.name for p in PATHS})
    problems += check_one_catalog(nb) + check_transpose_explained(nb) + check_links_underlined(nb)
    if number(path) > 0:
        problems += check_exercises(nb)
    if path == PATHS[-1]:
        problems += check_self_test(nb)
    assert not problems, "\n".join(problems)


def test_each_notebook_has_its_own_catalog(notebooks):
    owners = {}
    for name, nb in notebooks.items():
        for prefix in {key.split(".")[0] for key in quiz_keys(nb.cells)}:
            owners.setdefault(prefix, []).append(name)
    shared = {prefix: names for prefix, names in owners.items() if len(names) > 1}
    assert not shared, f"catalogs used by several notebooks: {shared}"


def test_every_quiz_key_is_in_the_catalog(notebooks):
    from mathkit.exercises import exercise

    missing = []
    for name, nb in notebooks.items():
        for key in quiz_keys(nb.cells):
            try:
                exercise(key)
            except KeyError:
                missing.append(f"{name}: {key}")
    assert not missing, "quiz keys with no exercise in the catalog:\n" + "\n".join(missing)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_committed_executed_and_clean(path, notebooks):
    nb = notebooks[path.name]
    problems = check_executed(nb) + check_clean(nb) + check_ignored_cells_are_widgets(nb)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_readable_output_and_math(path, notebooks):
    nb = notebooks[path.name]
    problems = check_alt_text(nb) + check_stable_text(nb) + check_singular(nb) + check_math(nb)
    assert not problems, "\n".join(problems)


def test_last_notebook_links_back_to_start_here(notebooks):
    last = markdown(notebooks[PATHS[-1].name])[-1]
    assert f"]({PATHS[0].name})" in last


# ---------------------------------------------------------------- the checks can fail


def broken_notebook():
    """A notebook that breaks every check once."""
    md, py = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    png = {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure size 640x480 with 1 Axes>"}
    address = {"text/plain": "<function f at 0x7f3a2b1c>, checked at 1 points"}
    widget = {WIDGET: {}, "text/plain": "VBox()"}
    error = nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="", traceback=[])
    cells = [
        md("# 3 The wrong title\n\nNo objectives here."),
        py("fig", execution_count=2, outputs=[nbformat.v4.new_output("display_data", data=png)]),
        py(f"{IGNORE}\nx = 1", execution_count=None),
        py("f", outputs=[nbformat.v4.new_output("execute_result", data=address)]),
        py("mk.explorer()", outputs=[nbformat.v4.new_output("display_data", data=widget)]),
        py("1/0", outputs=[error]),
        md("![](figure.png) and <img src='a.png'>, from [the paper](https://arxiv.org)"),
        md("The Jacobian $$\\begin{bmatrix} 1 & 2 \\end{bmatrix}^T$$ and a stray $$"),
        md("<a href='01-affine-neuron.ipynb'>the neuron</a>: a transpose, too late"),
        py("quiz('jacobian.paper')"),
        md("## Exercises\n\nFrom notebook 2."),
        py("quiz('gradients.g')"),
        md("## Key takeaways\n\n**Next:** [9. Nowhere](09-nowhere.ipynb)"),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": {"name": "python2"}, "widgets": {}}
    return nb


@pytest.mark.parametrize(
    "check",
    [
        lambda nb: check_title(nb, 3),
        check_exercises,
        check_one_catalog,
        check_self_test,
        check_transpose_explained,
        check_links_underlined,
        lambda nb: check_ending(nb, {"00-start-here.ipynb"}),
        check_executed,
        check_clean,
        check_alt_text,
        check_ignored_cells_are_widgets,
        check_stable_text,
        check_singular,
        check_math,
    ],
)
def test_each_check_can_fail(check):
    assert check(broken_notebook()) != []
