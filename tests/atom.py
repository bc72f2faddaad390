"""Validate an Atom document against the RELAX NG schema of RFC 4287 (tests/vendor/atom)."""

import functools
from pathlib import Path

import rnc2rng
from lxml import etree

SCHEMA = Path(__file__).parent / "vendor" / "atom" / "atom.rnc"


@functools.cache
def _schema() -> etree.RelaxNG:
    rng = rnc2rng.dumps(rnc2rng.load(str(SCHEMA)))
    # rnc2rng declares the schema's `local` prefix as xmlns:local="", which XML does not allow;
    # the prefix is not used in the output (local:* becomes <nsName ns=""/>).
    rng = rng.replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode()))


def atom_errors(document: bytes) -> list[str]:
    """The schema's complaints about `document`; empty when it is valid Atom."""
    schema = _schema()
    if schema.validate(etree.fromstring(document)):
        return []
    return [str(error) for error in schema.error_log]
