"""The classroom "app" view: ``voila NOTEBOOK`` shows outputs only, with the widgets live.

The explorer notebook is served exactly as a teacher would project it (``voila FILE.ipynb``);
the narrative notebooks are served from one Voilà over a copy of notebooks/ (``/voila/render/``,
the path Binder's Voilà link opens).
"""

from __future__ import annotations

from dataclasses import dataclass

import accessibility
import chromium as ch
import focus
import latency
import layout
import learner
import notebook_files as nf
import problems as pb
import pytest
import servers
import voila_page
import widgets

# A hung server, browser or kernel fails the test (with a traceback) instead of stalling CI.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

NOTEBOOKS = [path.name for path in nf.notebook_paths()] or [
    pytest.param("none", marks=pytest.mark.skip(reason="notebooks/ has no notebooks yet"))
]


@pytest.fixture(scope="module")
def explorer_app(chromium_path, tmp_path_factory, timings):
    """``voila scratch/explorers.ipynb`` on a copy of the generated explorer notebook."""
    root = tmp_path_factory.mktemp("voila-app")
    notebook = nf.write_explorer_notebook(root / nf.SCRATCH)
    with servers.voila(notebook, tmp_path_factory.mktemp("voila-app-work")) as server:
        timings["Voilà start (s)"].append(server.started_in)
        yield server


@dataclass
class AppPage:
    page: object  # the Playwright page showing the app
    sent_html: str  # what Voilà sent: every output, widget views included
    cells: list  # the notebook's cells


@pytest.fixture(scope="module")
def app(browser, explorer_app, timings):
    """The explorer notebook as an app, loaded once for this module's tests."""
    page = ch.new_page(browser)
    try:
        seconds, sent = voila_page.open_voila(page, explorer_app.url)
        timings["Voilà render: explorer notebook (s)"].append(seconds)
        yield AppPage(page, sent, nf.read_cells(explorer_app.target))
    finally:
        page.context.close()


def test_app_shows_outputs_only_with_every_explorer(app, explorer_app):
    found = voila_page.wait_until_voila_settled(app.page, app.sent_html, app.cells)
    assert not found, pb.report(found) + "\n" + "\n".join(servers.voila_log_errors(explorer_app))
    text = app.page.locator("body").inner_text()
    assert "mk.explorers" not in text and "import mathkit" not in text, "code is on screen"
    widgets.wait_for_explorers(app.page)


def test_app_jacobian_explorer_is_live(app):
    learner.check_typing_changes_jacobian(app.page)
    learner.check_layout_toggle_transposes(app.page)
    learner.check_bad_input_keeps_last_jacobian(app.page)


def test_app_neuron_slider_changes_the_plot(app):
    learner.check_neuron_slider_changes_plot(app.page)


def test_app_exercise_feedback(app):
    learner.check_exercise_feedback(app.page)


def test_app_keystroke_to_jacobian_latency(app, timings):
    latencies = latency.measure_latency(app.page, repeats=6)
    timings["keystroke -> Jacobian typeset, Voilà (ms)"].extend(latencies)
    assert all(ms > 0 for ms in latencies)


def test_app_is_accessible(app, axe):
    layout.resize(app.page, layout.DESKTOP)
    widgets.wait_for_explorers(app.page)
    serious = accessibility.blocking(axe(app.page, "voila explorers (generated)"))
    assert not serious, "\n".join(map(str, serious))


def test_app_focus_is_clearly_visible(app):
    """Tab through the app: every button, toggle and slider handle shows a clear focus ring."""
    layout.resize(app.page, layout.DESKTOP)
    start = widgets.text_input(widgets.explorer(app.page, "jacobian"), "mathkit-functions")
    reached, found = focus.focus_problems(app.page, start)
    assert reached > 0, "Tab reached no button or slider handle"
    assert not found, f"{len(found)} of {reached} show no clear focus:\n" + pb.report(found)


def test_app_fits(app, size, fit):
    """Every explorer and the exercise in the app view, at 800 px and on the projector."""
    layout.resize(app.page, size)
    widgets.wait_for_explorers(app.page)
    found = fit(app.page, "voila explorers (generated)", size, voila=True)
    assert not found, f"the explorer app at {size.description}:\n" + pb.report(found)


@pytest.fixture(scope="module")
def voila_notebooks(chromium_path, tmp_path_factory, timings):
    """One Voilà over a copy of notebooks/ (each page load runs its notebook in a new kernel)."""
    root = tmp_path_factory.mktemp("voila-notebooks")
    notebooks = nf.copy_notebooks(root)
    with servers.voila(notebooks, tmp_path_factory.mktemp("voila-notebooks-work")) as server:
        yield server, notebooks


@dataclass
class RenderedNotebook:
    """A narrative notebook as Voilà rendered it (loaded once for its tests)."""

    name: str
    page: object
    problems: list  # what went wrong, once widgets and math had settled
    log_errors: list  # the cells' errors from Voilà's log (hidden from the page)


@pytest.fixture(scope="module", params=NOTEBOOKS)
def rendered(request, voila_notebooks, browser, timings):
    name = request.param
    server, notebooks = voila_notebooks
    offset = servers.log_size(server)
    page = ch.new_page(browser)
    try:
        seconds, sent = voila_page.open_voila(page, f"{server.url}voila/render/{name}")
        timings[f"Voilà render: {name} (s)"].append(seconds)
        found = voila_page.wait_until_voila_settled(page, sent, nf.read_cells(notebooks / name))
        yield RenderedNotebook(name, page, found, servers.voila_log_errors(server, offset))
    finally:
        page.context.close()


def test_notebook_renders_as_an_app(rendered):
    message = pb.report(rendered.problems) + "".join(
        f"\nserver log: {error}" for error in rendered.log_errors
    )
    assert not rendered.problems, f"{rendered.name} in Voilà:\n{message}"


def test_notebook_is_accessible_in_voila(rendered, axe):
    layout.resize(rendered.page, layout.DESKTOP)
    found = axe(rendered.page, f"voila {rendered.name}")
    serious = accessibility.blocking(found)
    assert not serious, "\n".join(map(str, serious))
    # mathkit's Voilà template (share/jupyter/voila/templates/mathkit, selected by etc/jupyter's
    # config) puts the notebook in a main landmark: axe's "region" rule finds nothing outside one
    regions = [v for v in found if v.rule == "region"]
    assert not regions, "\n".join(map(str, regions))


def test_notebook_fits_in_voila(rendered, size, fit):
    found = fit(rendered.page, f"voila {rendered.name}", size, voila=True)
    assert not found, f"{rendered.name} in Voilà at {size.description}:\n" + pb.report(found)


def test_binder_link_paths_resolve_on_a_jupyter_server(lab):
    """The ``urlpath`` of every Binder link that ``python -m mathkit.links`` prints opens on a
    Jupyter server with this environment's extensions (JupyterLab and Voilà's server extension,
    as on Binder): the links point at real pages, not only well-formed strings."""
    from urllib.parse import parse_qs, urlsplit
    from urllib.request import urlopen

    from mathkit import links

    repo = links.repository_url()
    urls = [url for url in links.urls(repo, "main", root=servers.ROOT) if "mybinder.org" in url]
    paths = list(dict.fromkeys(parse_qs(urlsplit(url).query)["urlpath"][0] for url in urls))
    renders = [p for p in paths if p.startswith("voila/render/")]
    # Rendering runs the notebook: one is enough to show the route works.
    paths = [p for p in paths if not p.startswith("voila/render/")] + renders[:1]
    try:
        for path in paths:
            with urlopen(lab.url + path, timeout=60) as response:
                assert response.status == 200, path
                # Voilà streams a render and may hold the connection open after the last cell:
                # the first bytes show the route works; the kernel is shut down below.
                assert response.read(256), path
    finally:
        servers.shutdown_kernels(lab)
