"""Win-backs after a lost deal (source 004), declared once: see :mod:`headway.kit.methods`."""

from typing import Any

from headway.kit.methods import EntryPoint, MethodApp


def _is_lost(deal: Any) -> bool:
    from headway.crm.models import DealStage  # apps.py is imported before the models load

    return bool(deal.stage == DealStage.LOST)


class WinbackConfig(MethodApp):
    name = "headway.methods.winback"
    label = "winback"
    verbose_name = "Win-backs"
    url_prefix = "winbacks/"
    api_prefix = "/winbacks"
    nav = ("Win-backs", "winback:portfolio")
    entry_points = (
        EntryPoint(
            page="deal",
            label="Open a win-back",
            url_name="winback:create",
            query="deal",
            primary=True,
            hint="A second place can become the next sale: ask for what they can grant you "
            "now, and stay their best alternative.",
            when=_is_lost,
            hide_when_listed=True,
        ),
    )
    panels = {
        "account": "headway.methods.winback.selectors.account_panel",
        "deal": "headway.methods.winback.selectors.deal_panel",
    }
    panel_title = "Win-backs"
    panel_empty = "No win-back on this account."
    exports = ("WinBack", "Ask", "AskAttachment", "PlannedTouch", "WinnerSignal")
