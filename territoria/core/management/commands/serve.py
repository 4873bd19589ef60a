"""``territoria serve``: the web server and a task worker beside it, stopped together.

Each child runs in its own session, so that this process alone decides when they stop: on
Ctrl-C or SIGTERM it sends SIGTERM to both process groups (reaching runserver's autoreloader
child too), waits for them, and kills what is still there after a grace period. If either
child dies on its own, the other is stopped as well: a web server without its worker would
leave jobs queued for ever.
"""

import argparse
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

GRACE_SECONDS = 10


def _manage(*args: str) -> list[str]:
    return [sys.executable, "-m", "territoria.cli", *args]


class Command(BaseCommand):
    help = _("Run the web server and a task worker beside it; Ctrl-C stops both.")
    requires_system_checks = []  # the children run their own checks

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--server", choices=["runserver", "gunicorn"], default=None,
            help=_("Django's development server (the default with DEBUG on) or gunicorn "
                   "(the default otherwise)."))
        parser.add_argument("--web-workers", type=int, default=2,
                            help=_("Number of gunicorn worker processes."))
        parser.add_argument(
            "--reload", action=argparse.BooleanOptionalAction, default=None,
            help=_("Restart the development server and the worker when the code changes "
                   "(the default with DEBUG on)."))

    def handle(self, *args, host: str, port: int, server: str | None, web_workers: int,
               reload: bool | None, **options):
        server = server or ("runserver" if settings.DEBUG else "gunicorn")
        reload = settings.DEBUG if reload is None else reload
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        if server == "runserver":
            web = _manage("runserver", bind, *([] if reload else ["--noreload"]))
        else:
            web = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", bind,
                   "--workers", str(web_workers), "--access-logfile", "-"]
        worker = _manage("db_worker", "--interval", "1",
                         *(["--reload"] if reload else []))

        env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
               "PYTHONUNBUFFERED": "1"}
        stop: list[int] = []
        previous = {sig: signal.signal(sig, lambda signum, frame: stop.append(signum))
                    for sig in (signal.SIGINT, signal.SIGTERM)}
        children: dict[str, subprocess.Popen] = {}
        try:
            children["web"] = subprocess.Popen(web, env=env, start_new_session=True)
            children["worker"] = subprocess.Popen(worker, env=env, start_new_session=True)
            self.stdout.write(
                _("Web server (pid %(web)d) on http://%(bind)s/ and task worker (pid "
                  "%(worker)d) started; press Ctrl-C to stop both.")
                % {"web": children["web"].pid, "bind": bind, "worker": children["worker"].pid})
            died = None
            while not stop and died is None:
                died = next((name for name, child in children.items()
                             if child.poll() is not None), None)
                time.sleep(0.2)
        finally:
            self._stop(children)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if died is not None:
            raise CommandError(
                _("The %(name)s process stopped (exit code %(code)s); the other one was "
                  "stopped too.") % {"name": died, "code": children[died].returncode})
        self.stdout.write(_("Web server and task worker stopped."))

    def _stop(self, children: dict[str, subprocess.Popen]) -> None:
        for child in children.values():
            self._signal_group(child, signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        for child in children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._signal_group(child, signal.SIGKILL)
                child.wait()
            # The runserver autoreloader's own child may outlive its parent by a moment.
            self._signal_group(child, signal.SIGKILL)

    @staticmethod
    def _signal_group(child: subprocess.Popen, sig: int) -> None:
        try:
            os.killpg(child.pid, sig)
        except ProcessLookupError:
            pass
