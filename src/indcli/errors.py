"""One error family for the whole tool; the CLI edge turns each into a one-line message and an exit code."""

from __future__ import annotations


class IndcliError(Exception):
    """A failure the user can act on. ``exit_code`` 1 = runtime failure, 2 = usage error."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(IndcliError):
    """The user asked for something that does not exist or is malformed (unknown metric, bad option)."""

    exit_code = 2


class DataError(IndcliError):
    """The data file or an input document cannot be read or written."""

    exit_code = 1


class Interrupted(BaseException):
    """SIGTERM or SIGHUP asked indcli to stop. Raised from the signal handler so that every clean-up on the way
    out runs, as for Ctrl-C; not an ``Exception``, so no ``except Exception`` swallows it. Exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
