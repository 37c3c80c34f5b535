"""The explorers' widgets on a page: finding them, reading what they show, using them.

The same functions work in JupyterLab and Voilà (the widgets' DOM is the same). Input is real
keystrokes and mouse moves (``press_sequentially``, ``press("Enter")``, a dragged slider
handle), never ``.value =``. Reading uses the stable CSS classes of :mod:`mathkit.ui`,
:mod:`mathkit.explorers` and :mod:`mathkit.quiz` and what MathJax rendered (the table of a
typeset matrix), not kernel state.
"""

from __future__ import annotations

from notebook_files import EXPLORERS

TIMEOUT_MS = 30_000

# --------------------------------------------------------------------------------------------
# Finding things


def explorer(root, name: str):
    """The explorer ``name`` (``"jacobian"``, ``"neuron"``, ...) on a page or within a locator."""
    return root.locator(f".mathkit-{name}-explorer").first


def text_input(container, css_class: str):
    """The ``<input>`` of the Text widget with ``css_class`` (e.g. ``mathkit-functions``)."""
    return container.locator(f".{css_class} input").first


MATRIX_JS = r"""(area) => {
  // The first typeset matrix in a math area, as rows of cells; each cell is MathJax's markup
  // for it, so equal entries compare equal, whatever glyphs they are drawn with.
  const container = area.querySelector('mjx-container');
  if (!container) return null;
  const table = container.querySelector('mjx-mtable');
  if (!table) return null;
  const rows = [...table.querySelectorAll('mjx-mtr')]
    .filter(r => r.closest('mjx-mtable') === table);
  return rows.map(r => [...r.querySelectorAll('mjx-mtd')]
    .filter(c => c.closest('mjx-mtable') === table)
    .map(c => c.innerHTML));
}"""

TYPESET_JS = r"""(area) => {
  // Typeset: no TeX source ($...$, \command) is left outside what MathJax rendered.
  const clone = area.cloneNode(true);
  clone.querySelectorAll('mjx-container').forEach(n => n.remove());
  return !/\$|\\[a-zA-Z]+/.test(clone.textContent);
}"""


def rendered_matrix(area) -> list[list[str]] | None:
    """The matrix MathJax drew in ``area`` (a locator), as rows of cells; None if none."""
    return area.evaluate(MATRIX_JS)


def wait_typeset(area, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until ``area`` shows math and MathJax has typeset all of it."""
    area.page.wait_for_function(
        f"(el) => el.querySelector('mjx-container') !== null && ({TYPESET_JS})(el)",
        arg=area.element_handle(),
        timeout=timeout_ms,
    )


def wait_matrix_shape(area, rows: int, cols: int, timeout_ms: int = TIMEOUT_MS):
    """Wait until the typeset matrix in ``area`` has ``rows`` × ``cols`` cells; return it."""
    area.page.wait_for_function(
        f"""([el, rows, cols]) => {{
          if (!({TYPESET_JS})(el)) return false;
          const m = ({MATRIX_JS})(el);
          return m && m.length === rows && m.every(r => r.length === cols);
        }}""",
        arg=[area.element_handle(), rows, cols],
        timeout=timeout_ms,
    )
    return rendered_matrix(area)


def transpose(matrix: list[list[str]]) -> list[list[str]]:
    return [list(col) for col in zip(*matrix, strict=True)]


# --------------------------------------------------------------------------------------------
# Doing things, with the keyboard and the mouse


def type_text(field, text: str) -> None:
    """Click into a text field, select what is there, type ``text`` key by key, press Enter."""
    field.click()
    field.press("ControlOrMeta+a")
    field.press_sequentially(text)
    field.press("Enter")


def drag_slider(slider_widget, dx: float) -> None:
    """Drag the handle of an ipywidgets slider ``dx`` pixels to the right, with the mouse."""
    handle = slider_widget.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    assert box is not None, "the slider handle is not visible"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page = slider_widget.page
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 6):
        page.mouse.move(x + dx * step / 5, y)
    page.mouse.up()


# --------------------------------------------------------------------------------------------
# The learner checks, shared by JupyterLab and Voilà


def wait_for_explorers(root, names=EXPLORERS, timeout_ms: int = 60_000) -> None:
    """Wait until each explorer is on screen with every (non-empty) math area typeset."""
    for name in names:
        box = explorer(root, name)
        box.wait_for(state="visible", timeout=timeout_ms)
        box.scroll_into_view_if_needed()
        box.page.wait_for_function(
            f"""(box) => {{
              const typeset = {TYPESET_JS};
              const areas = [...box.querySelectorAll('.mathkit-math')]
                .filter(a => a.textContent.trim() !== '');
              return areas.length > 0 && areas.every(typeset);
            }}""",
            arg=box.element_handle(),
            timeout=timeout_ms,
        )
