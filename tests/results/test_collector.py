"""The cyclic collector is held off while a data file is read, and always resumes."""

import gc
import threading

import pytest

from yjinspect.datafile import collector_paused
from yjinspect.errors import InputError
from yjinspect.examples import example
from yjinspect.results import load_results


def test_reading_a_results_file_runs_no_collection_and_resumes_the_collector(tmp_path):
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    bad = tmp_path / "bad.yaml"
    bad.write_text("framework: hmip-yos-2018\nkey_questions:\n" + "".join(
        f"  q{n}: {{yes: many}}\n" for n in range(3000)))  # fmt: skip
    gc.callbacks.append(count)
    try:
        load_results(example("essex-2018.yaml"))
        with pytest.raises(InputError):
            load_results(bad)
    finally:
        gc.callbacks.remove(count)
    # At most one as each reading ends (allocations counted during the pause); without the
    # pause, dozens run inside the second reading alone.
    assert len(collections) <= 2, collections
    assert gc.isenabled()  # a refusal resumes it too


def test_pauses_nest_and_overlap_and_keep_a_collector_someone_stopped():
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    inside, leave = threading.Event(), threading.Event()

    def other():
        with collector_paused():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(10)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other thread's pause has not ended
    leave.set()
    thread.join()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # stopped before, so it stays stopped
    finally:
        gc.enable()
