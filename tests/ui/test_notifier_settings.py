"""A conversation newly assigned to me is announced once; settings are kept and applied."""

from PySide6.QtCore import QSettings

from cs_desk import config
from cs_desk.store.apply import apply_rows
from cs_desk.ui.dialogs.settings_dialog import SettingsDialog
from cs_desk.ui.main_window import MainWindow
from cs_desk.views.desk import Desk
from tests.helpers.bulk import ME, big_store, conversation


def test_new_assignment_is_announced_once(qapp, qtbot, tmp_path):
    store = big_store(tmp_path / "c.sqlite3", conversations=20)
    desk = Desk(store)
    win = MainWindow(desk)
    seen = []
    win.notifier.notified.connect(seen.append)
    conv = conversation(2)  # unassigned in the bulk data
    with store.db.tx():
        ch = apply_rows(store.conn, [{"k": "conversation", "d": {**conv, "assignee_id": ME["id"]}}], store.me(),
                        live=True)
    desk.changed.emit(ch)
    assert len(seen) == 1 and "顾客3" in seen[0]
    assert win.notice.text() == seen[0]
    desk.changed.emit(ch)  # the same assignment again: no second announcement
    assert len(seen) == 1
    win.close()
    store.close()


def test_snapshot_rows_and_my_own_claim_are_not_announced(qapp, qtbot, tmp_path):
    store = big_store(tmp_path / "c.sqlite3", conversations=20)
    desk = Desk(store)
    win = MainWindow(desk)
    seen = []
    win.notifier.notified.connect(seen.append)
    desk._state("snapshot")  # a fresh login: rows I already own arrive page by page
    with store.db.tx():
        ch = apply_rows(store.conn, [{"k": "conversation", "d": {**conversation(2), "assignee_id": ME["id"]}}],
                        None, live=False)
    desk.changed.emit(ch)
    desk._state("live")
    desk.claim(4)  # my own claim: the optimistic change is mine, no news
    assert seen == []
    with store.db.tx():
        ch = apply_rows(store.conn, [{"k": "conversation", "d": {**conversation(5), "assignee_id": ME["id"]}}],
                        store.me(), live=True)
    desk.changed.emit(ch)  # a lead assigned one to me while I am live: that is news
    assert len(seen) == 1
    win.close()
    store.close()


def test_settings_round_trip(qapp, tmp_path):
    q = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings = config.Settings(q)
    assert settings.get(config.NOTIFICATIONS) is True and settings.get(config.FONT_SIZE) == 0
    d = SettingsDialog(settings)
    d.font_size.setValue(14)
    d.notifications.setChecked(False)
    d.language.setCurrentIndex(d.language.findData("zh_CN"))
    d._save()
    again = config.Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert again.get(config.FONT_SIZE) == 14 and again.get(config.NOTIFICATIONS) is False
    assert again.get(config.LANGUAGE) == "zh_CN"
