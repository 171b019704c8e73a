"""`naskah serve` with NASKAH_WEB_PROCESSES above 1: several web processes on one port.

One process runs Python on one core at a time (the GIL): under load its searches queue for
it while the other cores idle. This parent starts the processes; each listens on the port
with SO_REUSEPORT, and the kernel spreads the connections over them evenly (one socket
shared by all would let the process woken first take every waiting connection: asyncio
accepts up to a hundred at a time). The first writes
the embedded index and runs the job workers and the timed duties; it starts alone, so that
it prepares the index (a rebuild, pending changes) before the others open readers of it
(search_api/app.py `create_app(is_first=...)`). A process that dies is started again; SIGTERM
or Ctrl-C stops them all, each finishing its requests.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import threading
import time
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event
from types import FrameType
from typing import Final

from search_api.settings import Settings

log = logging.getLogger(__name__)

# How long the first process may take to be ready (a first start on an old index rebuilds it).
FIRST_READY_S: Final = 1800.0
# How long the processes have to finish their requests once asked to stop.
STOP_GRACE_S: Final = 30.0
# A process that died is started again after this pause (no busy loop of crashes).
RESTART_PAUSE_S: Final = 1.0


def serve_processes(settings: Settings, host: str, port: int) -> int:
    """Run `settings.web_processes` web processes on host:port until SIGTERM or Ctrl-C."""
    context = multiprocessing.get_context("spawn")
    stopping = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("serve step=stop signal=%s", signal.Signals(signum).name)
        stopping.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def start(number: int) -> tuple[BaseProcess, Event]:
        ready = context.Event()
        process = context.Process(
            target=_serve_one,
            args=(settings, host, port, number == 0, ready),
            name=f"naskah-web-{number}",
        )
        process.start()
        return process, ready

    processes: dict[int, BaseProcess] = {}
    # each process's event stays referenced here until it ends: one collected in the parent
    # is gone before the child has opened it
    events: dict[int, Event] = {}
    try:
        first, ready = start(0)
        processes[0], events[0] = first, ready
        deadline = time.monotonic() + FIRST_READY_S
        while not ready.wait(0.2):
            if stopping.is_set() or not first.is_alive() or time.monotonic() > deadline:
                log.warning("serve step=start the first web process did not start")
                return 1
        for number in range(1, settings.web_processes):
            processes[number], events[number] = start(number)
        log.info("serve step=start processes=%d port=%d", len(processes), port)
        while not stopping.is_set():
            ended = wait([p.sentinel for p in processes.values()], timeout=0.5)
            if not ended or stopping.is_set():
                continue
            for number, process in list(processes.items()):
                if process.sentinel in ended:
                    log.warning("serve step=restart process=%d exit=%s", number, process.exitcode)
                    stopping.wait(RESTART_PAUSE_S)
                    if not stopping.is_set():
                        processes[number], events[number] = start(number)
        return 0
    finally:
        _stop(list(processes.values()))


def _listening(host: str, port: int) -> socket.socket:
    """This process's socket on host:port, beside its siblings' (SO_REUSEPORT: only sockets
    of the same user may join)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def _stop(processes: list[BaseProcess]) -> None:
    """SIGTERM each (uvicorn finishes the requests it has), then SIGKILL what is left."""
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + STOP_GRACE_S
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            log.warning("serve step=stop process=%s killed after %.0fs", process.name, STOP_GRACE_S)
            process.kill()
            process.join()


def _serve_one(settings: Settings, host: str, port: int, is_first: bool, ready: Event) -> None:  # noqa: FBT001
    """One web process: the app on its socket of host:port; `ready` set once it accepts."""
    import uvicorn

    from search_api.app import create_app

    # uvicorn's own SIGTERM and SIGINT handlers finish the requests in flight
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, is_first=is_first), log_level="warning")
    )

    def tell_ready() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            ready.set()

    sock = _listening(host, port)
    threading.Thread(target=tell_ready, name="naskah-ready", daemon=True).start()
    server.run(sockets=[sock])
