from headway.kit.methods import EntryPoint, MethodApp


class SampleMethodConfig(MethodApp):
    name = "tests.method_kit.sample_method"
    label = "sample_method"
    verbose_name = "Sample method"
    url_prefix = "sample-method/"
    api_prefix = "/sample-method"
    nav = ("Sample", "sample_method:home")
    entry_points = (
        EntryPoint(
            page="contact",
            label="Start a sample",
            url_name="sample_method:home",
            query="contact",
            hint="Only in tests.",
        ),
    )
    panels = {"contact": "tests.method_kit.sample_method.panels.contact_panel"}
    panel_title = "Samples"
    panel_empty = "No sample for this contact."
