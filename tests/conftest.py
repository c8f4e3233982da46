import os

# Before anything imports Qt: there is no display on CI machines.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.helpers.fixtures"]
