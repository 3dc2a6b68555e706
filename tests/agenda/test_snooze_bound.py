"""Snoozes are bounded: a person snoozes only items on their own agenda, one row per item, and
the ones that ran out are dropped — a made-up or someone else's key is refused (422) and makes
no row, however many are sent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from headway.agenda.models import AgendaSnooze
from headway.agenda.services import KEY_INVALID, agenda_item_snooze
from tests import factories
from tests.agenda.helpers import agenda_for, keys, membership_of

QUIET_SINCE = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)  # 52 days before the clock's today


def quiet_account(world, owner):
    account = factories.make_account(world.workspace, owner=owner, last_touch_at=QUIET_SINCE)
    key = f"cadence:account:{account.pk}"
    assert key in keys(agenda_for(world.workspace, owner))
    return key


def snoozes(world):
    return AgendaSnooze.objects.in_workspace(world.workspace)


def test_made_up_keys_are_refused_and_make_no_rows(world, clock):
    membership = membership_of(world.workspace, world.member)
    for n in range(200):
        with pytest.raises(ValidationError) as refused:
            agenda_item_snooze(
                membership=membership,
                key=f"cadence:account:{10_000 + n}",
                until=dt.date(2026, 12, 1),
            )
        assert refused.value.message_dict == {"key": [KEY_INVALID]}
    with pytest.raises(ValidationError):
        agenda_item_snooze(membership=membership, key="x:" + "y" * 100, until=dt.date(2026, 12, 1))
    assert not snoozes(world).exists()


def test_the_agenda_page_says_so_for_a_made_up_key(world, clock):
    response = world.client_for(world.member).post(
        "/agenda/snooze/",
        {"key": "anything:at-all", "days": "3"},
        headers={"HX-Request": "true"},
    )
    assert "This agenda item is not known" in response.content.decode()
    assert not snoozes(world).exists()


def test_an_item_on_someone_elses_agenda_cannot_be_snoozed_for_oneself(world, clock):
    theirs = quiet_account(world, world.other_member)
    with pytest.raises(ValidationError):
        agenda_item_snooze(
            membership=membership_of(world.workspace, world.member),
            key=theirs,
            until=dt.date(2026, 11, 25),
        )
    assert not snoozes(world).exists()
    assert theirs in keys(agenda_for(world.workspace, world.other_member))


def test_an_item_on_ones_own_agenda_is_snoozed_as_before(world, clock):
    mine = quiet_account(world, world.member)
    membership = membership_of(world.workspace, world.member)
    agenda_item_snooze(membership=membership, key=mine, until=dt.date(2026, 11, 25))
    assert mine not in keys(agenda_for(world.workspace, world.member))
    assert [s.key for s in snoozes(world)] == [mine]


def test_snoozes_that_ran_out_are_dropped_when_the_person_snoozes_again(world, clock):
    first, second = quiet_account(world, world.member), quiet_account(world, world.member)
    membership = membership_of(world.workspace, world.member)
    agenda_item_snooze(membership=membership, key=first, until=dt.date(2026, 11, 24))
    other_person = quiet_account(world, world.other_member)
    agenda_item_snooze(
        membership=membership_of(world.workspace, world.other_member),
        key=other_person,
        until=dt.date(2026, 11, 24),
    )

    clock.move_to(dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC))
    agenda_item_snooze(
        membership=membership_of(world.workspace, world.member),
        key=second,
        until=dt.date(2026, 11, 28),
    )

    # The member's run-out snooze goes; another person's is theirs to tidy.
    assert sorted((s.user_id, s.key) for s in snoozes(world)) == sorted(
        [(world.member.pk, second), (world.other_member.pk, other_person)]
    )
