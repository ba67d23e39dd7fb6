"""`yjinspect demo` and `yjinspect serve` on a port already in use: one line, status 2."""

import socket

import pytest


@pytest.fixture
def taken_port():
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    yield holder.getsockname()[1]
    holder.close()


@pytest.mark.parametrize("command", ["demo", "serve"])
def test_a_port_in_use_is_one_line_before_anything_is_done(cli, tmp_path, taken_port, command):
    data = tmp_path / "data"
    result = cli(command, "--port", taken_port, "--data-dir", data)
    assert result.exit_code == 2
    assert result.output == (
        f"error: 127.0.0.1:{taken_port}: port {taken_port} is in use; choose another with --port\n"
    )
    assert not data.exists()
