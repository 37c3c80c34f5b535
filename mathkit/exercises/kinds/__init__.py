"""Answer kinds, one class per kind, one module per class; each registers itself by name.

Importing this package imports every module in it, so adding a kind is adding a module with one
:class:`AnswerKind` subclass: no list to edit, no other kind to touch.
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import KINDS, AnswerKind, answer_kind, unknown_names

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["KINDS", "AnswerKind", "answer_kind", "unknown_names"]
