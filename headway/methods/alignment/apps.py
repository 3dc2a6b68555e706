"""Mutual Learning alignments (source 001), declared once: see :mod:`headway.kit.methods`."""

from headway.kit.methods import EntryPoint, MethodApp


class AlignmentConfig(MethodApp):
    name = "headway.methods.alignment"
    label = "alignment"
    verbose_name = "Mutual Learning"
    url_prefix = "alignments/"
    api_prefix = "/alignments"
    nav = ("Alignments", "alignment:alignment_list")
    entry_points = (
        EntryPoint(
            page="account",
            label="Align the stakeholders",
            url_name="alignment:alignment_create",
            query="account",
            hint="Two people here disagree and the project is stuck? Help them find a design "
            "that meets both their needs.",
        ),
    )
    panels = {
        "account": "headway.methods.alignment.selectors.account_panel",
        "deal": "headway.methods.alignment.selectors.deal_panel",
    }
    panel_title = "Alignments"
    panel_empty = "No alignment on this account."
    panel_more_url_name = "alignment:alignment_list"
    exports = ("Alignment", "Party", "Item", "AgreedWord", "JointOption", "OptionRating")
