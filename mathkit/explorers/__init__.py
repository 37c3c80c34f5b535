"""Live explorers: change a function and watch its gradient, Jacobian and shape update.

Each explorer is an ``ipywidgets.VBox``, so it displays itself in JupyterLab, Jupyter Notebook and
Voilà. Its controls are attributes: set their ``.value`` (in a notebook cell or a test) and the
explorer updates at once, since observers run synchronously in the kernel. The wiring is thin: every
update calls pure functions of the core (:mod:`mathkit.calculus`, :mod:`mathkit.shapes`,
:mod:`mathkit.check`, :mod:`mathkit.numeric`, :mod:`mathkit.plots`) within a time budget
(:func:`mathkit.ui.run_with_budget`) and puts their results into output areas.

Bad input (a parse error, an unknown variable, a point outside the domain or on a corner, a NaN, a
computation past the budget) shows one friendly line under the inputs, marks the input invalid and
keeps the last good result on screen, dimmed under a note "showing the last valid f"; never a
traceback. Controls that do not depend on the faulty input (the layout toggle) still apply to the
last valid result, so what is shown always agrees with the controls.

One module per explorer (``jacobian``, ``gradient``, ``neuron``, ``shape_case``,
``linearization``, and Part 2's ``vector``, ``chain``, ``training``); ``base`` holds what they
share. An explorer is declarative: it declares its
output areas (:class:`base.Area`: a name and a label for screen readers) and its result
attributes, and its pure state function returns a :class:`base.View` (each area's HTML by name,
the results, the figure); the base builds the areas, fills them (each in a keyboard-focusable
region that scrolls a wide formula), keeps the figure and handles errors, the time budget and
the stale mark. Explorers compute no mathematics of their own: the core (:mod:`mathkit.calculus`,
:mod:`mathkit.shapes`, :mod:`mathkit.numeric`, :mod:`mathkit.planemap`) does.

Attributes every explorer has
-----------------------------
``result``     the latest good result (see each explorer); it survives bad input
``error``      None, or the message on screen
``error_out``  the :class:`mathkit.ui.ErrorLine` under the inputs
``budget``     seconds an update may take (default 1); ``update()`` recomputes now
``outputs``    the box of output areas; ``stale`` is True while it shows the last valid input's
               results (class ``mathkit-stale``), with ``stale_note`` above it
``figure``     (explorers with a plot) the figure on screen as a new matplotlib Figure, drawn
               again from the last good inputs: the explorer itself keeps only its PNG

=========================== ================================================================
explorer                    controls → outputs (``.result``)
=========================== ================================================================
``jacobian_explorer``       ``functions``, ``variables`` (Text), ``layout_toggle`` (ToggleButtons),
                            ``point`` (list of FloatSliders, one per variable, in ``point_box``)
                            → ``jacobian_out``, ``gradients_out``, ``value_out``, ``case_out``,
                            ``check_out``; ``result`` the symbolic Jacobian (sympy Matrix) in the
                            chosen layout, ``value`` (numpy, same layout), ``case`` (ShapeCase),
                            ``check`` (JacobianCheck)
``gradient_explorer``       ``function`` (Text), ``point`` (2 FloatSliders) → ``gradient_out``,
                            ``value_out``, ``note_out``, ``plot``; ``result`` ∇f (1 × 2 Matrix,
                            numerator layout), ``value`` (numpy), ``figure``
``neuron_explorer``         ``inputs`` (ToggleButtons 1 or 2), ``w`` (2 sliders), ``b``, ``x``
                            (2 sliders; the second of each hidden for 1-D input) → ``neuron_out``
                            (z and the activation), ``partials_out``, ``plot``; ``result`` a
                            NeuronPoint (active or not decided once, exactly), ``figure``
``shape_case_explorer``     ``f_kind``, ``x_kind`` (ToggleButtons scalar/vector), ``m``, ``n``
                            (IntSliders) → ``case_out``, ``example_out``, ``jacobian_out``,
                            ``shapes_out``, ``rule_out``; ``result`` a ShapeCase, ``jacobian``
                            (numerator layout), ``example`` (functions, variables) as text
``linearization_explorer``  ``functions``, ``variables`` (Text), ``point`` (2 FloatSliders),
                            ``size`` (FloatSlider), ``matrix`` (ToggleButtons: J or Jᵀ in its
                            place) → ``jacobian_out``, ``value_out``, ``gap_out``, ``plot``;
                            ``result`` the symbolic Jacobian (2 × 2, numerator layout), ``value``,
                            ``gap``, ``shrinkage`` (GapShrinkage: the gap at the side and at half
                            the side), ``figure``
``vector_explorer``         ``text``, ``vectors``, ``wrt`` (Text), ``size`` (IntSlider 1–6),
                            ``layout_toggle`` → ``components_out``, ``jacobian_out``,
                            ``closed_form_out``; ``result`` the Jacobian in the chosen layout,
                            ``components``, ``closed_form`` (ClosedForm, that layout),
                            ``numerator_form``, ``denominator_form``
``chain_stepper``           ``example`` (Dropdown), ``steps`` (Textarea), ``wrt``, ``mode``
                            (show/try), ``factors`` (Texts, try mode), ``check_button`` →
                            ``intermediates_out``, ``derivatives_out``, ``product_out``,
                            ``result_out``, ``check_out``, ``verdict_out``; ``result`` the
                            derivative in x, ``chain``, ``rule``, ``check``, ``factor_check``
``training_explorer``       ``data`` (1d/2d), ``w`` (sliders), ``b``, ``rate``, ``step_button``,
                            ``play`` (Play: one step per tick), ``reset_button`` →
                            ``summary_out``, ``samples_out``, ``plot``; ``result`` a
                            TrainingState, ``loss``, ``losses``, ``figure``
=========================== ================================================================

(The layout control is ``layout_toggle``, not ``layout``: every widget already has a ``layout``
attribute, its CSS layout, which cannot be replaced.)

CSS classes, for styling and browser tests
------------------------------------------
Listed once, in :mod:`mathkit.css` (the table :data:`mathkit.css.CLASSES`): the root box has
``mathkit-explorer`` and ``mathkit-<name>-explorer``; every control ``mathkit-input`` (plus e.g.
``mathkit-functions``, ``mathkit-point``), ``mathkit-invalid`` while it cannot be used; the error
line ``mathkit-error``; each output area ``mathkit-math`` and ``mathkit-<area name>`` (e.g.
``mathkit-jacobian``), its content in a ``mathkit-scroll`` region; figures ``mathkit-plot`` with
``mathkit-caption``.

>>> ex = jacobian_explorer("[3x^2 y, 2x + y^8]", "x y")
>>> ex.result
Matrix([
[6*x*y, 3*x**2],
[    2, 8*y**7]])
>>> ex.functions.value = "[x y, x + 2y]"
>>> ex.result, ex.error
(Matrix([
[y, x],
[1, 2]]), None)
>>> ex.functions.value = "[x y, x + 2z]"
>>> "`z`" in ex.error  # one friendly line: z is not one of the variables
True
>>> ex.result  # the last good result stays
Matrix([
[y, x],
[1, 2]])
"""

from __future__ import annotations

from .chain import ChainStepper, chain_stepper
from .gradient import GradientExplorer, gradient_explorer
from .jacobian import JacobianExplorer, jacobian_explorer
from .linearization import LinearizationExplorer, linearization_explorer
from .neuron import NeuronExplorer, neuron_explorer
from .shape_case import ShapeCaseExplorer, shape_case_explorer
from .training import TrainingExplorer, training_explorer
from .vector import VectorExplorer, vector_explorer

__all__ = [
    "ChainStepper",
    "GradientExplorer",
    "JacobianExplorer",
    "LinearizationExplorer",
    "NeuronExplorer",
    "ShapeCaseExplorer",
    "TrainingExplorer",
    "VectorExplorer",
    "chain_stepper",
    "gradient_explorer",
    "jacobian_explorer",
    "linearization_explorer",
    "neuron_explorer",
    "shape_case_explorer",
    "training_explorer",
    "vector_explorer",
]
