"""The demo's story clock: steps run at their moment in the story, stamped by the services."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import timezone

from headway.crm import writes
from headway.crm.models import Account, Change
from headway.demo.clock import StoryClock
from headway.workspaces.models import Membership


def test_local_moments_are_in_the_persons_zone_across_a_dst_change():
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    clock = StoryClock(tz=berlin, now=dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC))
    assert clock.today == dt.date(2026, 11, 2)
    # 7:30 in Berlin is 6:30 UTC in winter and 5:30 UTC before the clocks went back.
    assert clock.local(0, 7, 30) == dt.datetime(2026, 11, 2, 6, 30, tzinfo=dt.UTC)
    assert clock.local(10, 7, 30) == dt.datetime(2026, 10, 23, 5, 30, tzinfo=dt.UTC)


def test_rows_and_history_written_at_a_story_moment_carry_that_moment(world):
    membership = (
        Membership.objects.in_workspace(world.workspace)
        .select_related("user")
        .get(user=world.member)
    )
    clock = StoryClock(tz=dt.UTC, now=timezone.now())
    moment = clock.local(30, 15, 40)
    with clock.at(moment):
        account = writes.create(Account, membership=membership, name="Story Ltd")
    change = Change.objects.in_workspace(world.workspace).get(target_id=account.pk)
    assert change.at == moment
    assert abs((timezone.now() - moment).days) >= 29  # the clock is back afterwards
