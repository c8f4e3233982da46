"""Every UI test leaves no window behind: top-level widgets are closed and deleted, and deferred
deletes run, before the next test. A window left alive kept its timers (SLA ticks, colleague
refresh) firing over a closed cache during later tests, and the suite crashed now and then."""

import gc

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _no_windows_left(qapp):
    yield
    for w in QApplication.topLevelWidgets():
        w.close()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()
