"""`wpsnap lan_qr`: the laptop's LAN addresses and the QR code of the join page."""

import io

import pytest
from django.core.management import call_command

from wpsnap.validation.management.commands import lan_qr

FAKE = [("lo", "127.0.0.1"), ("docker0", "172.17.0.1"), ("wlp2s0", "192.168.8.23"),
        ("enp0s31f6", "169.254.10.4"), ("tun0", "100.64.3.2"), ("wlp2s0", "192.168.8.23")]


def run(*args) -> str:
    out = io.StringIO()
    call_command("lan_qr", *args, stdout=out)
    return out.getvalue()


def test_lan_addresses_drop_loopback_link_local_and_bridges():
    assert lan_qr.lan_addresses(FAKE) == ["192.168.8.23", "100.64.3.2"]
    assert lan_qr.lan_addresses([("lo", "127.0.0.1")]) == []


def test_command_prints_the_address_and_its_qr(monkeypatch):
    monkeypatch.setattr(lan_qr, "interfaces", lambda: FAKE)
    out = run("--port", "8123")
    assert "http://192.168.8.23:8123/join/" in out
    assert "172.17.0.1" not in out and "127.0.0.1" not in out
    qr = lan_qr.terminal_qr("http://192.168.8.23:8123/join/")
    assert qr.strip() and qr in out  # the QR of exactly that URL
    assert qr != lan_qr.terminal_qr("http://192.168.8.23:8000/join/")


def test_hosts_only_for_allowed_hosts(monkeypatch):
    monkeypatch.setattr(lan_qr, "interfaces", lambda: FAKE)
    assert run("--hosts-only").strip() == "192.168.8.23,100.64.3.2"
    assert run("--host", "10.0.0.5", "--hosts-only").strip() == "10.0.0.5"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_host_says_how_to_serve_the_wifi(monkeypatch, host):
    monkeypatch.setattr(lan_qr, "interfaces", lambda: FAKE)
    out = run("--host", host)
    assert "make run HOST=0.0.0.0" in out and "192.168" not in out
    assert run("--host", host, "--hosts-only") == ""


def test_no_network_found(monkeypatch):
    monkeypatch.setattr(lan_qr, "interfaces", lambda: [("lo", "127.0.0.1")])
    assert "No local network address found" in run()


def test_real_interfaces_do_not_crash():
    found = lan_qr.interfaces()
    assert all(isinstance(name, str) and isinstance(addr, str) for name, addr in found)
