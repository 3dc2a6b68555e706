"""CRM web pages, one module per object; each module lists its own ``urlpatterns``."""
