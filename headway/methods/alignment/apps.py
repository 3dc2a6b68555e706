"""Mutual Learning alignments (source 001), declared once: see :mod:`headway.kit.methods`."""

from headway.kit.methods import MethodApp


class AlignmentConfig(MethodApp):
    name = "headway.methods.alignment"
    label = "alignment"
    verbose_name = "Mutual Learning"
    url_prefix = "alignments/"
    api_prefix = "/alignments"
    exports = ("Alignment", "Party", "Item", "AgreedWord", "JointOption", "OptionRating")
