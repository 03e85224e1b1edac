"""Errors the core raises for the shells to show.

A UserError is a user's mistake (bad date, unknown kind, missing item ...).
It carries a message key and its values, not text: the shell renders it in
the user's language (tracker.i18n) as one line. The CLI exits 1 on it, the
TUI shows it inline. Nothing has been written when one is raised.
"""


class UserError(Exception):
    """A mistake in the user's input; nothing has been written."""

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: str = "zh") -> str:
        from tracker.i18n import t

        return t(lang, self.key, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class ConflictError(UserError):
    """Another clerk changed the item since it was read (optimistic check)."""
