"""The demo installation (`samensterk load_demo`): idempotent, safe to run again.

Each feature adds its part here as it lands, so that a new user sees a living system.
"""
