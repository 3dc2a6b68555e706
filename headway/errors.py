"""Domain errors, shared by every module and mapped once to HTTP (API) and messages (web).

- ``ValidationError`` (Django's) → 422 with per-field messages / form errors.
- :class:`NotFound` → 404, the same for "missing" and "another workspace's".
- :class:`RuleRefused` → 409: a method rule refuses this step now (e.g. still sleeping on it).
- :class:`ConcurrentEdit` → 409: someone else saved the record since it was loaded.
- :class:`PermissionDenied` → 403: the user's role does not allow the change.
"""

from __future__ import annotations


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    status_code = 404

    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(message)


class RuleRefused(DomainError):
    status_code = 409


class ConcurrentEdit(RuleRefused):
    def __init__(self, what: str = "record") -> None:
        super().__init__(
            f"Someone else changed this {what} while you were editing it. Your changes were not "
            "saved: reload to see the latest version, then apply your edits again."
        )


class PermissionDenied(DomainError):
    status_code = 403

    def __init__(self, message: str = "Your role in this workspace does not allow this.") -> None:
        super().__init__(message)
