"""Settings of the workshop benchmark's server: production settings (wpsnap.settings), with the
public front's rate limits raised, because every simulated phone comes from 127.0.0.1 (a real
venue puts ~100 phones behind one address; the benchmark puts thousands)."""

from wpsnap.settings import *  # noqa: F403

WPSNAP_RATELIMITS = {"join": "1000000/m", "join_fail": "1000000/m",
                     "write_device": "1000000/m", "write_ip": "1000000/m"}
