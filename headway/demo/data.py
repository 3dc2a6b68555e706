"""What the demo workspace holds.

Our company, Northwind Partners, sells cold-chain monitoring — ColdWatch sensors, gateways,
alerting and audit-ready reports — to grocers, hospitals, labs and logistics firms. Four
accounts tell the stories Headway's methods come from:

* Harbour & Vale Foodstores (source 000): a major new customer agreed a trial run in three
  outlets; the trial went badly, the relationship is on hold, and only the phone line to the
  original contact is still open.
* Kestrel Logistics (source 001): two stakeholders disagree on the design of the product we are
  building for them, and the last meeting ended at impasse.
* St. Aldhelm Health System (source 002): the best account — a great relationship at several
  levels — where we could be doing a lot more.
* Rheinwald Frischdienst (source 004): a deal just lost to a competitor, and the win-back
  starting from it.

The other accounts are everyday business, drawn from the pools at the end of this module.
Phone numbers come from ranges reserved for fiction (Ofcom's 01632/0113 496/020 7946 0,
Germany's drama numbers, the US 555-01xx) and e-mail domains end in ``.example``: a demo
that a campaign e-mails by mistake reaches nobody.
"""

from __future__ import annotations

from headway.demo.specs import (
    AccountSpec,
    ActionSpec,
    ContactSpec,
    DealSpec,
    InteractionSpec,
    PersonSpec,
    UpdateSpec,
)

WORKSPACE_NAME = "Northwind Partners (demo)"

PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec("morgan", "manager@demo.headway.test", "Morgan Hale", "manager", "Europe/London"),
    PersonSpec("liam", "liam@demo.headway.test", "Liam Carter", "member", "Europe/London"),
    PersonSpec("sofia", "sofia@demo.headway.test", "Sofia Martens", "member", "Europe/Berlin"),
    PersonSpec("dana", "dana@demo.headway.test", "Dana Brooks", "member", "America/New_York"),
    PersonSpec("alex", "admin@demo.headway.test", "Alex Rivera", "admin", "Europe/London"),
)
SELLERS = ("liam", "sofia", "dana")
MANAGER = "morgan"

CURRENCY = {"uk": "GBP", "de": "EUR", "us": "USD"}

EXEC, MGMT, OPS = "executive", "management", "operational"
DM, EV, INF, USR = "decision_maker", "evaluator", "influencer", "user"
ADV, NEU, DET = "advocate", "neutral", "detractor"

# --- source 000: the three-outlet trial that went badly ------------------------------------

HARBOUR_VALE = AccountSpec(
    key="harbour_vale",
    name="Harbour & Vale Foodstores",
    domain="harbourvale.example",
    industry="Grocery retail",
    owner="liam",
    status="customer",
    locale="uk",
    phone_prefix="+44 113 496 0",
    created_days_ago=290,
    tier="key",
    strength=2,
    contacts=(
        ContactSpec("priya", "Priya Nair", "Head of Store Development", MGMT, EV, ADV),
        ContactSpec("graham", "Graham Whitlock", "Chief Financial Officer", EXEC, DM, NEU),
        ContactSpec("fiona", "Fiona Drummond", "Retail Operations Director", EXEC, INF, DET),
        ContactSpec("kamal", "Kamal Rahman", "IT Systems Manager", MGMT, EV, NEU),
        ContactSpec("dean", "Dean Marsh", "Store Manager, Leeds Kirkgate", OPS, USR, DET),
        ContactSpec("shona", "Shona Bell", "Store Manager, York Micklegate", OPS, USR, DET),
        ContactSpec("tom", "Tom Ashby", "Store Manager, Harrogate Station Parade", OPS, USR, NEU),
    ),
    deals=(
        DealSpec(
            "trial",
            "Three-outlet trial (Leeds, York, Harrogate)",
            18000,
            "won",
            days=228,
            created_days_ago=262,
        ),
        DealSpec(
            "rollout",
            "Chain-wide rollout — 140 stores",
            412000,
            "develop",
            days=150,
            created_days_ago=226,
            competitors="ThermaLog",
        ),
    ),
    interactions=(
        InteractionSpec(
            285,
            "meeting",
            "First meeting at their Leeds head office. Priya wants to cut chilled waste across "
            "140 stores; temperature checks are on paper twice a day and often filled in "
            "after the fact.",
            "Send a proposal for a trial run in three outlets.",
            ("priya", "kamal"),
        ),
        InteractionSpec(
            262,
            "email",
            "Sent Priya the trial proposal: ColdWatch sensors on every chiller and freezer in "
            "three outlets for twelve weeks, waste and compliance measured against three "
            "control stores.",
            "Priya to take it to Graham Whitlock.",
            ("priya",),
        ),
        InteractionSpec(
            240,
            "meeting",
            "Graham approved the trial budget. Success criteria agreed: 20% less chilled waste "
            "and no missed temperature checks. Leeds Kirkgate, York Micklegate and Harrogate "
            "Station Parade chosen as the three outlets.",
            "Schedule the installations.",
            ("priya", "graham"),
        ),
        InteractionSpec(
            226,
            "note",
            "Trial contract signed. For the team: freezer-room probes and the replenishment "
            "integration are not ready, so the trial runs with fridge sensors and alerts only "
            "— the offering is incomplete and we know it.",
            "Ask product for a date for the freezer-room probes.",
        ),
        InteractionSpec(
            205,
            "meeting",
            "Installation week in all three outlets. Staff trained in 30-minute sessions; Dean "
            "worried that alerts will reach his personal phone at night.",
            "Set up a shared store handset for alerts.",
            ("dean", "shona", "tom"),
        ),
        InteractionSpec(
            180,
            "call",
            "Dean says staff ignore the alerts: most fire during deliveries when the doors are "
            "open, and nobody knows who should respond.",
            "Tune alert delays for delivery windows.",
            ("dean",),
        ),
        InteractionSpec(
            165,
            "email",
            "Shona reports that York has gone back to paper logs as well — 'double work'. Sent "
            "the tuned alert settings. Priya asked us to hold the weekly report until the "
            "numbers look better.",
            "Visit Leeds and York with our support lead.",
            ("priya", "shona"),
        ),
        InteractionSpec(
            150,
            "meeting",
            "Mid-trial review. The test group has balked: store staff see the system as extra "
            "work, and without the replenishment link it saves them nothing. Fiona sided with "
            "the store managers.",
            "Write up what the trial has shown so far, including the waste avoided.",
            ("priya", "fiona", "dean", "shona", "tom"),
        ),
        InteractionSpec(
            120,
            "meeting",
            "End-of-trial review. Chilled waste down 6% against the 20% target; compliance "
            "checks better, staff sentiment poor. Graham: 'the rollout is on hold'. Nobody "
            "asked what the control stores lost in the meantime.",
            "Keep the line open with Priya.",
            ("priya", "fiona", "graham"),
        ),
        InteractionSpec(
            98,
            "note",
            "Relationship on hold. What we weigh: the test group balked; the customer does not "
            "see the opportunity lost; our offering was incomplete; good chance they adjust "
            "their thinking once the offering is complete (freezer probes and replenishment "
            "link ship next quarter).",
            "Work through the options before the next call with Priya.",
        ),
        InteractionSpec(
            75,
            "call",
            "Catch-up call with Priya. She still believes in the idea but cannot push it "
            "internally until the store managers are on side. Friendly; asked to hear when "
            "the freezer-room probes ship.",
            "Call again next month.",
            ("priya",),
        ),
        InteractionSpec(
            46,
            "call",
            "Priya mentioned two new-format stores opening in spring — no paper process to "
            "replace there, and managers picked for being open to new tools.",
            "Consider offering the new-format stores instead of the trial outlets.",
            ("priya",),
        ),
        InteractionSpec(
            19,
            "call",
            "Short call with Priya: the rollout line is still in next year's budget, but Fiona "
            "wants evidence from stores other than the trial three.",
            "Choose the option: share with Priya what the trial group missed (Option B)?",
            ("priya",),
        ),
    ),
    actions=(
        ActionSpec(
            "Phone Priya: share what the trial outlets missed and what the complete offering "
            "fixes (Option B)",
            due_in=1,
        ),
        ActionSpec("Ask product for the freezer-room probe ship date", due_in=-2),
        ActionSpec("Draft a proposal for the two new-format stores", due_in=9, deal="rollout"),
        ActionSpec("Send Priya the end-of-trial report", due_in=-117, done_days_ago=116),
    ),
    updates=(
        UpdateSpec(226, {"status": "prospect"}),
        UpdateSpec(118, {"relationship_strength": 4}),
    ),
)

# --- source 001: two stakeholders who disagree ---------------------------------------------

KESTREL = AccountSpec(
    key="kestrel",
    name="Kestrel Logistics GmbH",
    domain="kestrel-logistics.example",
    industry="Temperature-controlled logistics",
    owner="sofia",
    status="customer",
    locale="de",
    phone_prefix="+49 40 66969 ",
    created_days_ago=520,
    tier="key",
    strength=3,
    contacts=(
        ContactSpec("henrik", "Henrik Brandt", "Head of Engineering", MGMT, DM, ADV),
        ContactSpec("miriam", "Miriam Okafor", "Head of Operations", MGMT, DM, NEU),
        ContactSpec("katrin", "Katrin Vogt", "Chief Operating Officer", EXEC, DM, NEU, "morgan"),
        ContactSpec("lukas", "Lukas Neumann", "Telematics Engineer", OPS, USR, ADV),
        ContactSpec("aylin", "Aylin Demir", "Dispatch Team Lead", OPS, USR, NEU),
    ),
    deals=(
        DealSpec(
            "depots",
            "Depot cold-room monitoring — Hamburg and Bremen",
            64000,
            "won",
            days=430,
            created_days_ago=500,
        ),
        DealSpec(
            "reefer",
            "Reefer trailer sensor — custom design (800 trailers)",
            540000,
            "develop",
            days=120,
            created_days_ago=200,
        ),
    ),
    background=6,
    background_span=(500, 215),
    interactions=(
        InteractionSpec(
            200,
            "meeting",
            "Kick-off for the custom reefer-trailer sensor. Katrin wants temperature proof for "
            "every pharma load by next summer; Henrik and Miriam will define the requirements "
            "together.",
            "Requirements workshop in two weeks.",
            ("katrin", "henrik", "miriam"),
        ),
        InteractionSpec(
            186,
            "meeting",
            "Requirements workshop with engineering. Henrik wants a wired sensor feeding the "
            "trailers' telematics units: one data stream, no batteries to change.",
            "Hear operations' view before drafting the design.",
            ("henrik", "lukas"),
        ),
        InteractionSpec(
            180,
            "call",
            "Miriam's view: battery-powered tags that drivers move between trailers, because "
            "subcontracted trailers are a third of the fleet and cannot be wired.",
            "Draft both design options.",
            ("miriam", "aylin"),
        ),
        InteractionSpec(
            150,
            "email",
            "Sent Henrik and Miriam both design options with cost and timeline. We cannot build "
            "both within the budget: they need to choose one.",
            "Joint design review.",
            ("henrik", "miriam"),
        ),
        InteractionSpec(
            120,
            "meeting",
            "Joint design review. Henrik and Miriam each defended their own option; no "
            "decision. Taking it to Katrin was discussed, but would cost another month.",
            "Follow up with each of them separately.",
            ("henrik", "miriam"),
        ),
        InteractionSpec(
            95,
            "call",
            "Henrik: wired is the only way to get reliable data — tags get lost and batteries "
            "go flat on the road.",
            "Call Miriam.",
            ("henrik",),
        ),
        InteractionSpec(
            93,
            "call",
            "Miriam: a wired sensor leaves out the subcontracted trailers, which carry most of "
            "the pharma loads.",
            "Bring them together again.",
            ("miriam",),
        ),
        InteractionSpec(
            60,
            "email",
            "Lukas shared the telematics unit specs: our sensor could plug into its CAN bus. "
            "Schedule is slipping by six weeks.",
            "Tell Katrin about the slip.",
            ("lukas",),
        ),
        InteractionSpec(
            23,
            "meeting",
            "Design meeting ended at impasse. Henrik (wired, telematics) and Miriam (movable "
            "battery tags) still disagree; both make sense and we cannot do both. Until the "
            "customer speaks with one voice the design cannot move; the project is eight "
            "weeks behind.",
            "Prepare a Mutual Learning session: each one's interests, assumptions and the "
            "information behind their option.",
            ("henrik", "miriam"),
        ),
        InteractionSpec(
            21,
            "note",
            "Our technical preference will not settle this — either design works. Next meeting: "
            "make each one's interests and assumptions explicit, then look for a design that "
            "meets both sets of needs.",
            "Book the follow-up with Henrik and Miriam.",
        ),
        InteractionSpec(
            9,
            "email",
            "Proposed a two-hour working session; both accepted. Asked each to bring the data "
            "behind their option (trailer mix, tag loss rates, telematics coverage).",
            "Prepare the agenda.",
            ("henrik", "miriam"),
        ),
    ),
    actions=(
        ActionSpec(
            "Prepare the joint session: each one's interests, assumptions and data",
            due_in=0,
            deal="reefer",
        ),
        ActionSpec("Send Henrik and Miriam the agenda for the working session", due_in=-1),
        ActionSpec("Update Katrin on the schedule slip", due_in=3, deal="reefer"),
        ActionSpec("Coach Sofia before the Kestrel working session", due_in=1, owner="morgan"),
        ActionSpec("Send both design options with costs", due_in=-151, done_days_ago=150),
    ),
)

# --- source 002: the best account that could do more ---------------------------------------

ST_ALDHELM = AccountSpec(
    key="st_aldhelm",
    name="St. Aldhelm Health System",
    domain="staldhelm-health.example",
    industry="Hospitals and health systems",
    owner="dana",
    status="customer",
    locale="us",
    phone_prefix="+1 617 555 01",
    created_days_ago=1200,
    tier="key",
    strength=5,
    could_do_more=True,
    contacts=(
        ContactSpec(
            "margaret", "Dr. Margaret Ellison", "Chief Executive Officer", EXEC, DM, ADV, "morgan"
        ),
        ContactSpec("daniel", "Daniel Osei", "VP Pharmacy Services", EXEC, DM, ADV),
        ContactSpec(
            "grace", "Grace Whitfield", "VP Facilities and Support Services", EXEC, INF, NEU
        ),
        ContactSpec("ravi", "Dr. Ravi Menon", "Director of Laboratory Services", MGMT, EV, ADV),
        ContactSpec("carla", "Carla Jimenez", "Pharmacy Operations Manager", MGMT, USR, ADV),
        ContactSpec("tomb", "Tom Becker", "Strategic Sourcing Manager", MGMT, EV, NEU),
        ContactSpec("leah", "Leah Park", "Lead Pharmacy Technician", OPS, USR, ADV),
    ),
    deals=(
        DealSpec(
            "pharmacy",
            "Main campus pharmacy fridge monitoring",
            126000,
            "won",
            days=1090,
            created_days_ago=1180,
        ),
        DealSpec(
            "vaccines",
            "Vaccine storage — 12 outpatient clinics",
            84000,
            "won",
            days=720,
            created_days_ago=790,
        ),
        DealSpec("lab", "Laboratory cold storage", 97500, "won", days=410, created_days_ago=480),
        DealSpec(
            "renewal",
            "Three-year renewal and support",
            148000,
            "won",
            days=55,
            created_days_ago=130,
        ),
        DealSpec(
            "partnership",
            "Partnership expansion — to shape with the CEO",
            150000,
            "qualify",
            days=120,
            created_days_ago=38,
        ),
    ),
    background=9,
    background_span=(540, 150),
    interactions=(
        InteractionSpec(
            140,
            "meeting",
            "Quarterly review: no missed excursions in the lab for two quarters. Ravi calls us "
            "their most reliable vendor.",
            "Start renewal talks with Tom.",
            ("ravi", "carla"),
        ),
        InteractionSpec(
            100,
            "meeting",
            "Renewal negotiation with Tom and Daniel: three years agreed with a modest uplift.",
            "Paperwork to Tom.",
            ("tomb", "daniel"),
        ),
        InteractionSpec(
            55,
            "email",
            "Tom returned the signed three-year renewal.",
            "Countersign and send back.",
            ("tomb",),
        ),
        InteractionSpec(
            40,
            "note",
            "We have a great relationship with St. Aldhelm, but we could be doing a lot more "
            "with them — the same thing we said a year ago. Time to negotiate about the "
            "relationship itself, not just renew it.",
            "Frame the meeting with Dr. Ellison and Daniel around changing the relationship.",
        ),
        InteractionSpec(
            34,
            "lunch",
            "Lunch with Daniel. He hinted that home infusion and the blood bank both struggle "
            "to prove their cold chain; neither is our business with them today.",
            "Ask for time with Dr. Ellison.",
            ("daniel",),
        ),
        InteractionSpec(
            26,
            "call",
            "Short call with Dr. Ellison: she agreed to a 90-minute meeting with Daniel about "
            "the partnership.",
            "Prepare a one-page framework and a list of options.",
            ("margaret",),
        ),
        InteractionSpec(
            14,
            "meeting",
            "Pharmacy walk-through with Carla and Leah: ideas for the technicians' shift "
            "handover checklist.",
            "Send Carla a draft checklist.",
            ("carla", "leah"),
        ),
        InteractionSpec(
            6,
            "email",
            "Sent Daniel a draft agenda for the partnership meeting; he added the blood bank "
            "director.",
            "Finish the one-page framework and the options.",
            ("daniel",),
        ),
    ),
    actions=(
        ActionSpec("List five options to enhance the relationship", due_in=0),
        ActionSpec(
            "Finish the one-page framework: what both sides gained, where we could do more",
            due_in=2,
            deal="partnership",
        ),
        ActionSpec(
            "Meeting with Dr. Ellison and Daniel Osei: agree the focus projects",
            due_in=8,
            deal="partnership",
        ),
        ActionSpec("Send Carla the handover checklist draft", due_in=-3),
        ActionSpec("Countersign the renewal", due_in=-54, done_days_ago=54, deal="renewal"),
    ),
    updates=(UpdateSpec(40, {"could_do_more": False}),),
)

# --- source 004: the deal just lost to a competitor ----------------------------------------

RHEINWALD = AccountSpec(
    key="rheinwald",
    name="Rheinwald Frischdienst GmbH",
    domain="rheinwald-frischdienst.example",
    industry="Food distribution",
    owner="sofia",
    status="lost",
    locale="de",
    phone_prefix="+49 221 4710 ",
    created_days_ago=210,
    strength=2,
    cadence_days=30,
    contacts=(
        ContactSpec("jonas", "Jonas Keller", "Head of Logistics", MGMT, DM, ADV),
        ContactSpec("anke", "Anke Vogel", "Procurement Lead", MGMT, EV, DET),
        ContactSpec("petra", "Dr. Petra Schäfer", "Managing Director", EXEC, DM, NEU, "morgan"),
        ContactSpec("markus", "Markus Weber", "IT Director", MGMT, EV, NEU),
    ),
    deals=(
        DealSpec(
            "dcs",
            "Warehouse and fleet cold-chain monitoring — 6 DCs",
            236000,
            "lost",
            days=4,
            created_days_ago=195,
            competitors="FrostGuard, ThermaLog",
            lost_to="competitor",
            lost_to_name="FrostGuard",
            lost_reasons=(
                "FrostGuard came in 18% cheaper per sensor and promised a six-week rollout "
                "against our ten. Procurement scored price highest; Jonas preferred our "
                "alerting but was outvoted. Their facilities team already uses FrostGuard door "
                "sensors."
            ),
        ),
    ),
    interactions=(
        InteractionSpec(
            195,
            "meeting",
            "Discovery at their Köln distribution centre: six DCs, 140 trucks, HACCP records "
            "kept by hand.",
            "Demo for Jonas and IT.",
            ("jonas",),
        ),
        InteractionSpec(
            170,
            "meeting",
            "Demo of the dashboard and alerting. Markus asked how readings reach SAP.",
            "Send the integration notes.",
            ("jonas", "markus"),
        ),
        InteractionSpec(
            150,
            "email",
            "Sent Markus the SAP integration notes and the security questionnaire.",
            "Confirm IT sign-off.",
            ("markus",),
        ),
        InteractionSpec(
            120,
            "meeting",
            "Solution workshop. Anke brought a competing quote from FrostGuard and asked us to "
            "match it line by line.",
            "Send the proposal with a rollout plan.",
            ("jonas", "anke"),
        ),
        InteractionSpec(
            90,
            "email",
            "Sent the proposal: €236,000 for six DCs and the truck fleet, ten-week rollout.",
            "Walk Anke through the pricing.",
            ("anke",),
        ),
        InteractionSpec(
            60,
            "call",
            "Price negotiation with Anke: she wants 20% off and a shorter rollout.",
            "Check with Morgan how far we can go.",
            ("anke",),
        ),
        InteractionSpec(
            30,
            "meeting",
            "Final presentation to the selection team. Good questions on alerting from Jonas; "
            "Anke focused on price per sensor.",
            "Wait for the decision.",
            ("jonas", "anke", "markus"),
        ),
        InteractionSpec(
            4,
            "call",
            "Jonas called: they chose FrostGuard. He was plainly uncomfortable delivering the "
            "news and apologised twice.",
            "Ask for the evaluation documents and the decision criteria.",
            ("jonas",),
        ),
        InteractionSpec(
            3,
            "email",
            "Thanked them for the chance. Asked for the evaluation scorecard, the final "
            "decision criteria and 30 minutes with the selection team. Jonas agreed at once.",
            "Lunch with Jonas.",
            ("jonas", "anke"),
        ),
        InteractionSpec(
            2,
            "note",
            "Lost to FrostGuard, but we did most of the selling work. Aim: be the first people "
            "they call when FrostGuard's rollout runs into trouble. Dr. Schäfer only heard of "
            "the final decision — ask Jonas for an introduction.",
            "Keep the lines open: a few calls, e-mails and a lunch.",
        ),
    ),
    actions=(
        ActionSpec("Ask Anke for the evaluation scorecard and decision criteria", due_in=0),
        ActionSpec("Lunch with Jonas Keller: what did FrostGuard promise?", due_in=5),
        ActionSpec("Ask Jonas for an introduction to Dr. Schäfer", due_in=10),
        ActionSpec("Check in 60 days after FrostGuard's go-live", due_in=75, deal="dcs"),
        ActionSpec("Debrief the loss with Sofia", due_in=-1, owner="morgan", deal="dcs"),
    ),
    updates=(
        UpdateSpec(4, {"status": "prospect"}),
        UpdateSpec(
            4,
            {"stage": "negotiate", "lost_to": "", "lost_to_name": "", "lost_reasons": ""},
            deal="dcs",
        ),
    ),
)

STORY_ACCOUNTS = (HARBOUR_VALE, KESTREL, ST_ALDHELM, RHEINWALD)


# --- everyday accounts ---------------------------------------------------------------------


def _everyday(
    key: str,
    name: str,
    domain: str,
    industry: str,
    owner: str,
    status: str,
    locale: str,
    phone_prefix: str,
    *,
    created: int,
    touch: int,
    n: int,
    contacts: tuple[tuple[str, str], ...],
    deals: tuple[DealSpec, ...],
    tier: str = "regular",
    strength: int = 3,
    cadence_days: int | None = None,
) -> AccountSpec:
    """An account without a story: ``n`` everyday interactions, the newest ``touch`` days ago."""
    return AccountSpec(
        key=key,
        name=name,
        domain=domain,
        industry=industry,
        owner=owner,
        status=status,
        locale=locale,
        phone_prefix=phone_prefix,
        created_days_ago=created,
        tier=tier,
        strength=strength,
        cadence_days=cadence_days,
        generic_contacts=contacts,
        deals=deals,
        background=n,
        background_span=(min(created - 5, 540), touch),
    )


def _won(key: str, title: str, amount: int, closed: int, created: int) -> DealSpec:
    return DealSpec(key, title, amount, "won", days=closed, created_days_ago=created)


def _open(
    key: str, title: str, amount: int, stage: str, close_in: int, created: int, comp: str = ""
) -> DealSpec:
    return DealSpec(
        key, title, amount, stage, days=close_in, created_days_ago=created, competitors=comp
    )


def _lost(
    key: str,
    title: str,
    amount: int,
    closed: int,
    created: int,
    lost_to: str,
    name: str,
    reasons: str,
) -> DealSpec:
    return DealSpec(
        key,
        title,
        amount,
        "lost",
        days=closed,
        created_days_ago=created,
        competitors=name if lost_to == "competitor" else "",
        lost_to=lost_to,
        lost_to_name=name,
        lost_reasons=reasons,
    )


EVERYDAY_ACCOUNTS: tuple[AccountSpec, ...] = (
    # Liam — United Kingdom
    _everyday(
        "redmere",
        "Redmere Bakeries Ltd",
        "redmere-bakeries.example",
        "Food manufacturing",
        "liam",
        "customer",
        "uk",
        "+44 117 496 0",
        created=400,
        touch=6,
        n=10,
        strength=4,
        contacts=(
            ("Managing Director", EXEC),
            ("Head of Food Safety", MGMT),
            ("Production Shift Lead", OPS),
        ),
        deals=(
            _won("plant", "Proving-room and chiller monitoring — Bristol plant", 38000, 300, 360),
            _open("swindon", "Second plant (Swindon)", 26500, "propose", 25, 70),
        ),
    ),
    _everyday(
        "portside",
        "Portside Seafood Traders",
        "portside-seafood.example",
        "Seafood wholesale",
        "liam",
        "customer",
        "uk",
        "+44 1632 960",
        created=480,
        touch=44,
        n=8,
        contacts=(
            ("Owner and Chief Executive", EXEC),
            ("Warehouse Manager", MGMT),
            ("Quality Technician", OPS),
        ),
        deals=(
            _won("coldstore", "Cold-store monitoring — Grimsby", 21000, 420, 470),
            _lost(
                "containers",
                "Reefer container tags",
                14500,
                150,
                230,
                "alternative",
                "Their own data loggers",
                "The warehouse manager built a logger setup with a local electrician; cheaper "
                "up front, no alerting. Revisit after their next audit.",
            ),
        ),
    ),
    _everyday(
        "cresthaven",
        "Cresthaven Senior Living",
        "cresthaven-care.example",
        "Care homes",
        "liam",
        "customer",
        "uk",
        "+44 20 7946 0",
        created=330,
        touch=12,
        n=9,
        strength=4,
        contacts=(
            ("Chief Operating Officer", EXEC),
            ("Head of Clinical Governance", MGMT),
            ("Home Manager, Bath", OPS),
        ),
        deals=(
            _won("medfridges", "Medication fridges — 14 care homes", 44800, 230, 300),
            _open("kitchens", "Kitchen HACCP monitoring", 18900, "develop", 60, 40),
        ),
    ),
    _everyday(
        "copperleaf",
        "Copperleaf Restaurant Group",
        "copperleaf-dining.example",
        "Restaurants",
        "liam",
        "prospect",
        "uk",
        "+44 161 496 0",
        created=160,
        touch=38,
        n=6,
        strength=2,
        contacts=(
            ("Chief Operating Officer", EXEC),
            ("Head of Food Safety", MGMT),
            ("General Manager, Manchester", OPS),
        ),
        deals=(
            _open(
                "kitchens",
                "Kitchen temperature compliance — 32 restaurants",
                57600,
                "qualify",
                90,
                120,
                "ChillPoint Systems",
            ),
        ),
    ),
    _everyday(
        "aldervalley",
        "Alder Valley University",
        "aldervalley-uni.example",
        "Higher education",
        "liam",
        "prospect",
        "uk",
        "+44 121 496 0",
        created=140,
        touch=9,
        n=7,
        contacts=(
            ("Director of Estates", EXEC),
            ("Research Facilities Manager", MGMT),
            ("Senior Laboratory Technician", OPS),
        ),
        deals=(
            _open(
                "freezers",
                "Research freezer monitoring — Life Sciences building",
                72000,
                "propose",
                40,
                100,
                "ThermaLog",
            ),
        ),
    ),
    _everyday(
        "ironbridge",
        "Ironbridge Catering",
        "ironbridge-catering.example",
        "Contract catering",
        "liam",
        "former",
        "uk",
        "+44 121 496 0",
        created=700,
        touch=160,
        n=7,
        strength=2,
        cadence_days=120,
        contacts=(
            ("Finance Director", EXEC),
            ("Operations Director", MGMT),
            ("Executive Chef, Central Kitchen", OPS),
        ),
        deals=(
            _won("kitchen", "Central kitchen monitoring", 16400, 600, 640),
            _lost(
                "renewal",
                "Contract renewal",
                15200,
                170,
                230,
                "do_nothing",
                "",
                "Budget cut after losing two catering contracts; they went back to paper "
                "logs. Finance director open to talking again next year.",
            ),
        ),
    ),
    _everyday(
        "marlowfinch",
        "Marlow & Finch Wine Merchants",
        "marlowfinch.example",
        "Wine merchants",
        "liam",
        "prospect",
        "uk",
        "+44 20 7946 0",
        created=90,
        touch=3,
        n=6,
        contacts=(
            ("Managing Director", EXEC),
            ("Cellar Manager", MGMT),
            ("Logistics Coordinator", OPS),
        ),
        deals=(_open("cellar", "Bonded cellar climate monitoring", 12800, "negotiate", 10, 60),),
    ),
    # Sofia — Germany and the Netherlands
    _everyday(
        "larkspur",
        "Larkspur Biologics GmbH",
        "larkspur-bio.example",
        "Biotechnology",
        "sofia",
        "customer",
        "de",
        "+49 89 99998 ",
        created=520,
        touch=15,
        n=11,
        tier="key",
        strength=4,
        contacts=(
            ("Chief Operating Officer", EXEC),
            ("Head of Quality Assurance", MGMT),
            ("QC Laboratory Supervisor", OPS),
            ("Facilities Engineer", OPS),
        ),
        deals=(
            _won("gmp", "GMP freezer monitoring — Munich site", 96000, 380, 470),
            _won("calibration", "Calibration service plan", 14500, 90, 120),
            _open(
                "stability", "Stability chamber monitoring", 48000, "negotiate", 14, 75, "ThermaLog"
            ),
        ),
    ),
    _everyday(
        "meridian",
        "Meridian Dairy Cooperative",
        "meridian-dairy.example",
        "Dairy",
        "sofia",
        "customer",
        "de",
        "+49 69 90009 ",
        created=530,
        touch=52,
        n=8,
        contacts=(
            ("Managing Director", EXEC),
            ("Head of Quality", MGMT),
            ("Tanker Logistics Lead", OPS),
        ),
        deals=(
            _won("tanks", "Milk tank monitoring — three collection centres", 33000, 460, 520),
            _open("tankers", "Tanker fleet temperature tracking", 41000, "develop", -10, 140),
        ),
    ),
    _everyday(
        "nordlicht",
        "Nordlicht Frischemarkt GmbH",
        "nordlicht-markt.example",
        "Grocery retail",
        "sofia",
        "prospect",
        "de",
        "+49 40 66969 ",
        created=150,
        touch=41,
        n=6,
        strength=2,
        contacts=(
            ("Managing Director", EXEC),
            ("Head of Store Operations", MGMT),
            ("Store Manager, Hamburg-Altona", OPS),
        ),
        deals=(_open("pilot", "Pilot in five stores", 22000, "qualify", 75, 110, "FrostGuard"),),
    ),
    _everyday(
        "halvorsen",
        "Halvorsen Marine Foods",
        "halvorsen-marine.example",
        "Seafood processing",
        "sofia",
        "customer",
        "de",
        "+49 40 66969 ",
        created=400,
        touch=5,
        n=9,
        strength=4,
        contacts=(
            ("Chief Executive Officer", EXEC),
            ("Production Director", MGMT),
            ("Quality Manager", MGMT),
        ),
        deals=(
            _won("hall", "Processing hall monitoring", 27500, 340, 390),
            _open("export", "Export cold-store expansion", 35000, "propose", 30, 50),
        ),
    ),
    _everyday(
        "vanterpool",
        "Vanterpool Flowers B.V.",
        "vanterpool-flowers.example",
        "Floriculture",
        "sofia",
        "customer",
        "de",
        "+49 30 23125 ",
        created=360,
        touch=22,
        n=7,
        contacts=(
            ("Commercial Director", EXEC),
            ("Cold Room Manager", MGMT),
            ("Fleet Planner", OPS),
        ),
        deals=(
            _won("coldrooms", "Auction hall cold rooms", 19800, 270, 330),
            _lost(
                "trucks",
                "Truck fleet sensors",
                23500,
                60,
                150,
                "competitor",
                "ChillPoint Systems",
                "ChillPoint bundled the sensors with their route-planning software, which the "
                "fleet planner already uses. Our price was close; the bundle won.",
            ),
        ),
    ),
    _everyday(
        "apoverbund",
        "Apotheken-Verbund Süd",
        "apoverbund-sued.example",
        "Pharmacy chain",
        "sofia",
        "prospect",
        "de",
        "+49 89 99998 ",
        created=120,
        touch=27,
        n=6,
        contacts=(
            ("Managing Director", EXEC),
            ("Head of Pharmacy Operations", MGMT),
            ("Pharmacist in Charge, Augsburg", OPS),
        ),
        deals=(
            _open(
                "vaccines",
                "Vaccine fridge monitoring — 48 pharmacies",
                52000,
                "develop",
                45,
                90,
                "FrostGuard",
            ),
        ),
    ),
    # Dana — United States
    _everyday(
        "greystone",
        "Greystone Clinical Labs",
        "greystone-labs.example",
        "Clinical diagnostics",
        "dana",
        "customer",
        "us",
        "+1 312 555 01",
        created=470,
        touch=8,
        n=10,
        tier="key",
        strength=4,
        contacts=(
            ("Chief Operating Officer", EXEC),
            ("Director of Laboratory Operations", MGMT),
            ("Specimen Processing Supervisor", OPS),
        ),
        deals=(
            _won("specimens", "Specimen storage monitoring — 6 labs", 88000, 400, 460),
            _open("couriers", "Courier cooler tracking", 46500, "propose", 21, 60, "FrostGuard"),
        ),
    ),
    _everyday(
        "pinecrest",
        "Pinecrest Blood Services",
        "pinecrest-blood.example",
        "Blood services",
        "dana",
        "customer",
        "us",
        "+1 303 555 01",
        created=380,
        touch=33,
        n=9,
        strength=5,
        contacts=(
            ("Chief Executive Officer", EXEC),
            ("Director of Quality", MGMT),
            ("Component Lab Lead", OPS),
        ),
        deals=(
            _won("fridges", "Blood fridge and platelet agitator monitoring", 61000, 310, 370),
            _open("drives", "Mobile blood drive coolers", 24000, "qualify", 80, 45),
        ),
    ),
    _everyday(
        "summitridge",
        "Summit Ridge Hospital",
        "summitridge-hospital.example",
        "Hospitals",
        "dana",
        "prospect",
        "us",
        "+1 801 555 01",
        created=170,
        touch=47,
        n=6,
        strength=2,
        contacts=(
            ("Chief Financial Officer", EXEC),
            ("Director of Pharmacy", MGMT),
            ("Biomedical Engineer", OPS),
        ),
        deals=(
            _open(
                "coldchain", "Pharmacy and lab cold chain", 75000, "develop", 50, 130, "ThermaLog"
            ),
        ),
    ),
    _everyday(
        "cobalt",
        "Cobalt Fresh Meals",
        "cobaltfresh.example",
        "Meal kits",
        "dana",
        "customer",
        "us",
        "+1 646 555 01",
        created=300,
        touch=18,
        n=8,
        contacts=(
            ("Chief Operating Officer", EXEC),
            ("VP Fulfilment", EXEC),
            ("Fulfilment Centre Shift Manager", OPS),
        ),
        deals=(
            _won("fulfilment", "Fulfilment centre monitoring", 39500, 200, 260),
            _open("lastmile", "Last-mile box loggers", 58000, "negotiate", 5, 80, "FrostGuard"),
        ),
    ),
    _everyday(
        "oakhurst",
        "Oakhurst Veterinary Partners",
        "oakhurst-vets.example",
        "Veterinary clinics",
        "dana",
        "prospect",
        "us",
        "+1 919 555 01",
        created=80,
        touch=2,
        n=6,
        contacts=(
            ("Chief Executive Officer", EXEC),
            ("Regional Practice Manager", MGMT),
            ("Head Veterinary Nurse", OPS),
        ),
        deals=(_open("vaccines", "Vaccine fridges — 22 clinics", 26400, "propose", 18, 50),),
    ),
    _everyday(
        "bluefin",
        "Bluefin Pharmacy Group",
        "bluefin-rx.example",
        "Pharmacy chain",
        "dana",
        "former",
        "us",
        "+1 212 555 01",
        created=760,
        touch=95,
        n=7,
        strength=2,
        cadence_days=90,
        contacts=(
            ("Chief Operating Officer", EXEC),
            ("Director of Store Compliance", MGMT),
            ("District Pharmacy Manager", OPS),
        ),
        deals=(
            _won("stores", "Store fridge monitoring — 60 pharmacies", 54000, 700, 740),
            _lost(
                "renewal",
                "Renewal and expansion",
                71000,
                120,
                200,
                "competitor",
                "FrostGuard",
                "FrostGuard offered a two-year price freeze, and a slow sensor replacement "
                "last winter still rankled with the compliance team.",
            ),
        ),
    ),
    _everyday(
        "ashgrove",
        "Ashgrove Research Institute",
        "ashgrove-research.example",
        "Research institute",
        "dana",
        "lost",
        "us",
        "+1 206 555 01",
        created=260,
        touch=75,
        n=6,
        strength=2,
        cadence_days=90,
        contacts=(
            ("Director of Operations", EXEC),
            ("Biobank Manager", MGMT),
            ("Research Associate", OPS),
        ),
        deals=(
            _lost(
                "biobank",
                "Biobank freezer monitoring",
                67000,
                80,
                220,
                "competitor",
                "ThermaLog",
                "ThermaLog integrates with their sample-tracking system out of the box; we "
                "would have needed a custom connector. The biobank manager liked our alerting.",
            ),
        ),
    ),
    _everyday(
        "tidewater",
        "Tidewater Provisions",
        "tidewater-provisions.example",
        "Food distribution",
        "dana",
        "customer",
        "us",
        "+1 757 555 01",
        created=320,
        touch=36,
        n=7,
        contacts=(
            ("President", EXEC),
            ("Distribution Center Manager", MGMT),
            ("Fleet Maintenance Lead", OPS),
        ),
        deals=(
            _won("dc", "Distribution centre monitoring — Norfolk, VA", 31000, 250, 300),
            _lost(
                "fleet",
                "Fleet reefer monitoring",
                42000,
                45,
                140,
                "alternative",
                "Telematics add-on from their truck vendor",
                "The truck vendor switched on a temperature add-on in the telematics they "
                "already pay for. Less detail and no audit report, but no new contract.",
            ),
        ),
    ),
)

ACCOUNTS: tuple[AccountSpec, ...] = STORY_ACCOUNTS + EVERYDAY_ACCOUNTS


# --- pools for everyday content ------------------------------------------------------------

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "uk": (
        "Oliver",
        "Amelia",
        "Harry",
        "Isla",
        "George",
        "Freya",
        "Jack",
        "Poppy",
        "Callum",
        "Imogen",
        "Rhys",
        "Eleanor",
        "Owen",
        "Harriet",
        "Niamh",
        "Aidan",
        "Zara",
        "Rupert",
        "Bethan",
        "Kieran",
        "Lucy",
        "Samir",
        "Martha",
        "Ewan",
    ),
    "de": (
        "Jan",
        "Lena",
        "Felix",
        "Hannah",
        "Tobias",
        "Julia",
        "Maximilian",
        "Sarah",
        "Niklas",
        "Laura",
        "Florian",
        "Katharina",
        "Moritz",
        "Anna",
        "Sebastian",
        "Clara",
        "Daan",
        "Sanne",
        "Jonathan",
        "Mareike",
        "Emre",
        "Svenja",
        "Pieter",
        "Leonie",
    ),
    "us": (
        "Michael",
        "Jessica",
        "David",
        "Ashley",
        "Marcus",
        "Lauren",
        "Kevin",
        "Nicole",
        "Brian",
        "Megan",
        "Carlos",
        "Tiffany",
        "Jamal",
        "Rachel",
        "Tyler",
        "Monica",
        "Andre",
        "Priscilla",
        "Gregory",
        "Denise",
        "Hector",
        "Shannon",
        "Victor",
        "Alicia",
    ),
}
LAST_NAMES: dict[str, tuple[str, ...]] = {
    "uk": (
        "Pemberton",
        "Hughes",
        "Doyle",
        "Fairley",
        "Okonkwo",
        "Patel",
        "Lambert",
        "Crossley",
        "Sutherland",
        "Bennett",
        "Kaur",
        "Fletcher",
        "Ainsworth",
        "Reid",
        "Holloway",
        "Chowdhury",
        "Lowe",
        "Mackenzie",
        "Tennant",
        "Quayle",
        "Adeyemi",
        "Whitaker",
        "Nolan",
        "Pryce",
    ),
    "de": (
        "Hoffmann",
        "Richter",
        "Krause",
        "Schmitz",
        "Wagner",
        "Lorenz",
        "Hartmann",
        "Zimmermann",
        "Braun",
        "Koch",
        "Yılmaz",
        "Kowalski",
        "Friedrich",
        "Seidel",
        "Jansen",
        "de Vries",
        "Bakker",
        "Meijer",
        "Engel",
        "Brinkmann",
        "Albers",
        "Petersen",
        "Vogler",
        "Sommer",
    ),
    "us": (
        "Thompson",
        "Rodriguez",
        "Sullivan",
        "Washington",
        "Nguyen",
        "Kowalczyk",
        "Harper",
        "Delgado",
        "Reyes",
        "Coleman",
        "Fitzgerald",
        "Bishop",
        "Chen",
        "Morales",
        "Grant",
        "Okafor",
        "Lindgren",
        "Castillo",
        "Whitman",
        "Pruitt",
        "Abernathy",
        "Hollis",
        "Ortega",
        "Barrett",
    ),
}

# (kind, summary, next step); "{first}" is the first participant's first name.
CUSTOMER_POOL: tuple[tuple[str, str, str], ...] = (
    (
        "call",
        "Called {first} about last month's excursion report: two alarms traced to a "
        "cold-room door left ajar during deliveries.",
        "Send {first} the guide to delivery-window alert delays.",
    ),
    (
        "meeting",
        "Quarterly review with {first}: 99.8% of readings in range, one sensor replaced "
        "under warranty. They want the monthly report split by site.",
        "Set up per-site reports before the next review.",
    ),
    (
        "email",
        "Sent {first} the annual calibration certificates ahead of their audit.",
        "Confirm the auditor accepted them.",
    ),
    (
        "call",
        "{first} asked whether the sensors can log humidity too; explained the dual probe "
        "and its price.",
        "Send a quote for ten dual probes.",
    ),
    (
        "meeting",
        "Site visit with {first}: walked the cold rooms and checked sensor placement; "
        "two probes sit too close to the evaporator fan.",
        "Move the two probes and re-baseline the alarms.",
    ),
    (
        "lunch",
        "Lunch with {first}. Next year's budget is tight, but audits are getting stricter "
        "and they see us as part of the answer.",
        "Share the case study on audit time saved.",
    ),
    (
        "email",
        "{first} reported the back-office gateway went offline over the weekend; support "
        "replaced the power supply on Monday.",
        "Check with {first} that alerts are flowing again.",
    ),
    (
        "call",
        "Renewal check-in with {first}: happy with the service, asking for a three-year price.",
        "Prepare a three-year renewal option.",
    ),
    (
        "note",
        "Usage review: alarm acknowledgement time down from 42 to 11 minutes since the "
        "shift leads got the app.",
        "Quote this at the next review.",
    ),
    (
        "meeting",
        "Trained {first}'s new shift leads on acknowledging alarms and writing corrective actions.",
        "Send the recording and the one-page cheat sheet.",
    ),
    (
        "email",
        "{first} asked for an export of last year's readings for the insurer after a "
        "freezer failure claim.",
        "Send the export by Friday.",
    ),
    (
        "call",
        "{first} mentioned a new site opening next quarter and asked about sensor lead times.",
        "Check stock and offer an installation slot.",
    ),
    (
        "meeting",
        "Audit debrief with {first}: the inspector praised the automatic temperature "
        "records; one finding on missing corrective-action notes.",
        "Show {first} the corrective-action template.",
    ),
    (
        "email",
        "Sent {first} the release notes for the new dashboard, highlighting the weekly "
        "summary e-mail.",
        "Ask which managers should receive the summary.",
    ),
    (
        "call",
        "{first} was unhappy about two false alarms at night. Went through the alarm "
        "delays together and agreed new thresholds.",
        "Review the alarm log with {first} in two weeks.",
    ),
    (
        "lunch",
        "Lunch with {first} and their new finance lead; explained how the sensors paid "
        "back through avoided stock losses.",
        "Send the payback calculation.",
    ),
    (
        "note",
        "Invoice query resolved: the purchase-order number was missing from the last invoice.",
        "",
    ),
    (
        "meeting",
        "Planned the battery replacement round on the oldest sensors with {first}.",
        "Agree a replacement schedule per site.",
    ),
)

PROSPECT_POOL: tuple[tuple[str, str, str], ...] = (
    (
        "call",
        "Discovery call with {first}: temperature checks on paper twice a day; they lost a "
        "full chiller of stock last summer.",
        "Book a site visit.",
    ),
    (
        "meeting",
        "Site visit with {first}: 38 fridges and freezers, three cold rooms, patchy "
        "Wi-Fi at the back.",
        "Draft a sensor plan with a cellular gateway.",
    ),
    ("email", "Sent {first} the sensor plan and an indicative price.", "Call to walk through it."),
    (
        "meeting",
        "Demo of the dashboard and alerting for {first} and the quality team; strong "
        "interest in the automatic audit report.",
        "Send a trial proposal.",
    ),
    ("call", "{first} asked for references in their sector.", "Line up two reference calls."),
    (
        "email",
        "Sent {first} the security questionnaire answers and the data-processing agreement.",
        "Confirm IT has what it needs.",
    ),
    (
        "call",
        "Follow-up with {first}: the budget decision moves to next quarter's board meeting.",
        "Check back after the board meeting.",
    ),
    (
        "lunch",
        "Lunch with {first}. The paper process is fine until an inspector turns up; they "
        "want to be ready before the next audit.",
        "Tie the proposal to audit readiness.",
    ),
    (
        "meeting",
        "Proposal walk-through with {first}: questions on installation disruption and "
        "who answers night alarms.",
        "Send the installation plan and an escalation example.",
    ),
    (
        "call",
        "{first} confirmed a competitor is also pitching; price will matter, and so will "
        "support hours.",
        "Sharpen the support offer in the proposal.",
    ),
    (
        "note",
        "Mapped the buying group: {first} evaluates, the finance director signs. Nobody "
        "from operations involved yet.",
        "Ask {first} for an introduction to operations.",
    ),
    (
        "email",
        "{first} forwarded our proposal to their finance director with a positive note.",
        "Offer the finance director a 20-minute call.",
    ),
    (
        "call",
        "Short call: {first} is waiting for the landlord's approval to install the gateway.",
        "Check again in two weeks.",
    ),
    (
        "meeting",
        "Reference visit with {first} at a customer's site; they spoke to the shift lead directly.",
        "Ask {first} for feedback on the visit.",
    ),
)

WINBACK_POOL: tuple[tuple[str, str, str], ...] = (
    (
        "call",
        "Check-in with {first} since they moved on: no major complaints about the new "
        "supplier, but reports take them longer.",
        "Call again next quarter.",
    ),
    (
        "email",
        "Sent {first} a note about our new handheld app — the feature they missed most.",
        "Offer a short demo.",
    ),
    (
        "lunch",
        "Lunch with {first}. Honest about why they left: price, and a slow fix last "
        "winter. Open to talking at renewal time.",
        "Note their renewal date; call three months before.",
    ),
    (
        "call",
        "{first} mentioned their current system missed an excursion over a holiday week.",
        "Send {first} our holiday-cover support terms.",
    ),
    (
        "note",
        "Win-back watch: their contract with the other supplier ends next year; we are "
        "the clear alternative if we stay in touch.",
        "Keep a quarterly call in the calendar.",
    ),
)

ACTION_TITLES: tuple[str, ...] = (
    "Call {first} about the excursion report",
    "Send {first} the revised quote",
    "Book the quarterly review with {first}",
    "Confirm installation dates with {first}",
    "Share the calibration certificates with {first}",
    "Follow up with {first} on the proposal",
    "Ask {first} who signs off the budget",
    "Send {first} a reference case from a similar site",
    "Check the alarm thresholds with {first}",
    "Prepare the renewal option for {first}",
    "Introduce our support lead to {first}",
    "Send {first} the installation plan",
)

# Each seller's everyday actions, relative to their today: two overdue, two due today, three
# later this week, one next fortnight, two done (negative "done days ago" paired with due).
SELLER_ACTION_PLAN: tuple[tuple[int, int | None], ...] = (
    (-8, None),
    (-2, None),
    (0, None),
    (0, None),
    (2, None),
    (4, None),
    (6, None),
    (14, None),
    (-6, 5),
    (-12, 11),
)

# (title, due in, done days ago, account key, deal key)
MANAGER_ACTIONS: tuple[tuple[str, int, int | None, str | None, str | None], ...] = (
    ("Pipeline review with Liam", 0, None, None, None),
    ("Approve the discount request for the stability chambers", -1, None, "larkspur", "stability"),
    ("Send the quarter forecast to the leadership team", 3, None, None, None),
    ("One-to-one with Dana", 4, None, None, None),
    ("Review last month's lost deals with the team", -9, 8, None, None),
)
