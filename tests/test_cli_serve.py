"""`diplograph serve` as a user starts and stops it (issue 15): taken ports, Ctrl-C."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess

import pytest

from cli_helpers import ROOT, cli_env, command, run
from server_helpers import free_port, wait_for

pytestmark = pytest.mark.skipif(shutil.which("oxigraph") is None, reason="the oxigraph server is not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("serve") / "out"
    assert run("build", ROOT / "examples" / "articles" / "fa_araghchi_lavrov_call.txt", "--out", out, "-q"
               ).returncode == 0
    return out


@pytest.mark.parametrize("taken, option", [("endpoint", "--port"), ("view", "--view-port")])
def test_a_taken_port_is_named_before_anything_starts(built, taken, option):
    port, view_port = free_port(), free_port()
    with socket.create_server(("127.0.0.1", port if taken == "endpoint" else view_port)):
        result = run("serve", built, "--port", port, "--view-port", view_port, timeout=60)
    assert result.returncode == 2
    taken_port = port if taken == "endpoint" else view_port
    assert f"cannot listen on 127.0.0.1:{taken_port}" in result.stderr and option in result.stderr
    assert "Ctrl-C" not in result.stdout


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_a_normal_stop_exits_0_quietly(built, stop):
    port = free_port()
    server = subprocess.Popen([*command(), "serve", str(built), "--port", str(port), "--view-port", str(free_port())],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(),
                              start_new_session=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        os.killpg(server.pid, stop)    # to the whole group, as a terminal's Ctrl-C is
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert server.returncode == 0, err
    assert "status" not in err and "Traceback" not in err and "interrupted" not in err
    assert "press Ctrl-C to stop" in out


@pytest.fixture
def serving(built):
    """`diplograph serve` running on free ports; yields the endpoint's base URL."""
    port = free_port()
    server = subprocess.Popen([*command(), "serve", str(built), "--port", str(port), "--view-port", str(free_port())],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=cli_env())
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
        assert "Traceback" not in err, err


def test_the_query_page_fetches_nothing_outside_and_opens_with_our_prefixes(serving):
    from browser_helpers import chromium, require_chromium

    require_chromium()
    outside: list[str] = []
    with chromium() as browser:
        context = browser.new_context()

        def route(request_route):
            if request_route.request.url.startswith(serving + "/"):
                request_route.continue_()
            else:
                outside.append(request_route.request.url)
                request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.goto(serving + "/")
        page.wait_for_function("window.diplographYasgui && window.diplographYasgui.getTab()", timeout=30_000)
        query = page.evaluate("window.diplographYasgui.getTab().getYasqe().getValue()")
        page.evaluate("window.diplographYasgui.getTab().getYasqe().query()")
        page.wait_for_function("document.querySelectorAll('.yasr table tbody tr').length > 0", timeout=30_000)
        rows = page.evaluate("document.querySelectorAll('.yasr table tbody tr').length")
        page.wait_for_timeout(1000)      # completers that would fetch do so when the editor opens
        context.close()
    assert outside == []
    assert "PREFIX dg: <https://w3id.org/diplograph/ns#>" in query and "$person" not in query
    assert rows > 0      # the example answers on the graph


def test_the_endpoint_still_answers_sparql_through_the_page_server(serving):
    from urllib.parse import urlencode
    from urllib.request import Request, urlopen

    request = Request(serving + "/query", data=urlencode({"query": "ASK { ?s a schema:NewsArticle }"}).encode(),
                      headers={"Accept": "application/sparql-results+json",
                               "Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(OSError):           # schema: is not declared for HTTP clients: Oxigraph's own answer
        urlopen(request, timeout=30)
    ask = "PREFIX schema: <https://schema.org/> ASK { ?s a schema:NewsArticle }"
    with urlopen(serving + "/query?" + urlencode({"query": ask}), timeout=30) as answer:
        assert answer.headers.get_content_type() == "application/sparql-results+json"
        assert '"boolean":true' in answer.read().decode().replace(" ", "")
