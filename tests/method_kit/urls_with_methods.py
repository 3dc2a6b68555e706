"""A URL conf built from the method registry when first imported (inside the test's
INSTALLED_APPS), so a test-only method app's pages can be requested."""

from headway.kit.methods import method_urlpatterns

urlpatterns = [*method_urlpatterns()]
