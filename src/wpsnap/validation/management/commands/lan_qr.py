"""wpsnap lan_qr [--host 0.0.0.0] [--port 8000] [--hosts-only]

Prints the addresses at which phones on the venue's Wi-Fi reach this laptop, and the QR code
(in the terminal) of http://<LAN address>:<port>/join/. `make run HOST=0.0.0.0` calls it, so the
facilitator sees what to show participants; nothing needs the internet. With --hosts-only it
prints just the addresses, comma-separated (for WPSNAP_ALLOWED_HOSTS).
"""

import io
import ipaddress
import re
import shutil
import socket
import subprocess

from django.core.management.base import BaseCommand

# Virtual interfaces a phone cannot reach (containers, VMs, VPN bridges).
VIRTUAL = re.compile(r"^(docker|veth|br-|virbr|vmnet|vboxnet|cni|flannel|podman|lxc|lxd)")
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def interfaces() -> list[tuple[str, str]]:
    """[(interface name, IPv4 address)] of this computer, best effort and offline: the `ip`
    command on Linux, else the address the system would route from, else the host name's."""
    found: list[tuple[str, str]] = []
    ip = shutil.which("ip")
    if ip:
        try:
            out = subprocess.run([ip, "-o", "-4", "addr", "show"], capture_output=True,  # noqa: S603
                                 text=True, timeout=5, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        for line in out.splitlines():
            match = re.match(r"\d+:\s+(\S+)\s+inet\s+([\d.]+)/", line)
            if match:
                found.append((match.group(1), match.group(2)))
    if found:
        return found
    try:  # no packet is sent: connect() on UDP only picks the outgoing address
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            found.append(("default", s.getsockname()[0]))
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(("hostname", info[4][0]))
    except OSError:
        pass
    return found


def lan_addresses(found=None) -> list[str]:
    """The IPv4 addresses phones on the local network can reach: no loopback, no link-local,
    no container or VM bridges; private (venue Wi-Fi) addresses first; each once."""
    found = interfaces() if found is None else found
    out: list[str] = []
    for name, address in found:
        try:
            ip = ipaddress.IPv4Address(address)
        except ValueError:
            continue
        if ip.is_loopback or ip.is_link_local or ip.is_unspecified or VIRTUAL.match(name):
            continue
        if address not in out:
            out.append(address)
    return sorted(out, key=lambda a: not ipaddress.IPv4Address(a).is_private)


def join_url(address: str, port: int | str, path: str = "/join/") -> str:
    port = str(port)
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}{'' if port == '80' else ':' + port}{path}"


def terminal_qr(text: str) -> str:
    import segno

    out = io.StringIO()
    segno.make(text, error="m", micro=False).terminal(out=out, compact=True, border=2)
    return out.getvalue()


class Command(BaseCommand):
    help = ("Print the laptop's local network addresses and the QR code of the participants' "
            "join page, for a workshop on the venue's Wi-Fi.")

    def add_arguments(self, parser):
        parser.add_argument("--host", default="0.0.0.0",  # noqa: S104 - what `make run` binds
                            help="The address the server binds (0.0.0.0: every interface).")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--path", default="/join/")
        parser.add_argument("--hosts-only", action="store_true",
                            help="Print only the addresses, comma-separated.")

    def handle(self, *args, host, port, path, hosts_only, **options):
        host = host.strip()
        if host in LOOPBACK_HOSTS or host.startswith("127."):
            if not hosts_only:
                self.stdout.write(
                    "wpsnap serves this computer only. To serve the venue's Wi-Fi, run "
                    "`make run HOST=0.0.0.0` (phones then join at the address printed).")
            return
        addresses = lan_addresses() if host in ("", "0.0.0.0", "::") else [host]  # noqa: S104
        if hosts_only:
            self.stdout.write(",".join(addresses))
            return
        if not addresses:
            self.stdout.write(
                "No local network address found: connect this laptop to the venue's Wi-Fi "
                "(or start a hotspot on it) and run `make run HOST=0.0.0.0` again.")
            return
        urls = [join_url(a, port, path) for a in addresses]
        self.stdout.write("Participants join on the venue's Wi-Fi at:")
        for u in urls:
            self.stdout.write(f"  {u}")
        self.stdout.write(f"QR code of {urls[0]} (no internet needed):")
        self.stdout.write(terminal_qr(urls[0]), ending="")
