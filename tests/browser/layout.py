"""Does every output fit the screen a learner and a teacher really have?

Sizes (:data:`SIZES`): 800 CSS px wide (a laptop split screen) and a projector, 1024 × 768
device pixels at 150 % zoom, which lays pages out in 683 × 512 CSS px (the device scale factor
only sharpens pixels: it does not change layout, so the tests set the viewport and the
screenshot script also sets the scale).

:func:`fit_problems` walks every output area of a notebook page (each ``.jp-OutputArea-output``
in JupyterLab or Voilà) and reports, as :class:`problems.Problem` records:

- ``past-window`` - an output area reaches past the window's right edge;
- ``past-edge`` - an element's right edge is past its output area's right edge (only the
  outermost such element is reported; inside a scroll box content may be wider);
- ``scroll-not-focusable`` - a box scrolls sideways (its content is wider than it) but has no
  ``tabindex``: the keyboard cannot scroll it. Content inside a focusable scroll box is allowed
  to be wider than the output area (that is how a long formula should behave); text cut off
  inside a scroll box is still reported;
- ``cut`` - a box that hides its overflow (``overflow: hidden``/``clip``, e.g. a label with an
  ellipsis) has content wider than itself: text is cut off (text for screen readers only, such
  as MathJax's assistive MathML, is clipped on purpose and skipped);
- ``broken-word`` - a word of visible text is drawn on two lines (broken mid-word).

Displayed formulas in Markdown cells (``.jp-MarkdownOutput mjx-container[display="true"]``)
are not outputs but are checked too: one wider than its cell is ``cut`` unless it scrolls
sideways (mathkit's stylesheet makes them), and ``scroll-not-focusable`` unless the keyboard
can reach it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import problems as pb


@dataclass(frozen=True)
class Size:
    """A screen: ``width`` × ``height`` CSS pixels drawn at ``scale`` device pixels per CSS px."""

    name: str
    width: int
    height: int
    scale: float
    description: str

    @property
    def viewport(self) -> dict[str, int]:
        return {"width": self.width, "height": self.height}


LAPTOP_SPLIT = Size("800", 800, 700, 1.0, "800 px wide (a laptop split screen)")
PROJECTOR = Size("projector", 683, 512, 1.5, "1024 × 768 at 150 % zoom (a projector)")
SIZES = (LAPTOP_SPLIT, PROJECTOR)
DESKTOP = Size("desktop", 1280, 1000, 1.0, "the tests' default window")

_SIGNATURE_JS = r"""() => {
  // Widths of the page and of every output: equal twice in a row means layout has settled.
  const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
  return [document.documentElement.clientWidth, document.documentElement.scrollWidth]
    .concat(outputs.map(o => Math.round(o.getBoundingClientRect().width * 10)
                              + o.scrollWidth * 100000)).join(',');
}"""

_FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def resize(page, size: Size, timeout: float = 10.0) -> None:
    """Set the viewport to ``size`` (CSS px) and wait until the layout stops changing."""
    page.set_viewport_size(size.viewport)
    deadline = time.perf_counter() + timeout
    before = None
    while time.perf_counter() < deadline:
        page.evaluate(_FRAMES_JS)
        now = page.evaluate(_SIGNATURE_JS)
        if now == before:
            return
        before = now
    raise TimeoutError(f"the layout did not settle within {timeout:.0f} s at {size.name}")


FIT_JS = r"""([scope, cellMode]) => {
  const root = document.querySelector(scope) || document.body;
  const vw = document.documentElement.clientWidth;
  const SLACK = 1;  // px: sub-pixel rounding
  const out = [];
  const allCells = [...root.querySelectorAll('.jp-Cell')];
  const cellNumber = (el) => {
    if (cellMode === 'voila') {
      const c = el.closest('[cell-index]');
      if (c) return Number(c.getAttribute('cell-index'));
    }
    const cell = el.closest('.jp-Cell');
    return cell ? allCells.indexOf(cell) + 1 : null;
  };
  const visible = (el) => {
    if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true,
                                                   checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  // Text for screen readers only (MathJax's assistive MathML, "sr-only" boxes) is clipped on
  // purpose: it is not on screen, so it cannot be cut or past an edge.
  const screenReaderOnly = (el) => {
    if (el.tagName === 'MJX-ASSISTIVE-MML') return true;
    const style = getComputedStyle(el);
    return style.position === 'absolute'
      && ((style.clip && style.clip !== 'auto') || (style.clipPath && style.clipPath !== 'none'));
  };
  const focusable = (el) => {
    const t = el.getAttribute('tabindex');
    if (t !== null && Number(t) >= 0) return true;
    return el.matches('a[href], button, input, select, textarea, [contenteditable="true"]');
  };
  const describe = (el) => {
    const owner = el.closest('[class*="-explorer"], [class*="mathkit-exercise-"]');
    const ownerName = owner
      ? [...owner.classList].find(c => /^mathkit-(.+-explorer|exercise-.+)$/.test(c)) || ''
      : '';
    const classes = [...el.classList].filter(c => !c.startsWith('lm-')).slice(0, 3).join('.');
    const text = (el.innerText || el.getAttribute('alt') || el.getAttribute('aria-label') || '')
      .trim().replace(/\s+/g, ' ');
    const chars = Array.from(text);  // by code point: never half of a surrogate pair
    const shown = chars.length > 60 ? chars.slice(0, 57).join('') + '...' : text;
    return `${ownerName ? ownerName + ': ' : ''}<${el.tagName.toLowerCase()}`
      + `${classes ? '.' + classes : ''}> "${shown}"`;
  };
  const brokenWords = (area, cell) => {
    const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const seen = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || seen.has(parent) || parent.closest('mjx-container, style, script')
          || !visible(parent)) continue;
      for (const m of node.data.matchAll(/[^\s\-\u2010-\u2014\/]{2,}/g)) {
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
        const lines = rects.filter((r, i) => i === 0
          || Math.abs(r.top - rects[i - 1].top) > Math.min(r.height, rects[i - 1].height) / 2);
        if (lines.length > 1) {
          out.push({kind: 'broken-word', cell,
                    text: `"${m[0]}" is broken across lines in ${describe(parent)}`});
          seen.add(parent);
          break;
        }
      }
    }
  };
  // Displayed formulas in Markdown cells (not outputs, so not walked below): MathJax draws
  // each on one line, and one wider than its cell must scroll, by keyboard too, not be cut off.
  for (const m of root.querySelectorAll('.jp-MarkdownOutput mjx-container[display="true"]')) {
    if (!visible(m)) continue;
    const math = m.querySelector('mjx-math') || m;
    const wide = Math.round(math.getBoundingClientRect().width);
    if (wide <= m.clientWidth + SLACK) continue;
    const cell = cellNumber(m);
    const what = `a displayed formula in Markdown (${wide} px in ${m.clientWidth} px)`;
    const overflow = getComputedStyle(m).overflowX;
    if (overflow !== 'auto' && overflow !== 'scroll') {
      out.push({kind: 'cut', cell, text: `${what} is cut off by its cell: it does not scroll`});
    } else if (!focusable(m)) {
      out.push({kind: 'scroll-not-focusable', cell,
                text: `${what} scrolls sideways but cannot take keyboard focus`});
    }
  }
  for (const area of root.querySelectorAll('.jp-OutputArea-output')) {
    if (!visible(area)) continue;
    const cell = cellNumber(area);
    const box = area.getBoundingClientRect();
    if (box.right > vw + SLACK) {
      out.push({kind: 'past-window', cell,
                text: `the output ends at ${Math.round(box.right)} px; the window is ${vw} px`});
    }
    // checkEdge: false inside a scroll box, where content may be wider than the output (the
    // box itself is reported if the keyboard cannot scroll it); cut text is looked for
    // everywhere, so one overflowing box does not hide a cut label inside it.
    const walk = (el, isArea, checkEdge) => {
      if (!visible(el) || screenReaderOnly(el)) return;
      const r = el.getBoundingClientRect();
      if (!isArea && checkEdge && r.right > box.right + SLACK) {
        out.push({kind: 'past-edge', cell,
                  text: `${describe(el)} ends ${Math.round(r.right - box.right)} px past `
                        + `the output area (${Math.round(box.width)} px wide)`});
        checkEdge = false;  // its descendants are past the edge because it is
      }
      const style = getComputedStyle(el);
      let inner = checkEdge;
      if (el.scrollWidth > el.clientWidth + SLACK) {
        if (style.overflowX === 'auto' || style.overflowX === 'scroll') {
          if (!focusable(el)) {
            out.push({kind: 'scroll-not-focusable', cell,
                      text: `${describe(el)} scrolls sideways (${el.scrollWidth} px of content `
                            + `in ${el.clientWidth} px) but cannot take keyboard focus`});
          }
          inner = false;
        } else if (style.overflowX === 'hidden' || style.overflowX === 'clip') {
          out.push({kind: 'cut', cell,
                    text: `${describe(el)} cuts off ${el.scrollWidth - el.clientWidth} px of `
                          + `its content (${el.clientWidth} px wide)`});
          return;
        }
      }
      for (const child of el.children) walk(child, false, inner);
    };
    walk(area, true, true);
    brokenWords(area, cell);
  }
  return out;
}"""

LAB_SCOPE = ".jp-NotebookPanel:not(.lm-mod-hidden)"
VOILA_SCOPE = "body"


def fit_problems(page, *, voila: bool = False) -> list[pb.Problem]:
    """What does not fit in the open notebook's outputs at the current viewport (see above)."""
    scope, mode = (VOILA_SCOPE, "voila") if voila else (LAB_SCOPE, "lab")
    found = page.evaluate(FIT_JS, [scope, mode])
    return [pb.Problem(p["kind"], p["cell"], p["text"]) for p in found]


def at_size(page, size: Size, *, voila: bool = False) -> list[pb.Problem]:
    """Resize to ``size``, let the layout settle, and return what does not fit."""
    resize(page, size)
    return fit_problems(page, voila=voila)
