"""English plural forms in the catalogue (Chinese has none)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Plural:
    """English text that depends on a count: `one` when values[by] == 1."""

    by: str
    one: str
    other: str

    def pick(self, values: dict) -> str:
        return self.one if values.get(self.by) == 1 else self.other
