"""Security settings, stated and checked: the config file says them, a served app obeys them,
no user text can reach unsafe HTML, and the proxy of `make serve` keeps them working.

The served checks start one Streamlit process on 127.0.0.1 and send it a few requests; nothing
is timed (the waits are bounds, not assertions)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import tempfile
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools.serve import backends, nginx

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".venv", "mutants", "tests", ".git", "node_modules"}

# The only places where HTML goes to the page unescaped, each with the module-level constant it
# sends. A new call site fails the test until it is added here (and its text is constant).
ALLOWED_HTML = {("ui/presentation.py", "CSS")}


def config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())


def test_config_states_the_security_settings():
    server = config()["server"]
    assert server["enableXsrfProtection"] is True
    # XSRF on with CORS off makes 1.67 accept websockets from any site: both must be on.
    assert server["enableCORS"] is True
    assert server["maxUploadSize"] == 5  # MB; userdata.LIMITS states the same on the page
    assert config()["browser"]["gatherUsageStats"] is False


# ---- no user text in unsafe HTML ----------------------------------------------------------


def unsafe_sites(source: str) -> list[tuple[int, str | None]]:
    """(line, argument) of every call that sends HTML unescaped: st.html / components.html, or
    any call with unsafe_allow_html / unsafe_allow_javascript not literally False. The argument
    is the name passed first when it is a plain name, else None."""
    sites = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        html_call = isinstance(node.func, ast.Attribute) and node.func.attr == "html"
        flags = [
            k
            for k in node.keywords
            if k.arg in ("unsafe_allow_html", "unsafe_allow_javascript")
            and not (isinstance(k.value, ast.Constant) and k.value.value is False)
        ]
        if (html_call and _on_streamlit(node.func.value)) or flags:
            first = node.args[0] if node.args else None
            sites.append((node.lineno, first.id if isinstance(first, ast.Name) else None))
    return sites


# cards.names.html (imported as user_names) escapes text for HTML: the safe direction.
ESCAPERS = {"user_names"}


def _on_streamlit(receiver: ast.expr) -> bool:
    """st.html, components.html, st.components.v1.html, or a column's or container's .html:
    every .html( call except an escaper's."""
    while isinstance(receiver, ast.Attribute):
        receiver = receiver.value
    return not (isinstance(receiver, ast.Name) and receiver.id in ESCAPERS)


def constant_text(source: str, name: str) -> bool:
    """True when `name` is assigned once at module level, to a plain string literal."""
    values = [
        node.value
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        and any(getattr(t, "id", None) == name for t in node.targets)
    ]
    return (
        len(values) == 1
        and isinstance(values[0], ast.Constant)
        and isinstance(values[0].value, str)
    )


def sources():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if not SKIP.intersection(relative.parts):
            yield relative.as_posix(), path.read_text()


def test_unsafe_html_only_at_the_allowed_sites_with_constant_text():
    seen = set()
    for name, source in sources():
        assert "unsafe_allow_javascript" not in source, name
        for line, argument in unsafe_sites(source):
            assert (name, argument) in ALLOWED_HTML, f"{name}:{line} sends HTML unescaped"
            assert constant_text(source, argument), f"{name}:{line}: {argument} is not constant"
            seen.add((name, argument))
    assert seen == ALLOWED_HTML  # a site that went away leaves the list


@pytest.mark.parametrize(
    "planted",
    [
        'st.markdown(f"<b>{name}</b>", unsafe_allow_html=True)',
        "col.markdown(text, unsafe_allow_html=flag)",
        "st.html(user_text)",
        "components.html(page)",
        "st.components.v1.html(page, height=100)",
        "st.write(x, unsafe_allow_javascript=True)",
    ],
)
def test_the_scan_finds_planted_unsafe_calls(planted):
    assert len(unsafe_sites(f"import streamlit as st\n{planted}\n")) == 1


def test_the_scan_lets_escaping_and_safe_calls_pass():
    source = "st.markdown(x)\nst.markdown(x, unsafe_allow_html=False)\nhtml.escape(x)\n"
    assert unsafe_sites(source + "user_names.html(x)\n") == []


def test_an_allowed_name_must_hold_constant_text():
    assert constant_text('CSS = "<style>p {}</style>"\n', "CSS")
    assert not constant_text('CSS = f"<style>{user}</style>"\n', "CSS")
    assert not constant_text('CSS = "<style>" + user\n', "CSS")
    assert not constant_text('CSS = "a"\nCSS = user\n', "CSS")


# ---- a served app obeys them --------------------------------------------------------------


@pytest.fixture(scope="module")
def served():
    port = backends.free_port()
    log = Path(tempfile.mkdtemp(prefix="bpv-security-")) / "streamlit.log"
    proc = backends.start(port, log)
    try:
        backends.wait_healthy({port: proc})
        yield f"http://127.0.0.1:{port}"
    finally:
        backends.stop([proc])


def request(url: str, method: str = "GET", headers: dict | None = None):
    req = urllib.request.Request(url, method=method, headers=headers or {}, data=None)
    try:
        with urllib.request.urlopen(req, timeout=30) as reply:
            return reply.status, reply.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_an_upload_without_the_xsrf_token_is_refused(served):
    _, headers = request(served + "/_stcore/health")
    cookie = headers["Set-Cookie"].split(";", 1)[0]  # _streamlit_xsrf=2|…
    assert cookie.startswith("_streamlit_xsrf=")
    upload = served + "/_stcore/upload_file/no-session/no-file"
    assert request(upload, "PUT", {"Cookie": cookie})[0] == 403
    # With the token the page's script would send, the XSRF check passes and the (made-up)
    # session is what is refused: 400, so the 403 above was the token's doing.
    token = cookie.split("=", 1)[1]
    assert request(upload, "PUT", {"Cookie": cookie, "X-Xsrftoken": token})[0] == 400


def test_another_site_gets_no_cross_origin_access(served):
    status, headers = request(served + "/_stcore/health", headers={"Origin": "http://evil.test"})
    assert status == 200
    assert headers.get("Access-Control-Allow-Origin") is None  # CORS off would send "*"


# ---- the proxy of `make serve` keeps them working -----------------------------------------


def test_nginx_config_keeps_host_upgrade_and_upload_limit(tmp_path):
    text = nginx.render([8601, 8602], "127.0.0.1:8080", tmp_path)
    # Streamlit compares the websocket's Origin with Host: $host would drop the port.
    assert "proxy_set_header Host $http_host;" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "server 127.0.0.1:8601 " in text and "server 127.0.0.1:8602 " in text
    assert "listen 127.0.0.1:8080;" in text and "{{" not in text
    body = int(text.split("client_max_body_size ")[1].split("m;")[0])
    assert body > config()["server"]["maxUploadSize"]  # the server, not nginx, says no first
    assert "HttpOnly" in text  # the affinity cookie is not readable by scripts


@pytest.mark.skipif(nginx.find() is None, reason="nginx is not installed")
def test_nginx_accepts_the_config(tmp_path):
    nginx.prepare(tmp_path)
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx.render([8601, 8602], "127.0.0.1:8080", tmp_path))
    test = subprocess.run(
        [nginx.find(), "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, timeout=60
    )
    assert test.returncode == 0, test.stderr.decode()
    shutil.rmtree(tmp_path, ignore_errors=True)
