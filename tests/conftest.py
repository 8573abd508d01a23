from hypothesis import HealthCheck, settings

pytest_plugins = ["tests.support.fixtures"]

# Property tests judge inputs, not time: Hypothesis' per-example deadline and its "input
# generation is slow" health check are wall-clock bounds that a busy two-core machine trips.
settings.register_profile("opsdesk", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("opsdesk")
