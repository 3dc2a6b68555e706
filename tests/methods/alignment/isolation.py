"""Id factories for the Mutual Learning routes (see tests/isolation_registry.py).

The ids share one alignment so that nested routes (/alignments/<a>/parties/<p>/…) are real
for the admin of workspace A — the isolation test's positive control — while a user of
workspace B must get 404 on every one of them.
"""

from __future__ import annotations

from typing import Any

from headway.methods.alignment import services
from headway.methods.alignment.models import AgreedWord, Alignment
from tests.isolation_registry import id_factory
from tests.methods.alignment.helpers import explored, membership, parties


def _alignment(world: Any) -> Alignment:
    if "alignment" not in world.objects:
        story = explored(world.workspace, world.admin)
        world.objects["alignment"] = story.alignment
        world.objects["alignment_story"] = story
    return world.objects["alignment"]  # type: ignore[no-any-return]


@id_factory("alignment_id")
def _alignment_id(world: Any) -> int:
    return _alignment(world).pk


@id_factory("party_id")
def _party_id(world: Any) -> int:
    return parties(_alignment(world))[0].pk


@id_factory("item_id")
def _item_id(world: Any) -> int:
    _alignment(world)
    return world.objects["alignment_story"].flex.pk  # type: ignore[no-any-return]


@id_factory("joint_option_id")
def _joint_option_id(world: Any) -> int:
    _alignment(world)
    return world.objects["alignment_story"].c.pk  # type: ignore[no-any-return]


@id_factory("word_id")
def _word_id(world: Any) -> int:
    alignment = _alignment(world)
    word = AgreedWord.objects.in_workspace(world.workspace).filter(alignment=alignment).first()
    if word is None:
        word = services.word_add(
            membership=membership(world.workspace, world.admin),
            alignment=alignment,
            term="launch",
            meaning="customers can buy it",
        )
    return word.pk
