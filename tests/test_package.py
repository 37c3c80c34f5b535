"""The package's own shape: no compatibility shims left behind (issue 9 follow-ups, item 6)."""

from __future__ import annotations

import importlib

import pytest

import mathkit


def test_the_diagnose_shim_is_gone():
    """What mathkit.diagnose re-exported lives in mathkit.mistakes, .equivalence and .text."""
    assert "diagnose" not in mathkit._LAZY
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("mathkit.diagnose")
    with pytest.raises(AttributeError):
        mathkit.diagnose  # noqa: B018


def test_every_lazy_name_is_a_module():
    for name in mathkit._LAZY:
        assert importlib.util.find_spec(f"mathkit.{name}") is not None, name
