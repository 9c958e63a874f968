"""Helper processes: a value computed aside, its failures, and stopping it."""

import os
import subprocess
import sys
import textwrap

import pytest

from graphkit.processes import can_fork, computed_aside

# Each case runs in a fresh interpreter: a process with other threads (this one, once a
# Dask test has left its offload thread) computes the value in place instead of forking.
CASES = textwrap.dedent("""
    import os, sys, time
    from graphkit.errors import GraphkitError
    from graphkit.processes import computed_aside

    def pid_and_square(x):
        return os.getpid(), x * x

    def fails(_):
        raise ValueError("no such thing")

    def dies(_):
        os._exit(3)

    def sleeps(path):
        with open(path, "w") as handle:
            handle.write(str(os.getpid()))
        time.sleep(60)

    case = sys.argv[1]
    if case == "value":
        with computed_aside(pid_and_square, 7) as value:
            pid, square = value()
        print(square, pid != os.getpid())
    elif case in ("fails", "dies"):
        try:
            with computed_aside(fails if case == "fails" else dies, 1) as value:
                value()
        except GraphkitError as exc:
            print(exc)
    elif case == "early":
        marker = sys.argv[2]
        try:
            with computed_aside(sleeps, marker):
                while not os.path.exists(marker) or not open(marker).read():
                    time.sleep(0.01)
                raise KeyError("the caller failed")
        except KeyError:
            pid = int(open(marker).read())
            try:
                os.kill(pid, 0)
                print("still running")
            except ProcessLookupError:
                print("stopped")
""")


def _run(*args):
    done = subprocess.run([sys.executable, "-c", CASES, *args], capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout.strip()


needs_fork = pytest.mark.skipif(not can_fork(), reason="no fork on this platform")


@needs_fork
def test_the_value_is_computed_in_another_process():
    assert _run("value") == "49 True"


def test_disabled_it_is_computed_here():
    with computed_aside(lambda x: (os.getpid(), x * x), 3, enabled=False) as value:
        assert value() == (os.getpid(), 9)


@needs_fork
def test_a_failure_in_the_child_is_one_clear_error():
    assert _run("fails") == "fails failed in a helper process: ValueError: no such thing"


@needs_fork
def test_a_child_that_dies_is_an_error_not_a_hang():
    assert _run("dies") == "dies failed in a helper process: its process ended with exit code 3"


@needs_fork
def test_leaving_the_block_early_stops_the_child(tmp_path):
    assert _run("early", str(tmp_path / "pid")) == "stopped"


def test_a_childs_own_peak_is_not_its_parents():
    # ru_maxrss of a child starts at its parent's peak (vfork + exec): the benchmarks'
    # memory figures for small children of a large parent were the parent's
    import subprocess

    from graphkit.processes import peak_rss_mb

    ballast = b"x" * (200 * 2**20)  # this process's peak is over 200 MB
    code = "from graphkit.processes import peak_rss_mb; print(peak_rss_mb())"
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout
    assert len(ballast) and peak_rss_mb() >= 200
    assert 0 < int(child) < 150


def test_the_peak_of_a_running_child_is_read_through_its_parent():
    import subprocess

    from graphkit.processes import largest_peak_mb, process_tree

    code = "import sys; print('ready', flush=True); sys.stdin.read()"
    with subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE) as child:
        try:
            assert child.stdout is not None and child.stdout.readline() == b"ready\n"
            assert child.pid in process_tree(os.getpid())
            assert largest_peak_mb(os.getpid(), descendants_only=True) > 0
        finally:
            child.communicate(b"")
    assert largest_peak_mb(child.pid) == 0  # ended: nothing to read
