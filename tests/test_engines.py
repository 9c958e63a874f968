"""The local (--jobs) and Dask engines produce exactly the same files."""

import pytest
from conftest import SEEDS

import graphkit
from graphkit.export import OUTPUT_FILES


def same_files(a, b):
    return [name for name in OUTPUT_FILES if (a / name).read_bytes() != (b / name).read_bytes()]


@pytest.mark.slow
def test_jobs_and_dask_match_a_single_process(tmp_path):
    distributed = pytest.importorskip("distributed")
    graphkit.build(SEEDS, out=tmp_path / "one", store=False, jobs=1, model="blank")
    graphkit.build(SEEDS, out=tmp_path / "two", store=False, jobs=2, model="blank")
    assert same_files(tmp_path / "one", tmp_path / "two") == []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        graphkit.build(SEEDS, out=tmp_path / "dask", store=False, model="blank",
                       engine="dask", scheduler=cluster.scheduler_address)
    assert same_files(tmp_path / "one", tmp_path / "dask") == []


def test_dask_engine_needs_a_scheduler():
    with pytest.raises(graphkit.GraphkitError, match="--scheduler"):
        graphkit.build(SEEDS, engine="dask")


def test_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed")
    with pytest.raises(graphkit.GraphkitError, match="cannot reach the Dask scheduler"):
        graphkit.build(SEEDS, store=False, model="blank", engine="dask",
                       scheduler="tcp://127.0.0.1:9")
