"""The demo workspace tells the Mutual Learning source story (001): Kestrel's two heads
disagree on the reefer-trailer sensor, the alignment records what each holds, and a joint
option neither proposed meets both essential interests — still at the impasse, so it is on
Sofia's agenda."""

from __future__ import annotations

import pytest

from headway.agenda.selectors import build_agenda
from headway.demo import load_demo
from headway.methods.alignment import selectors
from headway.methods.alignment.models import Alignment
from headway.workspaces.models import Membership

pytestmark = pytest.mark.django_db


def test_the_kestrel_alignment_is_stuck_with_a_joint_option_that_meets_both() -> None:
    ws = load_demo().workspace
    alignment = Alignment.objects.in_workspace(ws).select_related("owner", "deal").get()
    assert alignment.owner.email == "sofia@demo.headway.test"
    assert alignment.status == "impasse"
    assert alignment.deal is not None and alignment.deal.title.startswith("Reefer trailer")
    assert alignment.stuck_days == 22
    page = selectors.alignment_page(alignment=alignment)
    assert [p.name for p in page.parties] == ["Henrik Brandt", "Miriam Okafor"]
    assert page.essential_count == 2
    [best] = page.best
    assert best.option.label == "C" and best.proposer == "us"
    assert any(i.test_status == "confirmed" for p in page.parties for i in p.assumptions)
    assert page.words[0].term == "pharma load"
    assert len(page.shared) == 2

    sofia = (
        Membership.objects.in_workspace(ws)
        .select_related("user")
        .get(user__email="sofia@demo.headway.test")
    )
    titles = [e.item.title for g in build_agenda(sofia).groups for e in g.entries]
    assert "At an impasse: the reefer-trailer sensor design" in titles
