"""allauth's login throttling counts attempts in the cache — in tests the database cache
(settings.DATABASE_CACHE), whose rows roll back with each test like any other: every test
starts with clean counters, and needs no fixture for it."""
