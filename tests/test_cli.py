import contextlib
import subprocess
import sys
import types

from click.testing import CliRunner
from conftest import SEEDS

import graphkit
import graphkit.pipeline
from graphkit.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_build_writes_outputs_and_prints_a_summary(tmp_path):
    result = run("build", str(SEEDS), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    assert "5 documents" in result.stdout and "nodes" in result.stdout
    assert (tmp_path / "o" / "graph.graphml").exists()


def test_gexf_only_on_request_and_never_left_stale(tmp_path):
    out = tmp_path / "o"
    assert run("build", str(SEEDS), "--out", str(out), "--model", "blank").exit_code == 0
    assert not (out / "graph.gexf").exists()
    result = run("build", str(SEEDS), "--out", str(out), "--model", "blank", "--gexf")
    assert "up to date" not in result.stdout  # a different request: written again
    assert (out / "graph.gexf").read_bytes().startswith(b"<?xml")
    assert run("build", str(SEEDS), "--out", str(out), "--model", "blank").exit_code == 0
    assert not (out / "graph.gexf").exists()  # it would no longer match the other files


def test_user_mistakes_are_one_line_errors(tmp_path):
    for args in (["build", str(tmp_path / "missing")], ["build", str(tmp_path)],
                 ["build", str(SEEDS), "--model", "no_such_model"],
                 ["build", str(SEEDS), "--kb", str(tmp_path / "nokb.csv")],
                 ["build", str(SEEDS), "--out", str(tmp_path / "o"), "--model", "blank",
                  "--curation", str(tmp_path / "missing.yaml")],
                 ["build", str(SEEDS), "--out", str(tmp_path / "o"), "--model", "blank",
                  "--curation", str(tmp_path)]):
        result = run(*args)
        assert result.exit_code != 0
        assert "Traceback" not in result.output
        errors = [line for line in result.output.splitlines() if "error" in line.lower()]
        assert len(errors) == 1 and errors[0].startswith("graphkit: error:"), result.output


def test_output_path_that_is_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    result = run("build", str(SEEDS), "--out", str(tmp_path / "file"))
    assert result.exit_code != 0 and "not a folder" in result.output


def test_version_help_and_module_entry_point():
    assert graphkit.__version__ in run("--version").output
    assert "Examples" in run("build", "--help").output
    out = subprocess.run([sys.executable, "-m", "graphkit", "--version"], capture_output=True,
                         text=True, check=True)
    assert graphkit.__version__ in out.stdout


def test_the_program_exits_at_once_after_a_build_with_its_output_complete(tmp_path):
    # `graphkit build` (main) skips freeing the build's objects at exit (os._exit): the
    # summary on stdout, the log on stderr and every file must still all be there.
    out = tmp_path / "o"
    done = subprocess.run([sys.executable, "-m", "graphkit", "-v", "build", str(SEEDS),
                           "--out", str(out), "--model", "blank"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(f"-> {out}\n") and "documents" in done.stdout
    assert "graphkit: INFO: writing the outputs:" in done.stderr
    from graphkit.export import OUTPUT_FILES

    assert all((out / name).stat().st_size > 0 for name in OUTPUT_FILES)
    assert not list(out.glob(".*.tmp"))


def test_ctrl_c_ends_the_program_at_once_with_130_and_ignores_a_second_one(monkeypatch, tmp_path):
    # The interpreter's own shutdown after Ctrl-C raced with a stopped process pool's
    # manager thread (CPython's concurrent.futures: 'OSError: [Errno 9] Bad file
    # descriptor' from threading._shutdown): the console entry point now exits at once.
    import signal

    import graphkit.cli.interrupts as interrupts

    exits = []

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    def exit_now(code=0):
        exits.append((code, signal.getsignal(signal.SIGINT)))
        raise SystemExit(code)

    monkeypatch.setattr(graphkit, "build", interrupted)
    monkeypatch.setattr("graphkit.pipeline.build_graph", interrupted)
    monkeypatch.setattr(interrupts, "exit_at_once", exit_now)
    before = signal.getsignal(signal.SIGINT)
    try:
        result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(tmp_path / "o"),
                                          "--model", "blank"],
                                    obj={"exit_when_done": True})
    finally:
        signal.signal(signal.SIGINT, before)
    assert result.exit_code == 130 and "interrupted" in result.stderr
    assert exits == [(130, signal.SIG_IGN)]


def test_ctrl_c_while_a_command_imports_its_modules_is_an_interrupt_too(monkeypatch):
    # the import in _Group.invoke stood outside its try: click said 'Aborted!', exit 1
    import signal

    class Importing(types.ModuleType):
        def __getattr__(self, name):
            raise KeyboardInterrupt

    monkeypatch.setitem(sys.modules, "graphkit.corpus", Importing("graphkit.corpus"))
    before = signal.getsignal(signal.SIGINT)
    try:
        result = CliRunner().invoke(cli, ["text", str(SEEDS)])
    finally:
        signal.signal(signal.SIGINT, before)
    assert result.exit_code == 130 and "interrupted" in result.stderr
    assert "Aborted" not in result.output


def test_a_ctrl_c_a_library_swallowed_still_stops_the_build(monkeypatch, tmp_path):
    # a bare `except:` in a library (around one of its imports, say) ate the
    # KeyboardInterrupt: the build went on and the program ended with exit status 0
    import signal

    import graphkit.cli.interrupts as interrupts

    real_build = graphkit.pipeline.build

    def swallowing_build(*args, **kwargs):
        with contextlib.suppress(BaseException):  # what the library does
            interrupts.on_ctrl_c(signal.SIGINT, None)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(graphkit.pipeline, "build", swallowing_build)
    monkeypatch.setattr(interrupts, "_interrupts", [])
    before = signal.getsignal(signal.SIGINT)
    try:
        result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(tmp_path / "o"),
                                          "--model", "blank"])
    finally:
        signal.signal(signal.SIGINT, before)
    assert result.exit_code == 130 and "interrupted" in result.stderr


def test_ctrl_c_while_the_command_line_is_read_is_an_interrupt_too(monkeypatch):
    # click says 'Aborted!' and exits 1 for a Ctrl-C before the command runs
    import signal

    import click

    import graphkit.cli.interrupts as interrupts

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(click.Group, "parse_args", interrupted)
    monkeypatch.setattr(interrupts, "exit_at_once", lambda code=0: sys.exit(code))
    before = signal.getsignal(signal.SIGINT)
    try:
        result = CliRunner().invoke(cli, ["--help"], obj={"exit_when_done": True})
    finally:
        signal.signal(signal.SIGINT, before)
    assert result.exit_code == 130 and "interrupted" in result.stderr
    assert "Aborted" not in result.output
