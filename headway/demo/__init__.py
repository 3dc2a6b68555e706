"""The demo workspace: believable data built from the stories Headway's methods come from.

Not a Django app (nothing to install): a loader (:func:`load_demo`) and its content
(:mod:`headway.demo.data`). ``headway demo`` calls it; ``make run`` loads it on first start.
"""

from headway.demo.loader import (
    DEMO_PASSWORD,
    DEMO_SLUG,
    DemoConflict,
    DemoPerson,
    DemoResult,
    demo_logins,
    demo_people,
    load_demo,
    set_up_for_a_team,
)

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_SLUG",
    "DemoConflict",
    "DemoPerson",
    "DemoResult",
    "demo_logins",
    "demo_people",
    "load_demo",
    "set_up_for_a_team",
]
