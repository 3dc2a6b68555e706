"""``headway import``: a dry run by default, --commit writes, bad rows exit 1 and write nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from headway.crm.models import Account

FILE = (
    "Record ID,Company name,Company Domain Name,Company owner\r\n"
    "5001,Müller,mueller.example,member@acme.test\r\n"
    "5002,Café Olé,cafe.example,ghost@acme.test\r\n"
)


def _import(tmp_path, text, *extra):
    path = tmp_path / "companies.csv"
    path.write_bytes(text.encode("utf-16") if "--utf16" in extra else text.encode())
    out, err = io.StringIO(), io.StringIO()
    args = [a for a in extra if a != "--utf16"]
    call_command(
        "import",
        str(path),
        "--workspace",
        "ws-1",
        "--as",
        "admin@acme.test",
        "--kind",
        "accounts",
        "--preset",
        "hubspot",
        *args,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


@pytest.fixture
def ws(world):
    world.workspace.slug = "ws-1"
    world.workspace.save()
    return world


def test_a_dry_run_by_default_says_what_a_commit_would_do(ws, tmp_path):
    out, err = _import(tmp_path, FILE, "--utf16")
    assert "Dry run, nothing written. A commit would do: 2 created, 0 updated" in out
    assert "Unknown owner 'ghost@acme.test' (rows 3)" in out
    assert "2 rows, utf-16, separated by commas" in err
    assert "checked 2/2 rows" in err  # the progress line
    assert not Account.objects.in_workspace(ws.workspace).exists()


def test_commit_writes_and_a_second_run_changes_nothing(ws, tmp_path):
    out, err = _import(tmp_path, FILE, "--commit")
    assert "Imported accounts: 2 created, 0 updated, 0 unchanged" in out
    assert "written 2/2 rows" in err
    out, _ = _import(tmp_path, FILE, "--commit")
    assert "0 created, 0 updated, 2 unchanged" in out
    assert Account.objects.in_workspace(ws.workspace).count() == 2


def test_bad_rows_are_listed_exit_1_and_nothing_is_written(ws, tmp_path):
    bad = FILE + "5003,,nameless.example,\r\n"
    with pytest.raises(SystemExit) as exit_:
        _import(tmp_path, bad, "--commit")
    assert exit_.value.code == 1
    assert not Account.objects.in_workspace(ws.workspace).exists()


def test_the_bad_row_is_printed(ws, tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text(FILE + "5003,,nameless.example,\r\n")
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "import",
            str(path),
            "--workspace",
            "ws-1",
            "--as",
            "admin@acme.test",
            "--kind",
            "accounts",
            "--preset",
            "hubspot",
            stdout=out,
            stderr=io.StringIO(),
        )
    assert "row 4, column 'Company name': This field cannot be blank." in out.getvalue()
    assert "1 bad rows: nothing was written." in out.getvalue()


def test_a_column_can_be_mapped_by_hand(ws, tmp_path):
    out, _ = _import(
        tmp_path, "Firma;Ref\nMüller;x1\n", "--map", "name=Firma", "--map", "external_id=Ref"
    )
    assert "1 created" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--as", "member@acme.test"), "Only a manager or an admin can import"),
        (("--as", "outsider@rival.test"), "is not a member of 'ws-1'"),
        (("--workspace", "nope"), "No workspace with the slug 'nope'"),
        (("--map", "name"), "--map takes TARGET=COLUMN"),
    ],
)
def test_mistakes_stop_with_a_message(ws, tmp_path, extra, message):
    with pytest.raises(CommandError, match=message):
        _import(tmp_path, FILE, *extra)


def test_an_unreadable_file_stops_with_the_reason(ws, tmp_path):
    with pytest.raises(CommandError, match="The file is empty"):
        _import(tmp_path, "")
