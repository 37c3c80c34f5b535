"""The CSS class names of every widget mathkit draws, listed once, and the one stylesheet.

Explorers (:mod:`mathkit.explorers`), exercises (:mod:`mathkit.quiz`) and the shared widget
helpers (:mod:`mathkit.ui`) take their class names from here; browser tests select on them.
:data:`CLASSES` is the table (name → what carries it); each name is also a constant below.
Two families are made from a key: ``mathkit-<explorer>-explorer`` on each explorer's root box
and ``mathkit-<output>`` on each output area (see :func:`area`), and
``mathkit-exercise-<key with dots as dashes>`` on each exercise.

Layout and theme decisions (issue 9, items 20–23), all in :data:`STYLESHEET` (feedback colours
are Okabe–Ito, distinguishable with colour blindness; the ✓/✗ text carries the meaning):

- width: every formula area is its own keyboard-focusable region (``tabindex="0"``,
  ``role="region"``, an ``aria-label``) that scrolls sideways when a formula is wider than the
  output; text wraps between words, never inside one; rows of sliders and buttons wrap; figures
  scale down to the output's width;
- names: every slider's handle gets its visible description as ``aria-label``, and a Play
  widget's icon-only buttons get fixed names (:data:`NAME_SLIDERS`; ipywidgets has no trait for
  either);
- Markdown: a displayed formula in a Markdown cell wider than the cell scrolls sideways and
  takes keyboard focus (:data:`MARKDOWN_MATH_RULES`), instead of being cut off by the cell;
- focus: every focused control (toggle buttons, slider handles, buttons, text boxes, scroll
  regions) gets a 3 px outline in the theme's brand colour when focused from the keyboard
  (``!important``: ipywidgets' own 1 px focus rules are more specific);
- dark theme: figures keep their white background (their colours and contrasts are chosen on
  white, and ipywidgets cannot tell the kernel the theme), but on a dark JupyterLab theme
  (``body[data-jp-theme-light="false"]``) they are dimmed to a light grey and framed by the
  theme's own panel colour, so they are no glaring white panels; captions use the theme's text
  colour at normal size.

>>> area("jacobian"), EXPLORER in CLASSES
('mathkit-jacobian', True)
"""

from __future__ import annotations

EXPLORER = "mathkit-explorer"
INPUT = "mathkit-input"
INVALID = "mathkit-invalid"
ERROR = "mathkit-error"
MATH = "mathkit-math"
SCROLL = "mathkit-scroll"
OUTPUTS = "mathkit-outputs"
STALE = "mathkit-stale"
STALE_NOTE = "mathkit-stale-note"
READING = "mathkit-reading"
PLOT = "mathkit-plot"
CAPTION = "mathkit-caption"
FIGURE = "mathkit-figure"
ROW = "mathkit-row"
# explorer inputs
FUNCTIONS = "mathkit-functions"
FUNCTION = "mathkit-function"
VARIABLES = "mathkit-variables"
LAYOUT = "mathkit-layout"
POINT = "mathkit-point"
WEIGHTS = "mathkit-weights"
BIAS = "mathkit-bias"
INPUTS = "mathkit-inputs"
SIZE = "mathkit-size"
MATRIX = "mathkit-matrix"
KIND = "mathkit-kind"
SIZES = "mathkit-sizes"
WRT = "mathkit-wrt"
EXAMPLE = "mathkit-example"
STEPS = "mathkit-steps"
MODE = "mathkit-mode"
FACTORS = "mathkit-factors"
CHECK_FACTORS = "mathkit-check-factors"
DATA = "mathkit-data"
RATE = "mathkit-rate"
STEP = "mathkit-step"
RUN = "mathkit-run"
RESET = "mathkit-reset"
# exercises
EXERCISE = "mathkit-exercise"
PROMPT = "mathkit-prompt"
ANSWER = "mathkit-answer"
CHECK_BUTTON = "mathkit-check-button"
HINT_BUTTON = "mathkit-hint-button"
SOLUTION_BUTTON = "mathkit-solution-button"
FEEDBACK = "mathkit-feedback"
CORRECT = "mathkit-correct"
INCORRECT = "mathkit-incorrect"
UNDERSTOOD = "mathkit-understood"
HINT = "mathkit-hint"
SOLUTION = "mathkit-solution"
EXERCISES = "mathkit-exercises"
SCORE = "mathkit-score"

CLASSES: dict[str, str] = {
    EXPLORER: "the root box of every explorer (each also has mathkit-<name>-explorer)",
    INPUT: "every control a learner changes (Text, slider, toggle, box of sliders)",
    INVALID: "added to an input whose value could not be used; removed when it can",
    ERROR: "the one-line friendly error under the inputs (hidden while there is none)",
    MATH: "every math output area (HTMLMath), next to mathkit-<area name>",
    SCROLL: "inside a math area: the focusable region that scrolls a wide formula",
    OUTPUTS: "the box of an explorer's output areas",
    STALE: "added to the outputs box while they show the last valid input's results (dimmed)",
    STALE_NOTE: "the note above stale outputs: 'showing the last valid f'",
    READING: "the caption saying how f was read when a run of letters was split (6·x·y)",
    PLOT: "a figure area: an <img> with alt text, and its caption",
    CAPTION: "the visible caption under a figure (the same text as the image's alt)",
    FIGURE: "a figure shown in a notebook by mathkit.plots.with_alt",
    ROW: "a row of controls that wraps onto more lines when narrow",
    FUNCTIONS: "the functions text box",
    FUNCTION: "the function text box (one scalar function)",
    VARIABLES: "the variables text box",
    LAYOUT: "the numerator/denominator layout toggle",
    POINT: "the box of point sliders",
    WEIGHTS: "the neuron's weight sliders",
    BIAS: "the neuron's bias slider",
    INPUTS: "the neuron's 1-D/2-D toggle",
    SIZE: "the linearization square's side",
    MATRIX: "the linearization's choice of matrix: J or its transpose",
    KIND: "a scalar/vector toggle",
    SIZES: "the m, n sliders",
    WRT: "the 'with respect to' text box",
    EXAMPLE: "the chain stepper's choice of a paper example",
    STEPS: "the chain stepper's steps, one per line (u = x^2)",
    MODE: "the chain stepper's toggle: show the steps or try it yourself",
    FACTORS: "the box of text boxes where a learner types each factor",
    CHECK_FACTORS: "the button that checks the typed factors",
    DATA: "the training explorer's choice of data set",
    RATE: "the learning-rate slider",
    STEP: "the training explorer's Step button",
    RUN: "the training explorer's Run control (a Play widget)",
    RESET: "the training explorer's Reset button",
    EXERCISE: "the root box of one exercise (also mathkit-exercise-<key>)",
    PROMPT: "the question",
    ANSWER: "the answer text box",
    CHECK_BUTTON: "the Check button",
    HINT_BUTTON: "the Hint button",
    SOLUTION_BUTTON: "the Show solution button",
    FEEDBACK: "the feedback area (role=status)",
    CORRECT: "on the feedback area after a right answer (text starts with ✓)",
    INCORRECT: "on the feedback area after a wrong answer (text starts with ✗)",
    UNDERSTOOD: "inside the feedback: the answer as mathkit read it",
    HINT: "the hint area, hidden until Hint is clicked",
    SOLUTION: "the solution area, hidden until Show solution is clicked",
    EXERCISES: "the box quiz_all returns",
    SCORE: "its score line",
}


def area(name: str) -> str:
    """The class of an explorer's output area ``name``: ``mathkit-<name>``."""
    return f"mathkit-{name}"


# Every widget has a margin (ipywidgets: --jp-widgets-margin, 2 px on each side) outside its
# width: a widget as wide as its box ("100%") would end 4 px past the box's edge (and make the
# box scroll). Full width is the box's width less both margins.
_FULL = "calc(100% - 2 * var(--jp-widgets-margin, 2px))"
_FOCUS = "3px solid var(--jp-brand-color1, #1A5FB4)"

# The figure rules alone: also carried by each figure a notebook shows (plots.with_alt), which
# may be on a page without any widget.
# A <figure> has 40 px side margins by default: beside the file browser a notebook figure lost
# 80 of its 352 px and its text shrank below 10 px (mathkit.training_plots): no side margins.
FIGURE_RULES = f"""
.{FIGURE} {{ margin: 0.5em 0; }}
.{FIGURE} img {{ background: #FFFFFF; max-width: 100%; height: auto; }}
.{FIGURE} figcaption {{ font-size: inherit; color: var(--jp-content-font-color1, #1A1A1A); }}
body[data-jp-theme-light="false"] .{PLOT} img,
body[data-jp-theme-light="false"] .{FIGURE} img {{
  filter: brightness(0.82); border: 6px solid var(--jp-layout-color2, #3A3A3A);
  border-radius: 4px; box-sizing: border-box; }}
"""

# A displayed formula in a Markdown cell is drawn on one line by MathJax; wider than the cell
# (the paper's Jacobians are 700 px; a notebook beside Lab's file browser is 368 px wide at
# 800 px and 315 px on a projector) it was cut off by the cell, with no way to see the rest. It
# scrolls sideways instead, and NAME_SLIDERS' script makes each one that overflows reachable by
# the keyboard (tabindex="0"), as the formulas mathkit shows in outputs are.
MARKDOWN_MATH = '.jp-RenderedMarkdown mjx-container[display="true"]'
MARKDOWN_MATH_RULES = f"""
{MARKDOWN_MATH} {{ overflow-x: auto; overflow-y: hidden; max-width: 100%; padding: 2px 0; }}
{MARKDOWN_MATH} mjx-assistive-mml {{ max-width: 100%; }}
{MARKDOWN_MATH}:focus-visible {{ outline: {_FOCUS}; outline-offset: 2px; }}
"""

# MathJax keeps a copy of each formula as MathML for screen readers (<mjx-assistive-mml>),
# clipped to nothing but laid out at its own width from the formula's left edge: near the end
# of a line it reached past its box and made an exercise box scroll sideways. It is held to
# the formula's width (it is clipped anyway) by the mjx-assistive-mml rule below.
STYLESHEET = f"""
<style>
.{INVALID} input, .{INVALID} textarea, .{INVALID}.widget-box {{
  outline: 2px solid var(--jp-error-color1, #D55E00); outline-offset: 1px; }}
.{ERROR} {{ color: var(--jp-error-color1, #D55E00); font-weight: 600; }}
.{EXPLORER}, .{EXERCISE} {{ max-width: {_FULL}; min-width: 0; box-sizing: border-box; }}
.{EXPLORER} .widget-html-content, .{EXPLORER} .widget-htmlmath-content,
.{EXERCISE} .widget-html-content, .{EXERCISE} .widget-htmlmath-content {{
  white-space: normal; overflow-wrap: break-word; word-break: normal; hyphens: none;
  line-height: 1.4; min-width: 0; max-width: 100%; }}
.{MATH} {{ max-width: {_FULL}; min-width: 0; overflow: visible; }}
.{SCROLL} {{ max-width: 100%; overflow-x: auto; overflow-y: hidden; padding: 2px 0; }}
.{CAPTION}, .{FIGURE} figcaption {{ font-size: inherit;
  color: var(--jp-content-font-color1, #1A1A1A); white-space: normal; }}
.{PLOT} {{ max-width: {_FULL}; min-width: 0; height: auto; }}
.{PLOT} .widget-html-content {{ max-width: 100%; min-width: 0; height: auto; }}
.{PLOT} img, .{FIGURE} img {{ background: #FFFFFF; max-width: 100%; height: auto; }}
.{ROW}, .{POINT}.widget-hbox, .{WEIGHTS}, .{SIZES}, .{EXERCISE} .widget-hbox {{
  flex-wrap: wrap; }}
.{EXPLORER} .jupyter-widgets, .{EXERCISE} .jupyter-widgets {{ max-width: {_FULL}; }}
.{EXPLORER} .widget-slider, .{EXPLORER} .widget-text, .{EXERCISE} .widget-text {{
  max-width: {_FULL}; min-width: 0; }}
.{EXPLORER} .widget-toggle-buttons .widget-toggle-button, .{EXERCISE} .widget-button {{
  width: auto; min-width: max-content; overflow: visible; text-overflow: clip; }}
.{EXPLORER} .widget-toggle-buttons {{ flex-wrap: wrap; max-width: 100%; }}
.{EXPLORER} mjx-assistive-mml, .{EXERCISE} mjx-assistive-mml {{ max-width: 100%; }}
.{STALE} {{ opacity: 0.55; }}
.{STALE_NOTE} {{ font-style: italic; color: var(--jp-content-font-color1, #1A1A1A); }}
.{EXPLORER} :focus-visible, .{EXERCISE} :focus-visible, .{SCROLL}:focus-visible,
.{EXPLORER} .noUi-handle:focus, .{EXPLORER} button:focus-visible,
.{EXPLORER} .widget-text input[type="text"]:focus,
.{EXERCISE} .widget-text input[type="text"]:focus {{
  outline: {_FOCUS} !important; outline-offset: 2px !important; }}
.{EXERCISE} {{ border-left: 3px solid var(--jp-border-color1, #BDBDBD); padding-left: 8px;
  margin: 6px 0; }}
.{FEEDBACK}.{CORRECT} {{ color: var(--mathkit-correct, #007A5A); }}
.{FEEDBACK}.{INCORRECT} {{ color: var(--mathkit-incorrect, #B34700); }}
body[data-jp-theme-light="false"] .{EXERCISE} {{ --mathkit-correct: #5CCFA8;
  --mathkit-incorrect: #F0A060; }}
.{HINT}, .{SOLUTION} {{ background: var(--jp-layout-color2, #F5F5F5); padding: 4px 8px; }}
{MARKDOWN_MATH_RULES}{FIGURE_RULES}</style>
"""

# ipywidgets 8 draws a slider's handle (role="slider") without an accessible name: its
# description is a <label> not tied to the handle, and no widget trait reaches the handle. This
# constant script (never learner text) copies each mathkit slider's visible description into
# its handle's aria-label, now and whenever widgets are drawn. It runs from an image's onerror
# because ipywidgets' HTML widget does not run <script> elements; the image is hidden.
# The same script names the icon-only buttons of a Play widget (the training explorer's Run
# control), which ipywidgets draws without text or title: by their icon, with fixed words
# (PLAY_BUTTON_NAMES), the play button "Run (play or pause)" since its icon turns to pause.
PLAY_BUTTON_NAMES = {
    "fa-play": "Run (play or pause)",
    "fa-pause": "Run (play or pause)",
    "fa-stop": "Stop",
    "fa-retweet": "Repeat",
}
_PLAY_NAMES_JS = ",".join(f"'{icon}':'{name}'" for icon, name in PLAY_BUTTON_NAMES.items())
_NAME_SLIDERS_JS = (
    "(function(){if(window.mathkitSliderNames)return;window.mathkitSliderNames=1;"
    f"var playNames={{{_PLAY_NAMES_JS}}};"
    "var name=function(){document.querySelectorAll("
    "'.mathkit-explorer .widget-slider').forEach(function(s){"
    "var l=s.querySelector('.widget-label');var n=l?l.textContent.trim():'';if(!n)return;"
    "s.querySelectorAll('[role=slider]').forEach(function(h){"
    "if(h.getAttribute('aria-label')!==n)h.setAttribute('aria-label',n);});});"
    "document.querySelectorAll('.mathkit-explorer .widget-play button').forEach(function(b){"
    "var i=b.querySelector('i');if(!i)return;var n='';"
    "i.classList.forEach(function(c){if(playNames[c])n=playNames[c];});"
    "if(n&&b.getAttribute('aria-label')!==n){b.setAttribute('aria-label',n);"
    "if(!b.title)b.title=n;}});"
    "document.querySelectorAll('.jp-RenderedMarkdown mjx-container[display=true]')"
    ".forEach(function(m){if(m.scrollWidth>m.clientWidth+1&&!m.hasAttribute('tabindex'))"
    "m.setAttribute('tabindex','0');});};"
    "var t=0;var later=function(){if(!t){t=requestAnimationFrame(function(){t=0;name();});}};"
    "new MutationObserver(later).observe(document.body,"
    "{childList:true,subtree:true,characterData:true});"
    "window.addEventListener('resize',later);name();})()"
)
NAME_SLIDERS = f'<img src="data:image/gif;base64,AA" alt="" hidden onerror="{_NAME_SLIDERS_JS}">'
