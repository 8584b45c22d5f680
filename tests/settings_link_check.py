"""The project's settings, with the link check allowed to visit the tests' loopback site (OUTSIDE)."""

from cms.settings import *  # noqa: F403 (the whole project's settings, one added)

LINK_CHECK_ALLOW_ADDRESSES = ["127.0.0.2"]
