from typing import Any

from headway.kit.methods import PanelItem


def contact_panel(*, workspace: Any, obj: Any, limit: int) -> list[PanelItem]:
    # Seven made-up items (more than the panel shows), named after the contact.
    return [
        PanelItem(label=f"{obj.name} sample {n}", url=f"/sample-method/?n={n}") for n in range(7)
    ][: limit + 1]
