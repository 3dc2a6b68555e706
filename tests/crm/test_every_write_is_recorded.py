"""No change can go unrecorded: the services of the CRM and of every method app write business
rows only through the one write path (headway.crm.writes), outside a short list with reasons.
A new method app's services.py is covered the day it is written."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR) / "headway"
WRITES = {"save", "delete", "create", "bulk_create", "bulk_update", "update"}
WRITES |= {"get_or_create", "update_or_create"}

# (file, the start of the call) → why it may write directly.
ALLOWED = {
    (
        "crm/services.py",
        "Account.objects.in_workspace(workspace_id).filter(pk=account_id).update",
    ): ("last touch is derived from the interactions (not a tracked field)"),
    ("crm/services.py", "InteractionContact.objects.in_workspace"): (
        "participants are join rows of the interaction, replaced with it"
    ),
    ("crm/services.py", "InteractionContact.objects.bulk_create"): "the same join rows",
}
# Receivers that are not rows: dicts and errors, and file storage (a win-back file is stored
# beside its AskAttachment row, which itself goes through the write path).
NOT_ROWS = {"errors", "exc", "data", "kwargs", "default_storage", "attachment.file"}


def _service_files() -> list[Path]:
    files = [ROOT / "crm" / "services.py"]
    files += sorted((ROOT / "methods").glob("*/services.py"))
    files += sorted((ROOT / "methods").glob("*/services/*.py"))
    return files


def test_services_write_only_through_the_write_path():
    offenders = []
    for path in _service_files():
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text())):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in WRITES
            ):
                continue
            receiver = ast.unparse(node.func.value)
            if receiver in NOT_ROWS or receiver.split(".")[0] == "writes":
                continue
            call = ast.unparse(node.func)
            if any(rel == f and call.startswith(start) for f, start in ALLOWED):
                continue
            offenders.append(f"{rel}:{node.lineno} {call[:80]}")
    assert offenders == [], "write through headway.crm.writes (create/update/delete/…_many)"


def test_the_scan_sees_every_method_apps_services():
    names = {p.parent.name for p in _service_files() if "methods" in p.parts}
    assert {"options", "winback"} <= names
