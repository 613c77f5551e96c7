"""`diplograph serve` under attack (issue 16): a writable server refuses other sites' pages and foreign Host
names, warns when it listens beyond this machine, never outlives a `kill -9` holding the store's lock, and
the view port serves graph.html and graph.ttl only, to GET and HEAD alike."""
from __future__ import annotations

import http.client
import shutil
import signal
import subprocess
import sys
import time
from urllib.parse import urlencode

import pytest

from exports.cli import main
from graph.store import GraphStore, StoreError
from server_helpers import free_port, wait_for

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    out = tmp_path_factory.mktemp("served")
    fixtures = __import__("pathlib").Path(__file__).parent / "fixtures" / "queries"
    assert main(["build", str(fixtures), "--out", str(out), "-q"]) == 0
    return out


def start_serve(directory, *extra):
    port, view_port = free_port(), free_port()
    process = subprocess.Popen([sys.executable, "-m", "exports.cli", "serve", str(directory), "--port", str(port),
                                "--view-port", str(view_port), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for(f"http://127.0.0.1:{port}/")
    return process, port, view_port


def stop(process):
    process.terminate()
    process.wait(timeout=15)


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def triples(port, host="127.0.0.1"):
    status, body = request(port, "GET", "/query?" + urlencode({"query": COUNT}),
                           headers={"Accept": "text/csv", "Host": f"{host}:{port}"})
    assert status == 200
    return int(body.decode().split()[1])


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def writable(built, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    process, port, view_port = start_serve(copy, "--writable")
    try:
        yield port
    finally:
        stop(process)


def test_another_sites_page_cannot_wipe_a_writable_store(writable):
    before = triples(writable)
    assert before > 0
    status, _ = request(writable, "POST", "/update", body=b"update=DROP+ALL",
                        headers={**FORM, "Origin": "http://evil.example"})
    assert status == 403
    status, _ = request(writable, "POST", "/update", body=b"update=DROP+ALL",
                        headers={**FORM, "Origin": "null"})
    assert status == 403
    status, _ = request(writable, "POST", "/update", body=b"update=DROP+ALL",
                        headers={**FORM, "Host": f"rebound.example:{writable}"})   # DNS rebinding
    assert status == 403
    assert triples(writable) == before


def test_the_servers_own_pages_and_scripts_still_write(writable):
    before = triples(writable)
    insert = "update=" + "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    own = {**FORM, "Origin": f"http://127.0.0.1:{writable}", "Host": f"127.0.0.1:{writable}"}
    status, _ = request(writable, "POST", "/update", body=insert.replace(" ", "+").encode(), headers=own)
    assert status == 204
    assert triples(writable) == before + 1
    status, _ = request(writable, "POST", "/update", body=b"update=CLEAR+DEFAULT",
                        headers={**FORM, "Host": f"localhost:{writable}"})      # curl: no Origin
    assert status == 204
    assert triples(writable, host="localhost") == 0


def test_serving_beyond_loopback_warns(built, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    port, view_port = free_port(), free_port()
    process = subprocess.Popen([sys.executable, "-m", "exports.cli", "serve", str(copy), "--host", "0.0.0.0",
                                "--port", str(port), "--view-port", str(view_port), "--writable"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        warning = process.stderr.readline()
    finally:
        stop(process)
    assert "WARNING" in warning and "beyond this machine" in warning and "delete" in warning


def test_kill_9_of_serve_leaves_no_server_holding_the_store(built, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    process, port, _ = start_serve(copy, "--writable")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=15)
    deadline = time.monotonic() + 15
    while True:
        try:
            with GraphStore(copy):
                break
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_head_requests_reach_only_the_served_files(built):
    process, _, view_port = start_serve(built)
    try:
        assert request(view_port, "HEAD", "/store/CURRENT")[0] == 404
        assert request(view_port, "HEAD", "/graph.html")[0] == 200
        assert request(view_port, "GET", "/store/CURRENT")[0] == 404
    finally:
        stop(process)
