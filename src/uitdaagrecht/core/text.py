"""Sentences built around names: "lid van Wijkcoöperatie Holtenbroek U.A." ends in one full stop."""

import re

_DOUBLE_STOP = re.compile(r"(?<![.…])\.\.(?=[\s\"”’)]*$)")


def single_stop(text: str) -> str:
    """A sentence whose last word is a name ending in a full stop ("U.A.", "e.o.") gets one full
    stop, not two; an ellipsis ("...") is left alone."""
    return _DOUBLE_STOP.sub(".", str(text))
