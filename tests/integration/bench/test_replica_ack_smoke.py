"""The replica-ack latency benchmark runs end to end (figures are not checked: speed is no test verdict)."""

from pathlib import Path

from tests.integration.bench.test_bench_smoke import number, smoke
from tests.support.binaries import require_binary


def test_replica_ack_bench_smoke(tmp_path: Path) -> None:
    require_binary("redis-server")
    figures = smoke("replica_ack", tmp_path)
    for setting in ("ack0", "ack1"):
        assert number(figures[setting]["p50_ms"]) <= number(figures[setting]["p99_ms"])
    number(figures["ratio_p50"])
