"""Everything done to a decision is on its history — considerations and alternatives included —
but colleagues' picks only once the owner has chosen (nobody is anchored)."""

from __future__ import annotations

from headway.methods.options import services
from tests.methods.options.helpers import framed, membership, option, with_options


def _history(world, decision) -> str:
    html = world.client_for(world.member).get(f"/decisions/{decision.pk}/").content.decode()
    return html.split('id="history"')[1]


def test_considerations_marked_key_and_reworded_show_on_the_decisions_history(world):
    decision = framed(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    consideration = decision.considerations.order_by("position").last()
    services.consideration_update(
        membership=m, decision=decision, consideration=consideration, text="price went up"
    )
    history = _history(world, decision)
    assert "Consideration <strong>price went up</strong> changed" in history
    assert "Text: " in history and " → price went up" in history


def test_a_colleagues_pick_stays_off_the_history_until_the_owner_has_chosen(world):
    decision = with_options(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    services.colleagues_invite(membership=m, decision=decision, users=[world.other_member])
    services.pick_submit(
        membership=membership(world.workspace, world.other_member),
        decision=decision,
        alternative=option(decision, "C"),
        comment="the joint review",
    )
    assert "the joint review" not in _history(world, decision)
    assert "colleague pick" not in _history(world, decision).lower()
