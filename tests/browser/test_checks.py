"""The browser checks themselves, on small hand-written pages: each can fail.

No server is needed: the page is set with ``page.set_content``. Each check must report exactly
the defect planted, and nothing on the parts that are right.
"""

from __future__ import annotations

import accessibility
import focus
import layout
import problems as pb
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]

# Two cells of a Lab-like page, each with one output area 300 px wide: the first holds what
# fits (a long formula inside a focusable scroll box, a wrapped sentence, a short label), the
# second one defect of each kind.
FIT_PAGE = """
<style>
  body { margin: 0; font: 16px/1.4 sans-serif; }
  .jp-OutputArea-output { width: 300px; overflow: visible; }
  .scroll { overflow-x: auto; white-space: nowrap; }
  .wide { display: inline-block; width: 900px; }
  .label { width: 60px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
</style>
<div class="jp-NotebookPanel">
  <div class="jp-Cell"><div class="jp-OutputArea-output">
    <div class="scroll" tabindex="0"><span class="wide">wide</span></div>
    <p>A sentence long enough to wrap over several lines at word boundaries, as text should.</p>
    <div class="label">Show</div>
  </div></div>
  <div class="jp-Cell"><div class="jp-OutputArea-output">
    <div class="mathkit-jacobian-explorer"><div style="width:420px">too wide</div></div>
    <div class="scroll">
      <span class="wide">unreachable</span><div class="label">Show it all</div>
    </div>
    <div class="label">Show solution please</div>
    <p style="width:80px; overflow-wrap:anywhere">numeratorlayoutwordthatbreaks</p>
  </div></div>
</div>
"""


# Three Markdown cells 300 px wide, each with a displayed formula 900 px wide (MathJax draws one
# on a single line): scrolling and focusable (right), scrolling only, and neither (cut off).
MARKDOWN_MATH_PAGE = """
<style>
  body { margin: 0; font: 16px/1.4 sans-serif; }
  .jp-MarkdownOutput { width: 300px; overflow: hidden; }
  mjx-container { display: block; }
  mjx-math { display: inline-block; width: 900px; height: 20px; }
  .scrolls { overflow-x: auto; overflow-y: hidden; }
</style>
<div class="jp-NotebookPanel">
  <div class="jp-Cell"><div class="jp-MarkdownOutput">
    <mjx-container display="true" class="scrolls" tabindex="0"><mjx-math></mjx-math>
    </mjx-container>
    <mjx-container display="false"><mjx-math></mjx-math></mjx-container>
  </div></div>
  <div class="jp-Cell"><div class="jp-MarkdownOutput">
    <mjx-container display="true" class="scrolls"><mjx-math></mjx-math></mjx-container>
  </div></div>
  <div class="jp-Cell"><div class="jp-MarkdownOutput">
    <mjx-container display="true"><mjx-math></mjx-math></mjx-container>
  </div></div>
</div>
"""


def test_fit_check_reports_markdown_formulas_that_are_cut_or_unreachable(page):
    page.set_viewport_size({"width": 800, "height": 600})
    page.set_content(MARKDOWN_MATH_PAGE)
    found = layout.fit_problems(page)
    assert sorted((p.kind, p.cell) for p in found) == [
        (pb.CUT, 3),
        (pb.SCROLL_NOT_FOCUSABLE, 2),
    ], pb.report(found)
    assert all("900 px in 300 px" in p.text for p in found), pb.report(found)


def test_fit_check_reports_each_defect_and_nothing_else(page):
    page.set_viewport_size({"width": 800, "height": 600})
    page.set_content(FIT_PAGE)
    found = layout.fit_problems(page)
    assert sorted((p.kind, p.cell) for p in found) == sorted(
        [
            (pb.PAST_EDGE, 2),
            (pb.SCROLL_NOT_FOCUSABLE, 2),
            (pb.CUT, 2),
            (pb.CUT, 2),  # the label inside the scroll box, too
            (pb.BROKEN_WORD, 2),
        ]
    ), pb.report(found)
    past = next(p for p in found if p.kind == pb.PAST_EDGE)
    assert "mathkit-jacobian-explorer" in past.text and "120 px past" in past.text, past


def test_fit_check_reports_an_output_past_the_window(page):
    page.set_viewport_size({"width": 250, "height": 600})
    page.set_content(FIT_PAGE.replace("<p>A sentence", "<p>Sentence"))
    kinds = {(p.kind, p.cell) for p in layout.fit_problems(page)}
    assert (pb.PAST_WINDOW, 1) in kinds and (pb.PAST_WINDOW, 2) in kinds, kinds


def test_axe_flags_an_unnamed_slider_and_passes_a_named_one(page):
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main>'
        '<div role="slider" tabindex="0" aria-valuenow="1" aria-valuemin="0" '
        'aria-valuemax="2"></div>'
        '<div role="slider" tabindex="0" aria-label="bias b" aria-valuenow="1" '
        'aria-valuemin="0" aria-valuemax="2"></div>'
        "</main></body></html>"
    )
    found = accessibility.scan(page, "hand-written")
    serious = accessibility.blocking(found)
    assert [(v.rule, v.count) for v in serious] == [("aria-input-field-name", 1)], found
    assert "| aria-input-field-name | serious | 1 | hand-written |" in accessibility.table(found)


def test_fit_check_ignores_text_for_screen_readers_only(page):
    """MathJax's assistive MathML and "sr-only" text are clipped on purpose: not defects."""
    page.set_viewport_size({"width": 800, "height": 600})
    page.set_content(
        '<div class="jp-Cell"><div class="jp-OutputArea-output" style="width:200px">'
        '<span style="position:absolute; clip:rect(1px,1px,1px,1px); overflow:hidden; '
        'width:1px; height:1px; white-space:nowrap">a long text for screen readers only</span>'
        '<mjx-assistive-mml style="display:block; width:50px; overflow:hidden; '
        'white-space:nowrap">a long formula read aloud</mjx-assistive-mml>'
        "</div></div>"
    )
    assert layout.fit_problems(page) == []


FOCUS_PAGE = """
<style>
  .jupyter-button { margin: 4px; }
  .thin:focus { outline: 1px solid #1976d2; }
  .soft:focus { outline: none; box-shadow: 0 2px 2px 0 rgba(0, 0, 0, 0.14); }
  .ring:focus { outline: none; box-shadow: 0 0 0 3px rgba(25, 118, 210, 0.9); }
  .thick:focus-visible { outline: 2px solid #1976d2; outline-offset: 1px; }
</style>
<div class="mathkit-explorer mathkit-jacobian-explorer">
  <input class="start">
  <button class="jupyter-button thin">thin</button>
  <button class="jupyter-button soft">soft</button>
  <button class="jupyter-button ring">ring</button>
  <button class="jupyter-button thick">thick</button>
  <div class="noUi-handle thick" tabindex="0" role="slider" aria-label="x"></div>
</div>
"""


def test_focus_check_reports_thin_and_soft_indicators_only(page):
    page.set_content(FOCUS_PAGE)
    reached, found = focus.focus_problems(page, page.locator(".start"))
    assert reached == 5
    assert [p.text.split('"')[1] for p in found] == ["thin", "soft"], pb.report(found)
