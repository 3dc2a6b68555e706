from django.conf import settings


def test_tests_run_with_fast_hasher_and_immediate_tasks():
    assert settings.TESTING
    assert "Immediate" in settings.TASKS["default"]["BACKEND"]
