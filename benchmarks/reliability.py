"""Run graphkit on hostile and broken input and write benchmarks/reliability.md.

Each case builds a small corpus in a temporary folder, runs `python -m graphkit build` (the
real command line, in a fresh process) and records the exit code, the time, the peak memory
and the first line graphkit printed about the case. Usage:

    python benchmarks/reliability.py            # writes benchmarks/reliability.md
    python benchmarks/reliability.py SIGKILL    # reruns the cases whose name has SIGKILL,
                                                # keeping the other rows of the file
"""

from __future__ import annotations

import concurrent.futures
import csv
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import xml.dom.minidom
import xml.parsers.expat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLE = "Presiden Vladimir Putin bertemu Kim Jong Un di Pyongyang, Korea Utara, pada Rabu.\n"
OUTPUTS = ("graph.html", "graph.graphml", "graph.json", "nodes.csv", "edges.csv",
           "mentions.csv")


@dataclass
class Run:
    code: int
    seconds: float
    peak_mb: int
    stdout: str
    stderr: str


def graphkit(*args: str, env: dict[str, str] | None = None, user: str | None = None) -> Run:
    """`python -m graphkit ARGS`; its peak_mb is the largest peak of its own processes (NER
    workers included), read from /proc while it runs: the children's ru_maxrss would start
    at this script's own peak (see graphkit.processes.peak_rss_mb)."""
    from graphkit.processes import largest_peak_mb

    started = time.perf_counter()
    with subprocess.Popen([sys.executable, "-m", "graphkit", *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env, user=user) as process, \
            concurrent.futures.ThreadPoolExecutor(1) as reader:
        output = reader.submit(process.communicate, timeout=1800)
        peak = 0
        while True:
            peak = max(peak, largest_peak_mb(process.pid))
            try:
                stdout, stderr = output.result(timeout=0.05)
                break
            except concurrent.futures.TimeoutError:
                continue
            except subprocess.TimeoutExpired:
                process.kill()
                raise
    return Run(process.returncode, time.perf_counter() - started, peak, stdout, stderr)


def says(run: Run, *needles: str) -> str:
    """The stderr line mentioning the first needle found, shortened; else the last line."""
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    for needle in needles:
        for line in lines:
            if needle in line:
                return _short(line)
    return _short(lines[-1]) if lines else _short(run.stdout.strip())


def _short(line: str) -> str:
    line = line.replace("graphkit: ", "").replace("WARNING: ", "warning: ")
    line = re.sub(re.escape(tempfile.gettempdir()) + r"/tmp\w+", "$TMP", line)  # noqa: S108
    return (line[:150] + "…") if len(line) > 150 else line


def outcome(run: Run, *needles: str) -> str:
    trace = " **TRACEBACK**" if "Traceback" in run.stderr else ""
    return f"exit {run.code}{trace}; {says(run, *needles)}".replace("|", "\\|")


def outputs_ok(out: Path) -> bool:
    try:
        if not (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>"):
            return False
        xml.dom.minidom.parse(str(out / "graph.graphml"))  # noqa: S318 - our own output
        json.loads((out / "graph.json").read_text(encoding="utf-8"))
        for name in ("nodes.csv", "edges.csv", "mentions.csv"):
            list(csv.reader(io.StringIO((out / name).read_text(encoding="utf-8"))))
    except (OSError, ValueError, xml.parsers.expat.ExpatError):
        return False
    return True


Case = tuple[str, str, Callable[[Path], str]]
CASES: list[Case] = []


def case(name: str, expected: str) -> Callable[[Callable[[Path], str]], Callable[[Path], str]]:
    def register(function: Callable[[Path], str]) -> Callable[[Path], str]:
        CASES.append((name, expected, function))
        return function
    return register


def corpus(tmp: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp / "corpus"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    return folder


def build(folder: Path, tmp: Path, *extra: str) -> Run:
    return graphkit("build", str(folder), "--out", str(tmp / "out"), "--model", "blank", *extra)


@case("missing path", "exit 1, 'corpus not found: PATH'")
def _(tmp: Path) -> str:
    return outcome(build(tmp / "nope", tmp), "error")


@case("empty folder", "exit 1, 'no readable documents'")
def _(tmp: Path) -> str:
    return outcome(build(corpus(tmp, {}), tmp), "error")


@case("folder with no supported files", "exit 1, names the folder, lists supported types")
def _(tmp: Path) -> str:
    return outcome(build(corpus(tmp, {"a.pdf": b"%PDF-1.4", "b.docx": b"PK\x03\x04"}), tmp),
                   "holds no supported", "error")


@case("unreadable file (chmod 000; as root: EACCES simulated in-process)",
      "skip with warning naming file")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"ok.txt": ARTICLE, "locked.txt": ARTICLE})
    (folder / "locked.txt").chmod(0)
    if os.geteuid() != 0:
        return outcome(build(folder, tmp), "locked.txt")
    import logging

    from graphkit.corpus import read_corpus

    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("graphkit").addHandler(handler)
    Path.read_bytes = refuse  # type: ignore[method-assign]
    try:
        ids = [d.id for d in read_corpus([folder])]
    finally:
        Path.read_bytes = real  # type: ignore[method-assign]
        logging.getLogger("graphkit").removeHandler(handler)
    return f"read {', '.join(ids)}; {_short(records[0]) if records else 'no warning'}"


@case("directory symlink loop + dangling symlink", "finishes; warns about both")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"a/x.txt": ARTICLE})
    (folder / "a" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    run = build(folder, tmp)
    return outcome(run, "loop") + " / " + says(run, "dangling")


@case("named pipe (FIFO) called .txt", "skip, no hang")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"ok.txt": ARTICLE})
    os.mkfifo(folder / "pipe.txt")
    return outcome(build(folder, tmp), "pipe.txt")


@case("file vanishes mid-run", "skip with warning naming file")
def _(tmp: Path) -> str:
    import logging

    from graphkit.corpus import read_corpus

    folder = corpus(tmp, {"a.txt": ARTICLE, "b.txt": ARTICLE, "c.txt": ARTICLE})
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("graphkit").addHandler(handler)
    documents = read_corpus([folder])
    first = next(documents)
    (folder / "b.txt").unlink()
    ids = [first.id] + [d.id for d in documents]
    logging.getLogger("graphkit").removeHandler(handler)
    return f"read {', '.join(ids)}; {_short(records[0]) if records else 'no warning'}"


for _name, _data, _what in [
    ("PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>", "PDF"),
    ("PNG image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG"),
    ("ZIP/.docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "ZIP"),
]:
    def _binary(tmp: Path, data: bytes = _data) -> str:
        return outcome(build(corpus(tmp, {"ok.txt": ARTICLE, "fake.txt": data}), tmp),
                       "fake.txt")
    case(f"{_name} saved as .txt", f"skip: 'binary file ({_what} …)'")(_binary)


@case("NUL bytes at the start / later in the file", "binary skip / kept and reported")
def _(tmp: Path) -> str:
    run = build(corpus(tmp, {"ok.txt": ARTICLE, "nul.txt": b"\x00\x01abc",
                             "late.txt": ARTICLE * 200 + "\x00" + ARTICLE}), tmp)
    return outcome(run, "nul.txt") + " / " + says(run, "late.txt")


@case("invalid UTF-8 inside UTF-8 text", "decoded with U+FFFD, count + line reported")
def _(tmp: Path) -> str:
    data = "Erdoğan tiba.\n".encode() + b"Putin \xff\xfe tiba.\n" + ARTICLE.encode()
    return outcome(build(corpus(tmp, {"bad.txt": data}), tmp), "bad.txt")


@case("UTF-16 with BOM / without BOM", "decoded; reported at -v")
def _(tmp: Path) -> str:
    run = graphkit("-v", "build", str(corpus(tmp, {
        "le.txt": ARTICLE.encode("utf-16"), "nobom.txt": ARTICLE.encode("utf-16-le")})),
        "--out", str(tmp / "out"), "--model", "blank")
    return outcome(run, "le.txt") + " / " + says(run, "nobom.txt")


@case("Windows-1252 / Latin-1 text", "decoded as Windows-1252, reported")
def _(tmp: Path) -> str:
    text = "Café “Kim” – Genève. " + ARTICLE
    return outcome(build(corpus(tmp, {"w.txt": text.encode("cp1252")}), tmp), "w.txt")


@case("CRLF and CR line ends", "read as \\n; offsets match Python text mode")
def _(tmp: Path) -> str:
    raw = ARTICLE.replace("\n", "\r\n") + ARTICLE.replace("\n", "\r")
    folder = corpus(tmp, {"crlf.txt": raw.encode()})
    run = build(folder, tmp)
    text = (folder / "crlf.txt").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((tmp / "out" / "mentions.csv").read_text("utf-8"))))
    good = all(text[int(r["start"]):int(r["end"])] == r["text"] for r in rows)
    return f"exit {run.code}; {len(rows)} mentions, offsets {'all match' if good else 'WRONG'}"


@case("zero-width and bidi controls inside and around names", "offsets hold; names still link")
def _(tmp: Path) -> str:
    text = "Presiden Vladi\u200bmir Putin tiba.\n\u202eKorea Utara\u202c dan Rusia.\n"
    folder = corpus(tmp, {"z.txt": text})
    run = graphkit("build", str(folder), "--out", str(tmp / "out"))  # the shipped model
    rows = list(csv.DictReader(io.StringIO((tmp / "out" / "mentions.csv").read_text("utf-8"))))
    good = all(text[int(r["start"]):int(r["end"])] == r["text"] for r in rows)
    links = ", ".join(f"{r['text']!r}->{r['entity']}" for r in rows)
    return f"exit {run.code}; offsets {'match' if good else 'WRONG'}; {links}"


@case("one 1 MB line", "linear time, bounded blocks")
def _(tmp: Path) -> str:
    sentence = "Presiden Vladimir Putin bertemu Kim Jong Un di Pyongyang. "
    run = build(corpus(tmp, {"line.txt": sentence * (1_000_000 // len(sentence))}), tmp)
    return f"exit {run.code}; {run.seconds:.0f} s, peak {run.peak_mb} MB; {run.stdout.strip()}"


READ_AND_CLEAN = """
import sys, time
from graphkit.clean import content_blocks
from graphkit.corpus import read_corpus
from graphkit.processes import peak_rss_mb
started = time.perf_counter()
(doc,) = list(read_corpus([sys.argv[1]]))
blocks = content_blocks(doc.text)
print(f"{len(doc.text) / 1e6:.0f} M chars, {len(blocks)} blocks in "
      f"{time.perf_counter() - started:.0f} s, peak "
      f"{peak_rss_mb()} MB")
"""


def distinct_lines(size: int) -> str:
    """`size` characters of article text, every line different (repeats are dropped)."""
    lines, total, day = [], 0, 0
    while total < size:
        lines.append(f"Presiden Vladimir Putin bertemu Kim Jong Un pada hari {day}. Menlu "
                     "Sergei Lavrov juga hadir di Pyongyang, Korea Utara.\n")
        total, day = total + len(lines[-1]), day + 1
    return "".join(lines)


@case("50 MB document: read + clean", "linear time, memory a small multiple of the input")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"big.txt": distinct_lines(50_000_000)})
    done = subprocess.run([sys.executable, "-c", READ_AND_CLEAN, str(folder)],
                          capture_output=True, text=True, timeout=600)
    return done.stdout.strip() or _short(done.stderr.strip().splitlines()[-1])


@case("5 MB document: full build (default jobs)", "linear time (50 MB extrapolates ×10)")
def _(tmp: Path) -> str:
    run = build(corpus(tmp, {"big.txt": distinct_lines(5_000_000)}), tmp)
    return f"exit {run.code}; {run.seconds:.0f} s, peak {run.peak_mb} MB; {run.stdout.strip()}"


@case("10,000 tiny files (--jobs 1 / default jobs)", "all read; linear")
def _(tmp: Path) -> str:
    files: dict[str, bytes | str] = {f"{i // 500:02d}/{i:05d}.txt": f"Putin bertemu Kim {i}."
                                     for i in range(10_000)}
    folder = corpus(tmp, files)
    one = build(folder, tmp, "--jobs", "1")
    shutil.rmtree(tmp / "out")
    default = build(folder, tmp)
    return (f"exit {one.code}: {one.seconds:.0f} s, peak {one.peak_mb} MB / exit {default.code}: "
            f"{default.seconds:.0f} s; {default.stdout.strip()}")


@case("malformed JSONL", "bad records skipped, each warning names file:line")
def _(tmp: Path) -> str:
    lines = ['{"id": "a", "text": "Putin tiba di Seoul."}', "{broken", '["array"]', '{"id": "b"}',
             '{"id": "c", "text": 42}', '{"id": "a", "text": "dup"}', "[" * 100_000]
    run = build(corpus(tmp, {"r.jsonl": "\n".join(lines)}), tmp)
    warnings = [ln for ln in run.stderr.splitlines() if "r.jsonl:" in ln]
    return f"exit {run.code}; {len(warnings)} warnings, e.g. {says(run, 'r.jsonl:2')}"


@case("malformed CSV (no text column / extra fields / unclosed quote)",
      "warnings name file:line; unclosed quote stops that file with a message")
def _(tmp: Path) -> str:
    run = build(corpus(tmp, {"nocol.csv": "id,body\n1,x\n",
                             "r.csv": 'id,text\nr1,Putin tiba.\nr2,Kim,extra\nr3,"open\n'}), tmp)
    return outcome(run, "nocol.csv") + " / " + says(run, "stopped reading")


@case("knowledge base: bad type / duplicate id / unknown column / unclosed quote",
      "exit 1, 'FILE:LINE: problem'")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"a.txt": ARTICLE})
    results = []
    for content in ("id,type,label\nx,NOPE,A\n", "id,type,label\nx,PERSON,A\nx,PERSON,B\n",
                    "id,type,label,colour\nx,PERSON,A,red\n", 'id,type,label\nx,PERSON,"A\n'):
        (tmp / "kb.csv").write_text(content, encoding="utf-8")
        results.append(outcome(build(folder, tmp, "--kb", str(tmp / "kb.csv")), "error"))
    return " / ".join(results)


@case("curation overlay: bad YAML / unknown key / python tag / alias claimed twice",
      "exit 1, 'FILE:LINE: problem'")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"a.txt": ARTICLE})
    results = []
    for content in ("merge: [unclosed\n", "colour: red\n",
                    "merge: !!python/object/apply:os.system [\"touch PWNED\"]\n",
                    "alias:\n  Vova: person:vladimir-putin\n"
                    "  vova: person:kim-jong-un\n"):
        (tmp / "c.yaml").write_text(content, encoding="utf-8")
        results.append(outcome(build(folder, tmp, "--curation", str(tmp / "c.yaml")), "error"))
    return " / ".join(results) + ("; PWNED created!" if Path("PWNED").exists() else "")


@case("output path is a file / output folder not writable", "exit 1, one line, old files kept")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"a.txt": ARTICLE})
    (tmp / "file").write_text("x", encoding="utf-8")
    first = outcome(graphkit("build", str(folder), "--out", str(tmp / "file"), "--model",
                             "blank"), "error")
    out = tmp / "ro"
    graphkit("build", str(folder), "--out", str(out), "--model", "blank")
    before = {n: (out / n).read_bytes() for n in OUTPUTS}
    (folder / "b.txt").write_text("Seoul dan Tokyo.\n", encoding="utf-8")
    # chmod 555 stops other users; root is stopped only by the immutable attribute.
    lock = ["chattr", "+i", str(out)] if os.geteuid() == 0 else ["chmod", "555", str(out)]
    subprocess.run(lock, check=True)
    try:
        run = graphkit("build", str(folder), "--out", str(out), "--model", "blank")
    finally:
        subprocess.run(["chattr", "-i", str(out)] if os.geteuid() == 0 else
                       ["chmod", "755", str(out)], check=True)
    kept = before == {n: (out / n).read_bytes() for n in OUTPUTS}
    return f"{first} / {outcome(run, 'error')}; old outputs {'intact' if kept else 'CHANGED'}"


@case("CSV injection: file '=cmd.txt', mentions '=HYPERLINK(…)', '+1', '@SUM'",
      "no CSV cell starts with = + - @ tab CR")
def _(tmp: Path) -> str:
    text = ARTICLE + '=HYPERLINK("http://evil") Putin dan +Kim dan @Rusia dan -Seoul.\n'
    run = build(corpus(tmp, {"=cmd.txt": text}), tmp)
    bad = [cell for name in ("nodes.csv", "edges.csv", "mentions.csv")
           for row in csv.reader(io.StringIO((tmp / "out" / name).read_text("utf-8")))
           for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    return f"exit {run.code}; {len(bad)} dangerous cells; doc column reads \"'=cmd.txt\""


@case("XSS payload corpus (14 payloads) in headless chromium", "renders as text, runs nothing")
def _(tmp: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(HERE.parent / "tests" / "test_xss_browser.py")],
                          capture_output=True, text=True, cwd=HERE.parent, timeout=900)
    return f"pytest tests/test_xss_browser.py: {done.stdout.strip().splitlines()[-1]}"


@case("same input, other file order and PYTHONHASHSEED", "byte-identical outputs")
def _(tmp: Path) -> str:
    names = [f"d{i}/{j}.txt" for i in range(4) for j in "cab"]
    digests = []
    for seed, order in (("1", names), ("999", names[::-1])):
        folder = tmp / f"c{seed}"
        for name in order:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(ARTICLE + f"Lavrov tiba {name}.\n", encoding="utf-8")
        graphkit("build", str(folder), "--out", str(tmp / f"o{seed}"), "--model", "blank",
                 env={**os.environ, "PYTHONHASHSEED": seed})
        digests.append([(tmp / f"o{seed}" / n).read_bytes() for n in OUTPUTS])
    same = [n for n, a, b in zip(OUTPUTS, *digests, strict=True) if a == b]
    return f"{len(same)}/{len(OUTPUTS)} files identical"


@case("SIGKILL at 8 random moments, then a full run", "outputs always parse; store holds each "
      "document once; final outputs = clean build")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {f"{i:03d}.txt": ARTICLE * 3 + f"Lavrov tiba hari {i}.\n"
                          for i in range(300)})
    out = tmp / "out"
    args = ("build", str(folder), "--out", str(out), "--model", "blank")
    duration = graphkit(*args).seconds
    rng, broken = random.Random(1), 0  # noqa: S311 - kill times, not secrets
    for attempt in range(8):
        if attempt % 2:
            shutil.rmtree(out / ".graphkit", ignore_errors=True)
        (folder / f"new{attempt}.txt").write_text(ARTICLE, encoding="utf-8")
        process = subprocess.Popen([sys.executable, "-m", "graphkit", *args],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        broken += not outputs_ok(out)
    final = graphkit(*args)
    reference = graphkit("build", str(folder), "--out", str(tmp / "ref"), "--model", "blank")
    same = all((out / n).read_bytes() == (tmp / "ref" / n).read_bytes() for n in OUTPUTS)
    with sqlite3.connect(out / ".graphkit" / "store.sqlite") as db:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        stored = db.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone()
    leftovers = len([p for p in out.iterdir() if p.name.endswith(".tmp")])
    return (f"{broken} unparseable states after kills; final exit {final.code}/"
            f"{reference.code}; identical to clean build: {same}; store {check}, "
            f"{stored[0]} rows/{stored[1]} ids for 308 docs; {leftovers} temp files left")


# --- issue 30: a second hostile-input review ------------------------------------------------

def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


def _mentions(out: Path) -> dict[str, str]:
    rows = _rows(out / "mentions.csv")
    return {row[3]: row[4] for row in rows[1:]}


@case("names in Cyrillic and Greek: 'Владимир Путин', 'Сергей Лавров', Greek 'Ρutin', "
      "Cyrillic 'Рutin' (issue 30 D2)", "one node each; Latin ids unchanged; look-alike warned")
def _(tmp: Path) -> str:
    text = ("Menurut laporan, Владимир Путин bertemu Сергей Лавров di Moskwa pada Rabu.\n"
            "Kemudian Ρutin dan Рutin berbicara dengan Vladimir Putin.\n")
    run = build(corpus(tmp, {"a.txt": text}), tmp)
    links = _mentions(tmp / "out")
    names = ("Владимир Путин", "Сергей Лавров", "Ρutin", "Рutin", "Vladimir Putin")
    ids = ", ".join(links.get(n, "?") for n in names)
    return f"exit {run.code}; {len({links.get(n) for n in names})} nodes: {ids}; " + \
        says(run, "mixes letters")


@case("carriage return + formula in a JSONL id and a curation label, export csv of such a "
      "node id (issue 30 D1)", "every CSV row has the header's cells; the CR stays in its cell")
def _(tmp: Path) -> str:
    hostile = "x\r=cmd|' /C calc'!A0"
    folder = corpus(tmp, {"r.jsonl": json.dumps({"id": hostile, "text": ARTICLE}) + "\n"})
    (tmp / "c.yaml").write_text('label:\n  Kim Jong Un: "x\\r=cmd|\' /C calc\'!A0"\n',
                                encoding="utf-8")
    run = build(folder, tmp, "--curation", str(tmp / "c.yaml"))
    graph = {"directed": False, "multigraph": False, "graph": {},
             "nodes": [{"id": hostile}, {"id": "b"}], "edges": [{"source": hostile,
                                                                 "target": "b"}]}
    (tmp / "g.json").write_text(json.dumps(graph), encoding="utf-8")
    export = graphkit("export", str(tmp / "g.json"), "--to", "csv", "-o", str(tmp / "e"))
    files = [tmp / "out" / n for n in ("mentions.csv", "sentences.csv", "nodes.csv")] + \
        [tmp / "e" / n for n in ("nodes.csv", "edges.csv")]
    broken = [f.name for f in files if len({len(r) for r in _rows(f)}) != 1]
    intact = sum(hostile in cell for f in files for row in _rows(f) for cell in row)
    return (f"exit {run.code}/{export.code}; {len(broken)} of {len(files)} files with broken "
            f"rows; {intact} cells hold the whole value")


@case("merge cycle: [A, B] + [B, A]; A-B, B-C, C-A; one entry in each of two files "
      "(issue 30 D3)", "one node per cycle")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"a.txt": "Kemarin Budi Santoso, Andi Wijaya dan Rina Kartika "
                                   "bertemu di Jakarta.\n"})
    results = []
    for overlays in (["merge:\n  - [Budi Santoso, Andi Wijaya]\n  - [Andi Wijaya, Budi Santoso]\n"],
                     ["merge:\n  - [Budi Santoso, Andi Wijaya]\n  - [Andi Wijaya, Rina Kartika]\n"
                      "  - [Rina Kartika, Budi Santoso]\n"],
                     ["merge:\n  - [Budi Santoso, Andi Wijaya]\n",
                      "merge:\n  - [Andi Wijaya, Budi Santoso]\n"]):
        args = []
        for i, text in enumerate(overlays):
            (tmp / f"o{i}.yaml").write_text(text, encoding="utf-8")
            args += ["--curation", str(tmp / f"o{i}.yaml")]
        run = build(folder, tmp, *args)
        links = _mentions(tmp / "out")
        named = [n for n in ("Budi Santoso", "Andi Wijaya", "Rina Kartika")
                 if n in "".join(overlays)]
        results.append(f"exit {run.code}, {len({links[n] for n in named})} node")
    return " / ".join(results)


@case("export --to csv next to a graph.json whose folder holds the user's nodes.csv "
      "(issue 30 D4)", "exit 1, one line; the user's file unchanged")
def _(tmp: Path) -> str:
    (tmp / "g.json").write_text(json.dumps({"directed": False, "multigraph": False,
                                            "graph": {}, "nodes": [{"id": "a"}, {"id": "b"}],
                                            "edges": [{"source": "a", "target": "b"}]}),
                                encoding="utf-8")
    (tmp / "nodes.csv").write_text("name,phone\nAlice,555\n", encoding="utf-8")
    run = graphkit("export", str(tmp / "g.json"), "--to", "csv")
    kept = (tmp / "nodes.csv").read_text(encoding="utf-8") == "name,phone\nAlice,555\n"
    return outcome(run, "error") + f"; user's nodes.csv {'unchanged' if kept else 'REPLACED'}"


@case("graphkit.yaml shipped inside the corpus (merge + ignore + label), with -v, then "
      "--no-curation (issue 30 D10)", "announced on stderr with what it changes; "
      "--no-curation leaves it out")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"a.txt": ARTICLE, "graphkit.yaml":
                          "merge:\n  - [Vladimir Putin, Kim Jong Un]\nignore:\n  - Pyongyang\n"
                          "label:\n  Korea Utara: Somewhere\n"})
    run = graphkit("-v", "build", str(folder), "--out", str(tmp / "out"), "--model", "blank")
    plain = build(folder, tmp, "--no-curation")
    nodes = (tmp / "out" / "nodes.csv").read_text(encoding="utf-8")
    return (outcome(run, "found in the corpus") + f" / --no-curation: exit {plain.code}, "
            f"{'no' if 'found in the corpus' not in plain.stderr else 'still a'} warning, "
            f"Pyongyang {'back' if 'Pyongyang' in nodes else 'MISSING'}")


def _store_case(tmp: Path, damage: Callable[[Path], None]) -> str:
    folder = corpus(tmp, {f"{i}.txt": f"Kemarin Budi Santoso bertemu Andi Wijaya hari ke-{i}.\n"
                          for i in range(40)})
    build(folder, tmp)
    before = (tmp / "out" / "nodes.csv").read_bytes()
    damage(tmp / "out" / ".graphkit" / "store.sqlite")
    run = build(folder, tmp, "--force")
    kept = (tmp / "out" / "nodes.csv").read_bytes() == before
    return outcome(run, "error", "damaged") + f"; outputs {'as before' if kept else 'CHANGED'}"


@case("store: damaged pages (bytes overwritten after the first page) (issue 30 D6)",
      "exit 1, one line: delete OUT/.graphkit to rebuild")
def _(tmp: Path) -> str:
    def damage(store: Path) -> None:
        data = bytearray(store.read_bytes())
        data[4096:] = bytes(range(256)) * ((len(data) - 4096) // 256) + bytes(len(data) % 256)
        store.write_bytes(bytes(data))
    return _store_case(tmp, damage)


@case("store: a tampered row (extraction JSON replaced) (issue 30 D6)",
      "warned; that document is run through NER again; same outputs")
def _(tmp: Path) -> str:
    def damage(store: Path) -> None:
        with sqlite3.connect(store) as db:
            db.execute("""UPDATE documents SET extraction='{"sentences": 5}' WHERE id='3.txt'""")
    return _store_case(tmp, damage)


@case("store: written by a newer graphkit (schema 99) (issue 30)",
      "exit 1, one line; the store is not wiped")
def _(tmp: Path) -> str:
    def damage(store: Path) -> None:
        with sqlite3.connect(store) as db:
            db.execute("UPDATE meta SET value='99' WHERE key='schema'")
    result = _store_case(tmp, damage)
    with sqlite3.connect(tmp / "out" / ".graphkit" / "store.sqlite") as db:
        kept = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    return f"{result}; {kept} documents still stored"


@case("store: disk full while committing (SQLite's own SQLITE_FULL via max_page_count, "
      "in-process) (issue 30 D5)", "exit 1, one line: free some space; outputs unchanged")
def _(tmp: Path) -> str:
    from click.testing import CliRunner

    from graphkit.cli import cli
    from graphkit.store import Store

    folder = corpus(tmp, {"a.txt": ARTICLE})
    build(folder, tmp)
    (folder / "b.txt").write_text("".join(f"Rina Kartika tiba di Bandung hari ke-{i}.\n"
                                          for i in range(2000)), encoding="utf-8")
    real = Store.save

    def full(self: Store, *args: object, **kwargs: object) -> None:
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        self._db.execute(f"PRAGMA max_page_count={pages}")
        real(self, *args, **kwargs)  # type: ignore[arg-type]
    Store.save = full  # type: ignore[method-assign]
    try:
        result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(tmp / "out"),
                                          "--model", "blank"])
    finally:
        Store.save = real  # type: ignore[method-assign]
    trace = " **TRACEBACK**" if result.exc_info and result.exception and \
        not isinstance(result.exception, SystemExit) else ""
    line = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
    return f"exit {result.exit_code}{trace}; {_short(line)}".replace("|", "\\|")


@case("export of node-link JSON: nested 5,000 deep / NaN weight / Infinity attribute / string "
      "evidence_text (issue 30 D7, D8)", "exit 1, one line each, naming the problem")
def _(tmp: Path) -> str:
    def node_link(nodes: str = '{"id": "a"}, {"id": "b"}', weight: str = "1",
                  graph: str = "{}") -> str:
        return ('{"directed": false, "multigraph": false, "graph": ' + graph + ', "nodes": ['
                + nodes + '], "edges": [{"source": "a", "target": "b", "weight": ' + weight
                + "}]}")
    results = []
    for text in (node_link(nodes='{"id": "a", "x": ' + "[" * 5000 + "]" * 5000 + "}"),
                 node_link(weight="NaN"),
                 node_link(nodes='{"id": "a", "pagerank": Infinity}, {"id": "b"}'),
                 node_link(graph='{"evidence_text": "oops"}')):
        (tmp / "g.json").write_text(text, encoding="utf-8")
        run = graphkit("export", str(tmp / "g.json"), "--to", "json", "-o", str(tmp / "o.json"))
        results.append(outcome(run, "error").split("g.json: ")[-1])
    return " / ".join(results)


@case("a 50,000-deep YAML curation file (issue 30 D9)", "exit 1, one line")
def _(tmp: Path) -> str:
    (tmp / "deep.yaml").write_text("merge:\n  - " + "[" * 50_000 + "]" * 50_000 + "\n",
                                   encoding="utf-8")
    return outcome(build(corpus(tmp, {"a.txt": ARTICLE}), tmp, "--curation",
                         str(tmp / "deep.yaml")), "error")


@case("symbolic links in the corpus to a file and a folder outside it (issue 30)",
      "skipped with a warning each; their text is not read")
def _(tmp: Path) -> str:
    home = tmp / "home"
    home.mkdir()
    (home / "notes.txt").write_text("Rahasia: Budi Santoso.\n", encoding="utf-8")
    folder = corpus(tmp, {"a.txt": ARTICLE})
    (folder / "notes.txt").symlink_to(home / "notes.txt")
    (folder / "home").symlink_to(home, target_is_directory=True)
    run = build(folder, tmp)
    read = "Budi Santoso" in (tmp / "out" / "nodes.csv").read_text(encoding="utf-8")
    return outcome(run, "outside the corpus") + \
        f"; outside text {'READ' if read else 'not read'}"


@case("--jobs 8 for 5 documents (issue 30)", "at most 5 NER processes; warned above the cores")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {f"{i}.txt": ARTICLE.replace("Rabu", f"hari {i}") for i in range(5)})
    reference = build(folder, tmp, "--jobs", "1")
    run = build(folder, tmp, "--jobs", "8", "--force")
    return (f"{outcome(run, 'cores')}; peak of the largest process {run.peak_mb} MB "
            f"(--jobs 1: {reference.peak_mb} MB)")


@case("a 20 MB curation label, then graph.html (issue 30)",
      "label cut at 200 characters in the page; page small; data files keep it")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"a.txt": ARTICLE})
    (tmp / "c.yaml").write_text("label:\n  Kim Jong Un: " + "A" * 20_000_000 + "\n",
                                encoding="utf-8")
    run = build(folder, tmp, "--curation", str(tmp / "c.yaml"))
    page = (tmp / "out" / "graph.html").stat().st_size
    nodes = (tmp / "out" / "nodes.csv").stat().st_size
    return f"exit {run.code}; graph.html {page // 1000} KB; nodes.csv {nodes // 1_000_000} MB"


@case("11,500 characters of names on one line, no sentence end (issue 30)",
      "every name found without a model")
def _(tmp: Path) -> str:
    first = ["Budi", "Andi", "Rina", "Siti", "Agus", "Dewi", "Joko", "Eko", "Bayu", "Dian"]
    last = ["Santoso", "Wijaya", "Kartika", "Halim", "Gunawan", "Susanto", "Hartono",
            "Lestari", "Pratama", "Saputra", "Nugroho", "Setiawan", "Rahman", "Hidayat"]
    names = [f"{f} {n}" for f in first for n in last]
    run = build(corpus(tmp, {"a.txt": "Hadir " + ", ".join(names * 6) + "\n"}), tmp)
    found = set(_mentions(tmp / "out"))
    return f"exit {run.code}; {len(set(names) & found)} of {len(names)} names found"


@case("a file name holding a terminal escape (OSC retitle) and a bare carriage return "
      "(issue 30 D11)", "warnings show the name escaped; nothing raw reaches the terminal")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"a.txt": ARTICLE, "x\x1b]0;pwned\x07\r.bin": b"\x00\x01"})
    run = build(folder, tmp)
    raw = "\x1b" in run.stderr or "\r" in run.stderr
    return outcome(run, "unsupported") + f"; raw control characters on stderr: {raw}"


@case("two corpus folders each holding a different berita1.txt (issue 30 D13)",
      "both read, as y1/berita1.txt and y2/berita1.txt")
def _(tmp: Path) -> str:
    for name, who in (("y1", "Vladimir Putin"), ("y2", "Joko Widodo")):
        (tmp / name).mkdir()
        (tmp / name / "berita1.txt").write_text(f"Presiden {who} tiba di Jakarta.\n",
                                                encoding="utf-8")
    run = graphkit("build", str(tmp / "y1"), str(tmp / "y2"), "--out", str(tmp / "out"),
                   "--model", "blank")
    docs = sorted({row["doc"] for row in csv.DictReader(io.StringIO(
        (tmp / "out" / "mentions.csv").read_text(encoding="utf-8")))}) if run.code == 0 else []
    return f"exit {run.code}; documents: {', '.join(docs)}"


@case("an unsupported file, an undecodable text file and a broken PDF in one corpus "
      "(issue 30 D14)", "each named once, with its reason")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {"a.txt": ARTICLE, "b.xlsx": b"PK\x03\x04 not a workbook",
                          "c.txt": b"\x00\x01\x02\x03" * 50, "d.pdf": b"%PDF-1.4 broken"})
    run = build(folder, tmp)
    counts = [run.stderr.count(name) for name in ("b.xlsx", "c.txt", "d.pdf")]
    return f"exit {run.code}; times each file is named on stderr: {counts}"


@case("a 46 KB document listing 2,000 names on one line (issue 30 D12)",
      "graph.html holds each sentence's text once, whatever the number of edges")
def _(tmp: Path) -> str:
    first = ["Budi", "Andi", "Rina", "Siti", "Agus", "Dewi", "Joko", "Eko", "Bayu", "Dian"]
    last = [f"{a}{b}" for a in ("Sa", "Wi", "Ka", "Ha", "Gu") for b in ("nto", "jaya",
            "rtika", "lim", "nawan", "santo", "rtono", "stari")]
    names = [f"{f} {n}" for f in first for n in last][:2000]
    run = build(corpus(tmp, {"a.txt": "Hadir " + ", ".join(names) + ".\n"}), tmp)
    page = (tmp / "out" / "graph.html").stat().st_size if run.code == 0 else 0
    return f"exit {run.code}; graph.html {page / 1e6:.1f} MB (was 217 MB for 2,000 names)"


def ctrl_c_build(folder: Path, out: Path, after: float, *extra: str) -> tuple[int, str]:
    """`python -m graphkit build FOLDER --out OUT --jobs 2`, Ctrl-C to its process group
    `after` seconds in, as a terminal sends it: (exit status, stderr)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "graphkit", "build", str(folder), "--out", str(out),
         "--jobs", "2", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(after)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


@case("Ctrl-C 1.5 s into a --jobs 2 build of 200 documents, 20 times, both cores busy "
      "(the flaky test of issue 30)", "exit 130 and 'interrupted' every time, no traceback")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {f"{i}.txt": ARTICLE * 40 for i in range(200)})
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    bad = []
    try:
        for attempt in range(20):
            code, stderr = ctrl_c_build(folder, tmp / f"o{attempt}", 1.5)
            if code != 130 or "Traceback" in stderr:
                bad.append(f"exit {code}")
    finally:
        for burner in burners:
            burner.kill()
    return f"{20 - len(bad)} of 20 clean" + (f" ({', '.join(bad)})" if bad else "")


@case("Ctrl-C at every 50 ms from 0 to 1.5 s after `python -m graphkit build` starts (a "
      "--jobs 2 build of 200 documents)", "exit 130 and 'interrupted', no traceback, never "
      "'Aborted!' or exit 0, once graphkit's code runs (Python's own start-up, the first "
      "~0.1 s, is out of its reach)")
def _(tmp: Path) -> str:
    folder = corpus(tmp, {f"{i}.txt": ARTICLE * 40 for i in range(200)})
    outcomes: dict[str, list[str]] = {}
    for step in range(31):
        code, stderr = ctrl_c_build(folder, tmp / f"o{step}", step * 0.05, "--model", "blank")
        kind = ("in Python's start-up" if "init_import_site" in stderr or "<frozen site>"
                in stderr else "traceback" if "Traceback" in stderr else
                "'Aborted!'" if "Aborted" in stderr else f"exit {code}")
        outcomes.setdefault(kind, []).append(f"{step * 0.05:.2f}")
    return "; ".join(f"{kind}: {len(at)} (at {', '.join(at[:4])}{' ...' if len(at) > 4 else ''}"
                     f" s)" for kind, at in sorted(outcomes.items()))


def main() -> None:
    wanted = sys.argv[1:]
    report = HERE / "reliability.md"
    kept: dict[str, str] = {}
    if wanted and report.exists():
        for line in report.read_text(encoding="utf-8").splitlines():
            if line.startswith("| ") and not line.startswith(("| case", "| ---")):
                kept[line[2:].split(" | ", 1)[0]] = line
    rows = []
    for name, expected, function in CASES:
        if wanted and not any(w in name for w in wanted) and name in kept:  # reuse the row
            rows.append(kept[name])
            continue
        with tempfile.TemporaryDirectory() as folder:
            tmp = Path(folder)
            tmp.chmod(0o755)
            cwd = Path.cwd()
            os.chdir(tmp)
            try:
                observed = function(tmp)
            except Exception as exc:  # a crashing case is a finding to report
                observed = f"**crashed**: {type(exc).__name__}: {exc}"
            finally:
                os.chdir(cwd)
        print(f"{name}: {observed}", file=sys.stderr)
        rows.append(f"| {name} | {expected} | {observed} |")
    text = "\n".join([
        "# Reliability: hostile and broken input",
        "",
        "Written by `benchmarks/reliability.py` (every case runs `python -m graphkit build` in",
        "a fresh process unless it says in-process; `--model blank` unless the model matters).",
        "The same cases are asserted in `tests/test_reliability.py`,",
        "`tests/test_reliability_hostile.py` (cases marked issue 30), `tests/test_fuzz.py` and",
        "`tests/test_xss_browser.py`. Machine: 2 shared cores (timings include contention).",
        "",
        "| case | expected | observed |",
        "| --- | --- | --- |",
        *rows,
        "",
        "Known gaps (tests marked xfail until fixed; fixes proposed to the owners):",
        "",
        "- Ctrl-C in the first ~0.1 s, while Python itself starts (its `site` module, before",
        "  any graphkit code runs), prints Python's own traceback. Issue 30's one build that",
        "  ended with exit 0 after Ctrl-C: a KeyboardInterrupt swallowed on the way (a bare",
        "  `except:` in a library's import, most likely); the program now remembers every",
        "  Ctrl-C and stops at the next document or before reporting success",
        "  (`test_a_ctrl_c_a_library_swallowed_still_stops_the_build`).",
        "- NER worker processes (`--jobs` > 1) outlive a SIGKILLed build as orphans; outputs",
        "  and store are unaffected (`test_sigkill_leaves_no_orphan_ner_workers`).",
        "- Without a model, a name with a bidi/zero-width character glued to it",
        "  (`\\u202eKorea Utara\\u202c`, `Pyong\\u200byang`) is missed by the knowledge-base",
        "  matcher: spaCy should see `clean.visible_text()` of each block",
        "  (`test_names_wrapped_in_bidi_controls_are_found_without_a_model`).",
        "- A full build costs ~15 s per MB of text on this machine, so a 50 MB document takes",
        "  about 12 minutes (linear; memory stays ~400 MB); 10,000 tiny files spend most of",
        "  their time in spaCy's multiprocess serialisation and in corpus-wide acronym lookup.",
        "",
    ])
    report.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
