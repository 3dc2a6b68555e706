"""Mutual Learning's part of the demo workspace (source 001), loaded by ``headway demo``.

**Kestrel Logistics** — the story of the source text. Kestrel's two heads disagree on the
custom reefer-trailer sensor we are building for them: Henrik Brandt (engineering) wants a
wired sensor feeding the trailers' telematics units, Miriam Okafor (operations) battery tags
that drivers move between trailers. Either way makes sense, both cannot be built, and the
design meeting 23 days ago ended at impasse. The next day Sofia Martens recorded the
alignment — the decision, the two parties and their positions, tied to the sensor deal — and
over the following days what matters to each, what each assumes (one assumption already
tested) and what each relies on; an agreed word; and three joint options rated against both
parties' interests: each one's own, and a third, neither's, that meets both essential
interests. The alignment is still at the impasse, so "At an impasse" is on Sofia's agenda.

Everything is written through the module's services with Sofia's membership, each step at its
moment in the story (:class:`headway.demo.clock.StoryClock`), so the history says what the
services recorded.
"""

from __future__ import annotations

import datetime as dt

from headway.crm.models import Account, Contact, Deal
from headway.demo.clock import StoryClock
from headway.methods.alignment import services
from headway.methods.alignment.models import Alignment, Item, Party
from headway.workspaces.models import Membership, Workspace

SOFIA = "sofia@demo.headway.test"
KESTREL = "Kestrel Logistics GmbH"
DEAL = "Reefer trailer sensor — custom design (800 trailers)"
DECISION = "the reefer-trailer sensor design"
HENRIK_POSITION = "A wired sensor feeding each trailer's telematics unit: one data stream."
MIRIAM_POSITION = "Battery-powered tags that drivers move between trailers."

# (party, kind, text, essential, shared)
ITEMS = (
    ("henrik", "interest", "Reliable temperature data for every pharma load", True, True),
    ("henrik", "interest", "No batteries for drivers to change on the road", False, False),
    ("henrik", "assumption", "Movable tags get lost or go flat on the road", False, False),
    ("henrik", "information", "Telematics unit specs: a free CAN-bus port", False, False),
    ("miriam", "interest", "Covers the subcontracted trailers as well", True, False),
    ("miriam", "interest", "Drivers can fit it in a minute at the depot", False, False),
    ("miriam", "assumption", "Subcontracted trailers cannot be wired", False, False),
    ("miriam", "information", "A third of the fleet is subcontracted", False, True),
)
TESTED = (
    "Subcontracted trailers cannot be wired",
    "Checked with Aylin and two subcontractors: their contracts forbid wiring our kit",
)
WORD = ("pharma load", "any load with a temperature-proof clause in its contract")
OPTIONS = (
    ("henrik", "Wired sensor on every trailer's telematics unit"),
    ("miriam", "Battery tags moved between trailers by the drivers"),
    ("", "Wired sensor on owned trailers, fixed battery tags on subcontracted ones"),
)
# Per option (in order): ratings of Henrik's and Miriam's essential interests, then the rest.
RATINGS = (
    {
        "Reliable temperature data for every pharma load": "partly",
        "Covers the subcontracted trailers as well": "no",
        "No batteries for drivers to change on the road": "meets",
        "Drivers can fit it in a minute at the depot": "no",
    },
    {
        "Reliable temperature data for every pharma load": "partly",
        "Covers the subcontracted trailers as well": "meets",
        "No batteries for drivers to change on the road": "no",
        "Drivers can fit it in a minute at the depot": "meets",
    },
    {
        "Reliable temperature data for every pharma load": "meets",
        "Covers the subcontracted trailers as well": "meets",
        "No batteries for drivers to change on the road": "partly",
        "Drivers can fit it in a minute at the depot": "meets",
    },
)


def load(*, workspace: Workspace, now: dt.datetime) -> None:
    """Add the Kestrel alignment to the (freshly built) demo workspace."""
    sofia = Membership.objects.in_workspace(workspace).select_related("user").get(user__email=SOFIA)
    account = Account.objects.in_workspace(workspace).get(name=KESTREL)
    contacts = {
        c.name.split()[0].lower(): c
        for c in Contact.objects.in_workspace(workspace).filter(
            account=account, name__in=["Henrik Brandt", "Miriam Okafor"]
        )
    }
    deal = Deal.objects.in_workspace(workspace).filter(account=account, title=DEAL).first()
    clock = StoryClock(tz=sofia.user.tzinfo, now=now)
    with clock.at(clock.local(22, 9, 30)):
        alignment = services.alignment_create(
            membership=sofia,
            account=account,
            decision=DECISION,
            parties=[(contacts["henrik"], HENRIK_POSITION), (contacts["miriam"], MIRIAM_POSITION)],
            deal=deal,
        )
    parties = {
        p.contact.name.split()[0].lower(): p
        for p in Party.objects.in_workspace(workspace)
        .filter(alignment=alignment)
        .select_related("contact")
    }
    _what_each_holds(sofia, alignment, parties, clock)
    _options(sofia, alignment, parties, clock)


def _what_each_holds(
    sofia: Membership, alignment: Alignment, parties: dict[str, Party], clock: StoryClock
) -> None:
    with clock.at(clock.local(21, 14, 0)):
        for who, kind, text, essential, shared in ITEMS:
            services.item_add(
                membership=sofia,
                alignment=alignment,
                party=parties[who],
                kind=kind,
                text=text,
                essential=essential,
                shared=shared,
            )
    with clock.at(clock.local(18, 11, 15)):
        item = Item.objects.in_workspace(alignment.workspace_id).get(
            alignment=alignment, text=TESTED[0]
        )
        services.item_update(
            membership=sofia,
            alignment=alignment,
            item=item,
            test_status="confirmed",
            tested_how=TESTED[1],
            tested_on=clock.days_ago(18),
        )
        services.word_add(membership=sofia, alignment=alignment, term=WORD[0], meaning=WORD[1])


def _options(
    sofia: Membership, alignment: Alignment, parties: dict[str, Party], clock: StoryClock
) -> None:
    interests = {
        i.text: i
        for i in Item.objects.in_workspace(alignment.workspace_id).filter(
            alignment=alignment, kind="interest"
        )
    }
    with clock.at(clock.local(15, 16, 40)):
        for (who, text), ratings in zip(OPTIONS, RATINGS, strict=True):
            option = services.option_add(
                membership=sofia,
                alignment=alignment,
                text=text,
                proposed_by="party" if who else "us",
                proposing_party=parties[who] if who else None,
            )
            services.option_rate(
                membership=sofia,
                alignment=alignment,
                option=option,
                ratings={interests[t]: r for t, r in ratings.items()},
            )
