"""Option Solving (source 000), declared once: see :mod:`headway.kit.methods`."""

from headway.kit.methods import EntryPoint, MethodApp


class OptionsConfig(MethodApp):
    name = "headway.methods.options"
    label = "options"
    verbose_name = "Option Solving"
    url_prefix = "decisions/"
    api_prefix = "/decisions"
    nav = ("Decisions", "options:decision_list")
    entry_points = (
        EntryPoint(
            page="account",
            label="Start a decision",
            url_name="options:decision_create",
            query="account",
        ),
    )
    panels = {"account": "headway.methods.options.selectors.account_panel"}
    panel_title = "Decisions"
    panel_empty = "No decision about this account yet."
    exports = ("Decision", "Consideration", "Alternative", "Choice", "ColleaguePick")
