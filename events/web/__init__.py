"""Public, read-only HTML: the status board and the event pages. Templates live in ``events/templates/``."""
