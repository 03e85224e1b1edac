"""The one catalogue of user-facing text, in Simplified Chinese (default)
and English.

Every string a user reads has a key here with its zh and en text; the
fragments (core, ui, report, help, legal, units, letters ...) are merged
into one table and a key may stand in only one of them
(tests/test_catalogue.py checks that every key has both languages with
the same placeholders). English text that depends on a count is a Plural.

- t(lang, key, **values): a message, formatted.
- label(lang, key): a short label (status, light, event type, check problem).
- field(lang, key): the name of a field (column) as a reader sees it.
"""

from __future__ import annotations

from tracker.i18n import core
from tracker.i18n.plural import Plural

Text = str | Plural

DATE_FORMATS = core.DATE_FORMATS


def _merge(*parts: dict[str, tuple[str, Text]]) -> dict[str, tuple[str, Text]]:
    merged: dict[str, tuple[str, Text]] = {}
    for part in parts:
        for key, value in part.items():
            if key in merged:
                raise KeyError(f"catalogue key {key!r} defined twice")
            merged[key] = value
    return merged


_FRAGMENTS = ("ui", "report", "legal", "units", "letters")


def _load() -> tuple[dict, dict, dict]:
    import importlib

    messages: list[dict[str, tuple[str, Text]]] = [core.MESSAGES]
    labels: list[dict[str, tuple[str, Text]]] = [core.LABELS]
    fields: list[dict[str, tuple[str, Text]]] = [core.FIELDS]
    for name in _FRAGMENTS:
        try:
            mod = importlib.import_module(f"tracker.i18n.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"tracker.i18n.{name}":
                raise
            continue
        messages.append(getattr(mod, "MESSAGES", {}))
        labels.append(getattr(mod, "LABELS", {}))
        fields.append(getattr(mod, "FIELDS", {}))
    return _merge(*messages), _merge(*labels), _merge(*fields)


MESSAGES, LABELS, FIELDS = _load()


from tracker.errors import UserError as _UserError  # noqa: E402  (errors imports i18n lazily)


class L(str):
    """A value that is itself a LABELS key: t() shows it in the message's language."""


class Fields(tuple):
    """A value that is field (column) keys: t() shows their names in the
    message's language, joined as that language lists them."""


def _pick(entry: tuple[str, Text], lang: str, values: dict) -> str:
    zh, en = entry
    if lang != "en":
        return zh
    return en.pick(values) if isinstance(en, Plural) else en


def t(lang: str, key: str, **values) -> str:
    """The message `key` in `lang` ('zh' or 'en'), formatted with `values`."""
    values = {
        k: label(lang, v)
        if isinstance(v, L)
        else ("、" if lang != "en" else ", ").join(field(lang, f) for f in v)
        if isinstance(v, Fields)
        else v.message(lang)
        if isinstance(v, _UserError)
        else v
        for k, v in values.items()
    }
    return _pick(MESSAGES[key], lang, values).format(**{"formats": DATE_FORMATS, **values})


def label(lang: str, key: str) -> str:
    """A short label (status, light, event type) in `lang`."""
    return _pick(LABELS[key], lang, {})


def field(lang: str, key: str) -> str:
    """The name of a field (column) in `lang`."""
    return _pick(FIELDS[key], lang, {})


def tr(lang: str, key: str, **values) -> str:
    """t() for any table: a message, else a label, else a field name."""
    if key in MESSAGES:
        return t(lang, key, **values)
    if key in LABELS:
        return label(lang, key)
    return field(lang, key)
