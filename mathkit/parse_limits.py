"""The bounds on what a learner may type, and :class:`ParseError`, the error every reader raises.

Each limit keeps a single parse well under a second, whatever is typed; the messages that name
them say what to try instead. ``ParseError``'s public home is :mod:`mathkit.parse`.

>>> error = ParseError("a `(` is not closed", 4)
>>> str(error), error.position, isinstance(error, ValueError), MAX_LENGTH
('a `(` is not closed', 4, True, 2000)
"""

from __future__ import annotations

# Limits: each one keeps a single parse well under a second, whatever is typed.
MAX_LENGTH = 2000  # characters of text
MAX_BRACKET_DEPTH = 50  # ((( ... )))
MAX_TREE_DEPTH = 50  # syntax-tree depth; a sum of n terms is n deep
MAX_NODES = 1000  # numbers, names and operations
MAX_RUN = 8  # signs in a row (- - x), powers in a chain (x^x^x): each nests the syntax tree
MAX_ITEMS = 20  # functions in a list, rows and columns of a matrix, variables
MAX_DIGITS = 15  # digits of a whole number
MAX_FLOAT = 1e15  # size of a decimal number
MAX_DECIMAL_DIGITS = 40  # digits of a decimal read exactly (answers: 0.667 is 667/1000)
MAX_EXPONENT = 100  # size of a constant exponent
MAX_NUMBER_BITS = 256  # any number or constant built along the way (about 77 digits)
MAX_CONSTANTS = 8  # different constants like sin(2), sqrt(3) or e^2 (sympy evaluates them)
MAX_FUNCTION_DEPTH = 8  # functions inside functions: sin(cos(...)); sympy recurses through them
MAX_HYPERBOLIC_DEPTH = 2  # sinh, cosh, tanh inside each other: sympy's derivative of them is slow
MAX_MAX_ARGUMENTS = 4  # functions compared by one max or min, nested ones included


class ParseError(ValueError):
    """Text that cannot be read as a formula.

    ``str(error)`` says what to try next; ``position`` is the 0-based column in the text the learner
    typed (or None when no single place is to blame).
    """

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.position = position


ParseError.__module__ = "mathkit.parse"  # its public home: tracebacks and pickles name it there


def _count(n: int, one: str, many: str) -> str:
    """``1 entry``, ``2 entries``."""
    return f"{n} {one if n == 1 else many}"


def _shown(text: str, limit: int = 16) -> str:
    """Learner text quoted in a message, cut short so that the message stays short."""
    return f"`{text}`" if len(text) <= limit else f"`{text[: limit - 3]}...`"
