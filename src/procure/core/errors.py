"""Errors the domain raises, each with a code and a sentence a user can act on."""


class BusinessRuleViolation(Exception):
    def __init__(self, *, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class ImportRejected(Exception):
    """A file cannot be imported; `problems` lists each bad row as (line, reason)."""

    def __init__(self, message: str, problems: list[tuple[int | None, str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []
