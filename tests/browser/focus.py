"""Is keyboard focus clearly visible on the explorers' buttons, toggles and slider handles?

:func:`focus_problems` walks the page with the Tab key, as a keyboard user does, and for each
button (toggle buttons included) and slider handle that takes focus inside an explorer or an
exercise, compares how it is drawn focused with how it was drawn before any of them had focus.
A clear focus indicator is one of:

- an outline at least 2 CSS px wide, not transparent, that the element does not have unfocused;
- a ring: a box-shadow layer with no offset (at most 1 px), a spread of at least 2 px and an
  opacity of at least 0.5, that the element does not have unfocused.

A change of background colour alone does not count (ipywidgets draws a hovered slider handle
the same way as a focused one), nor does a soft drop shadow (the same as on hover), nor a 1 px
outline (ipywidgets' default on buttons): none of them is clearly visible on a projector.
"""

from __future__ import annotations

import problems as pb

FOCUS_INVISIBLE = "focus-invisible"
TARGETS = (
    ".mathkit-explorer .jupyter-button, .mathkit-explorer .noUi-handle, "
    "[class*='mathkit-exercise-'] .jupyter-button, [class*='mathkit-exercise-'] .noUi-handle"
)

_RECORD_JS = r"""(targets) => {
  window.__mkUnfocused = new Map();
  const els = [...document.querySelectorAll(targets)].filter(el => !el.disabled
    && el.checkVisibility({visibilityProperty: true}) && el.getBoundingClientRect().width > 0);
  for (const el of els) {
    const s = getComputedStyle(el);
    window.__mkUnfocused.set(el, {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
                                  shadow: s.boxShadow});
  }
  return els.length;
}"""

_STEP_JS = r"""(targets) => {
  const el = document.activeElement;
  if (!el || el === document.body || !el.matches(targets)) return null;
  if (el.dataset.mkFocusChecked) return {seen: true};
  el.dataset.mkFocusChecked = '1';
  const s = getComputedStyle(el);
  const before = window.__mkUnfocused.get(el) || {outline: '', shadow: 'none'};
  const alpha = (color) => {
    const m = color.match(/rgba?\(([^)]*)\)/);
    if (!m) return color === 'transparent' ? 0 : 1;
    const parts = m[1].split(/[ ,\/]+/).filter(Boolean);
    return parts.length > 3 ? parseFloat(parts[3]) : 1;
  };
  const outlineNow = `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
    && alpha(s.outlineColor) > 0 && outlineNow !== before.outline;
  // Split "rgba(0, 0, 0, 0.5) 0px 0px 0px 2px, ..." into layers (commas inside rgba() stay).
  const layers = s.boxShadow === 'none' ? [] : s.boxShadow.split(/,(?![^(]*\))/);
  const ring = layers.some(layer => {
    const color = (layer.match(/rgba?\([^)]*\)|#[0-9a-f]+|[a-z]+(?=\s)/i) || ['black'])[0];
    const px = (layer.replace(color, '').match(/-?[\d.]+px/g) || []).map(parseFloat);
    const [x = 0, y = 0, , spread = 0] = px;
    return Math.abs(x) <= 1 && Math.abs(y) <= 1 && spread >= 2 && alpha(color) >= 0.5
      && !before.shadow.includes(layer.trim());
  });
  const owner = el.closest('.mathkit-explorer, [class*="mathkit-exercise-"]');
  const ownerName = owner ? [...owner.classList].find(c => /^mathkit-.+-(explorer|[\w-]+)$/.test(c)
                                                      && c !== 'mathkit-explorer') || '' : '';
  const label = (el.getAttribute('aria-label') || el.innerText || el.getAttribute('title')
                 || el.getAttribute('aria-valuetext') || '').trim().slice(0, 40);
  const kind = el.classList.contains('noUi-handle') ? 'slider handle' : 'button';
  return {seen: false, ok: outline || ring, kind,
          text: `${ownerName}: ${kind} "${label}" focused shows outline "${outlineNow}", `
                + `box-shadow "${s.boxShadow}"`};
}"""


def focus_problems(page, start, max_presses: int = 250) -> tuple[int, list[pb.Problem]]:
    """Click ``start`` (a locator, e.g. the first explorer's text field), then press Tab until
    every target has had focus (or ``max_presses``); returns (targets reached, problems)."""
    total = page.evaluate(_RECORD_JS, TARGETS)
    start.click()
    reached, found = 0, []
    for _ in range(max_presses):
        if reached >= total:
            break
        page.keyboard.press("Tab")
        step = page.evaluate(_STEP_JS, TARGETS)
        if step is None or step["seen"]:
            continue
        reached += 1
        if not step["ok"]:
            found.append(pb.Problem(FOCUS_INVISIBLE, None, step["text"]))
    return reached, found
