"""The local (--jobs) and Dask engines produce exactly the same files."""

import pytest
from conftest import SEEDS

import graphkit
from graphkit.export import OUTPUT_FILES


def same_files(a, b):
    return [name for name in OUTPUT_FILES if (a / name).read_bytes() != (b / name).read_bytes()]


# The Dask build runs in a child process that starts and stops the LocalCluster: a cluster
# leaves a thread behind in the process that ran it (dask's offload thread), and graphkit
# forks helper processes only while it runs a single thread, so an in-process cluster would
# quietly turn the other tests' two-process writing into one-process writing.
DASK_BUILD = """
import sys

import distributed

import graphkit

if __name__ == "__main__":
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        graphkit.build(sys.argv[1], out=sys.argv[2], store=False, model="blank",
                       engine="dask", scheduler=cluster.scheduler_address)
"""


@pytest.mark.slow
def test_jobs_and_dask_match_a_single_process(tmp_path):
    import subprocess
    import sys
    import threading

    pytest.importorskip("distributed")
    graphkit.build(SEEDS, out=tmp_path / "one", store=False, jobs=1, model="blank")
    graphkit.build(SEEDS, out=tmp_path / "two", store=False, jobs=2, model="blank")
    assert same_files(tmp_path / "one", tmp_path / "two") == []
    script = tmp_path / "dask_build.py"
    script.write_text(DASK_BUILD, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(SEEDS), str(tmp_path / "dask")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert same_files(tmp_path / "one", tmp_path / "dask") == []
    assert threading.active_count() == 1  # this process can still fork helpers


def test_dask_engine_needs_a_scheduler():
    with pytest.raises(graphkit.GraphkitError, match="--scheduler"):
        graphkit.build(SEEDS, engine="dask")


def test_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed")
    with pytest.raises(graphkit.GraphkitError, match="cannot reach the Dask scheduler"):
        graphkit.build(SEEDS, store=False, model="blank", engine="dask",
                       scheduler="tcp://127.0.0.1:9")


def test_a_dead_ner_worker_is_an_error_not_a_hang(tmp_path):
    import subprocess
    import sys

    script = (
        "import os, sys, graphkit, graphkit.engines.local as engines\n"
        "from graphkit.errors import GraphkitError\n"
        "def die(*args):\n"
        "    os._exit(9)  # as if killed, e.g. by the kernel's out-of-memory killer\n"
        "engines._extract_with_worker_pipeline = die\n"
        "try:\n"
        f"    graphkit.build({str(SEEDS)!r}, jobs=2, model='blank')\n"
        "except GraphkitError as exc:\n"
        "    print(exc); sys.exit(3)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 3, done.stderr
    assert "worker process died" in done.stdout


def test_a_model_that_does_not_load_in_the_workers_is_one_line(tmp_path):
    from click.testing import CliRunner

    from graphkit.cli import cli

    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(tmp_path / "o"),
                                      "--jobs", "2", "--model", str(tmp_path / "nomodel")])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert result.output.startswith("graphkit: error: cannot load spaCy pipeline"), result.output


@pytest.mark.parametrize("after", [1.5, 6.0])  # while workers load the model; while working
def test_ctrl_c_with_worker_processes_stops_everything_quietly(tmp_path, after):
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(40):
        for seed in sorted(SEEDS.glob("*.txt")):
            (corpus / f"{n}-{seed.name}").write_text(seed.read_text(encoding="utf-8"),
                                                     encoding="utf-8")
    build = subprocess.Popen(
        [sys.executable, "-m", "graphkit", "build", str(corpus), "--out", str(tmp_path / "o"),
         "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(after)
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    deadline = time.time() + 10
    while time.time() < deadline:  # every worker process has gone too
        try:
            os.killpg(build.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        pytest.fail("worker processes outlived the interrupted build")
