"""Time budgets: run a computation for at most a few seconds, then give up cleanly.

Machinery, not mathematics: the explorers, the exercise widget and the public API
(:func:`within_budget`) all use this one module, so no learner input can hang the kernel.

Three ways to stop a computation, chosen by the platform (:func:`strategy`):

``"alarm"``   in the main thread of a POSIX process: a real-time timer whose signal raises inside
              the computation at the budget (cheapest: no thread switch).
``"worker"``  elsewhere (another thread, Windows, SIGALRM already in use): a long-lived worker
              thread runs the computation while the caller waits, and is stopped by an exception
              raised inside it at the budget.
``"none"``    where neither exists (Pyodide/JupyterLite: no ``setitimer``, no threads): the
              computation runs directly; the parser's static bounds on size, depth and exponents
              are then the only limit.

A budgeted call inside another budgeted call runs directly, under the outer budget.

>>> run_with_budget(sum, [1, 2, 3])
6
>>> strategy() in ("alarm", "worker", "none")
True
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import queue
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any, Literal, TypeVar

DEFAULT_BUDGET = 1.0  # seconds: every explorer update, exercise check and public API call

T = TypeVar("T")
Strategy = Literal["alarm", "worker", "none"]


class TooSlow(ValueError):
    """A computation ran past its time budget and was abandoned.

    A ValueError, so callers that turn bad input into a friendly message handle it too.
    """

    def __init__(self, budget: float):
        super().__init__(f"this took too long (over {budget:g} s); try a simpler function")
        self.budget = budget


class _Abandoned(BaseException):
    """Raised inside a computation (by the timer or in the worker) to stop it at its budget."""


_state = threading.local()  # .depth: budgeted calls under way in this thread


def _threads_work() -> bool:
    """False on platforms without threads (Pyodide: ``Thread.start`` raises)."""
    return sys.platform not in ("emscripten", "wasi")


def _alarm_is_free() -> bool:
    """True in the main thread of a POSIX process whose SIGALRM and real-time timer are unused."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def strategy() -> Strategy:
    """How a budget is enforced here and now: ``"alarm"``, ``"worker"`` or ``"none"``."""
    if _alarm_is_free():
        return "alarm"
    return "worker" if _threads_work() else "none"


def run_with_budget(
    fn: Callable[..., T], *args: Any, budget: float | None = DEFAULT_BUDGET, **kwargs: Any
) -> T:
    """``fn(*args, **kwargs)``, abandoned with :class:`TooSlow` if it runs past ``budget`` seconds.

    Exceptions of fn are raised here unchanged. ``budget=None`` runs fn directly, without a
    limit, and so does a call made while another budgeted call is under way in this thread.

    >>> import time
    >>> def spin():
    ...     while True:
    ...         time.sleep(0.001)
    >>> run_with_budget(spin, budget=0.05)
    Traceback (most recent call last):
    ...
    mathkit.budget.TooSlow: this took too long (over 0.05 s); try a simpler function
    """
    if budget is None or getattr(_state, "depth", 0) > 0:
        return fn(*args, **kwargs)
    how = strategy()
    if how == "alarm":
        return _run_with_alarm(fn, args, kwargs, budget)
    if how == "worker":
        return _run_in_worker(fn, args, kwargs, budget)
    return _nested(fn, args, kwargs)


def within_budget(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorate a public entry point so that a call from outside answers within
    :data:`DEFAULT_BUDGET` (its result, or :class:`TooSlow`); calls from inside another budgeted
    call run directly. A RecursionError inside becomes :class:`TooDeep` (a ValueError).

    >>> @within_budget
    ... def double(x):
    ...     return 2 * x
    >>> double(21)
    42
    """

    @functools.wraps(fn)
    def budgeted(*args: Any, **kwargs: Any) -> T:
        try:
            return run_with_budget(fn, *args, budget=DEFAULT_BUDGET, **kwargs)
        except RecursionError:  # sympy recurses through a deeply nested formula
            raise TooDeep from None

    return budgeted


class TooDeep(ValueError):
    """A formula nested too deeply for sympy to work through (a RecursionError inside)."""

    def __init__(self):
        super().__init__("this formula is nested too deeply to work with; try a simpler one")


def _nested(fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        return fn(*args, **kwargs)
    finally:
        _state.depth -= 1


def _abandon(signum, frame) -> None:
    raise _Abandoned


def _run_with_alarm(fn: Callable[..., T], args: tuple, kwargs: dict, budget: float) -> T:
    signal.signal(signal.SIGALRM, _abandon)
    try:
        signal.setitimer(signal.ITIMER_REAL, budget)
        try:
            return _nested(fn, args, kwargs)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Abandoned:
        raise TooSlow(budget) from None
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


# ---------------------------------------------------------------------------------------------
# The worker thread


def _stop(thread: threading.Thread) -> None:
    """Ask a thread to stop: raise _Abandoned in it at its next Python bytecode.

    sympy and the parser are pure Python, so this stops them promptly; a long step inside a C
    extension stops when it returns (the parser bounds number sizes, so those steps are short).
    """
    ident = thread.ident
    if ident is not None and thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(ident), ctypes.py_object(_Abandoned)
        )


class _Task:
    """One call for the worker: fn(*args, **kwargs), its outcome, and an event set when done."""

    def __init__(self, fn: Callable, args: tuple, kwargs: dict):
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.value = _nested(self.fn, self.args, self.kwargs)
        except _Abandoned:
            raise
        except BaseException as exc:  # handed to the caller
            self.error = exc
        finally:
            self.done.set()


class _Worker:
    """A daemon thread that runs tasks one at a time, started on first use (not at import).

    A long-lived thread rather than one per call: starting a thread makes the waiting caller and
    the new thread contend for the GIL, which costs up to a switch interval (5 ms) per update.
    """

    def __init__(self):
        self.tasks: queue.SimpleQueue[_Task] = queue.SimpleQueue()
        self.retired = False
        self.thread = threading.Thread(target=self._loop, name="mathkit-budget", daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while not self.retired:
            # _Abandoned: stopped by run_with_budget, which has retired this worker.
            with contextlib.suppress(_Abandoned):
                self.tasks.get().run()


_worker: _Worker | None = None
_worker_lock = threading.Lock()


def _run_in_worker(fn: Callable[..., T], args: tuple, kwargs: dict, budget: float) -> T:
    global _worker
    task = _Task(fn, args, kwargs)
    with _worker_lock:
        if _worker is None:
            _worker = _Worker()
        worker = _worker
    worker.tasks.put(task)
    if not task.done.wait(budget):
        with _worker_lock:
            worker.retired = True
            if _worker is worker:
                _worker = None
        _stop(worker.thread)
        raise TooSlow(budget)
    if task.error is not None:
        raise task.error
    return task.value


@contextlib.contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector inside the block (if it was running).

    An explorer's update builds a figure, renders it and drops it. With the collector running,
    the figure's objects are still alive at the collections during the update, get promoted to
    the oldest generation, and pile up there until a full collection of the whole process frees
    them all at once: a pause of 100 ms or more every dozen updates. Paused, they are freed by
    the first young collection after the block, a few milliseconds each time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
