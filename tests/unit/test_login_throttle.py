"""Password guessing is throttled per user name and per address; a right password resets the name."""

from cs_desk.server.login_throttle import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_five_failures_lock_the_name_for_a_while():
    c = Clock()
    th = LoginThrottle(clock=c, max_failures=5, window_s=300, lockout_s=60)
    for _ in range(4):
        th.failed("zhangsan", "10.0.0.1")
        c.t += 1
    assert th.wait_s("zhangsan", "10.0.0.1") == 0
    th.failed("zhangsan", "10.0.0.1")
    assert 59 <= th.wait_s("ZhangSan", "10.0.0.9") <= 60  # the name, from anywhere, any case
    c.t += 61
    assert th.wait_s("zhangsan", "10.0.0.9") == 0


def test_an_address_spraying_names_is_locked_too_and_success_resets_the_name():
    c = Clock()
    th = LoginThrottle(clock=c)
    for i in range(5):
        th.failed(f"user{i}", "10.0.0.2")
    assert th.wait_s("someone-else", "10.0.0.2") > 0
    assert th.wait_s("someone-else", "10.0.0.3") == 0
    th2 = LoginThrottle(clock=c)
    for _ in range(3):
        th2.failed("lisi", "a")
    th2.succeeded("lisi")
    for _ in range(4):
        th2.failed("lisi", "b")
    assert th2.wait_s("lisi", "c") == 0  # the count restarted at the right password


def test_old_failures_fall_out_of_the_window():
    c = Clock()
    th = LoginThrottle(clock=c, window_s=300)
    for _ in range(4):
        th.failed("wangwu", "x")
    c.t += 301
    th.failed("wangwu", "x")
    assert th.wait_s("wangwu", "x") == 0
