"""Real multi-process Redis deployments for the tests: a Redis Cluster and a Sentinel-watched primary.

Cluster: three primaries with one replica each (`redis-server --cluster-enabled yes`, joined by
`redis-cli --cluster create --cluster-replicas 1`), all on loopback, with a short node timeout so a
killed primary's replica takes over within a few seconds. Sentinel: a primary, a replica and one
sentinel (quorum 1), also with a one-second down-after time.
"""

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import redis
from redis.exceptions import RedisClusterException

from tests.support.binaries import require_binary
from tests.support.redis_server import RedisServer, free_port

NODE_TIMEOUT_MS = 1000


def wait_until(what: str, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if predicate():
                return
        except (redis.RedisError, RedisClusterException):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what}: not reached within {timeout:g} s")
        time.sleep(0.05)


class ClusterSetup:
    def __init__(self, base_dir: Path, *, primaries: int = 3, extra_args: tuple[str, ...] = ()) -> None:
        self.cli = require_binary("redis-cli")
        self.nodes = [
            RedisServer(base_dir / f"node{index}", appendonly=False, extra_args=self._cluster_args() + extra_args)
            for index in range(primaries * 2)
        ]

    @staticmethod
    def _cluster_args() -> tuple[str, ...]:
        return (
            "--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", str(NODE_TIMEOUT_MS),
            "--cluster-port", str(free_port()),
        )  # fmt: skip

    @property
    def url(self) -> str:
        """Any live node will do: the client discovers the rest."""
        return f"redis://127.0.0.1:{self.live()[0].port}"

    def live(self) -> list[RedisServer]:
        return [node for node in self.nodes if node.process is not None]

    def start(self) -> "ClusterSetup":
        for node in self.nodes:
            node.data_dir.mkdir(parents=True, exist_ok=True)
            node.start()
        addresses = [f"127.0.0.1:{node.port}" for node in self.nodes]
        subprocess.run(
            [self.cli, "--cluster", "create", *addresses, "--cluster-replicas", "1", "--cluster-yes"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        wait_until("cluster state ok with every replica in sync", self.healthy)
        return self

    def healthy(self) -> bool:
        for node in self.live():
            client = redis.Redis(port=node.port, decode_responses=True)
            try:
                if client.cluster("info")["cluster_state"] != "ok":
                    return False
                info = client.info("replication")
                if info["role"] == "slave" and info["master_link_status"] != "up":
                    return False
            finally:
                client.close()
        return True

    def primary_for(self, key: str) -> RedisServer:
        client = redis.RedisCluster.from_url(self.url)
        try:
            port = client.get_node_from_key(key).port
        finally:
            client.close()
        return next(node for node in self.nodes if node.port == int(port))

    def replica_of(self, primary: RedisServer) -> RedisServer:
        client = redis.Redis(port=primary.port, decode_responses=True)
        try:
            replica = client.info("replication")["slave0"]["port"]
        finally:
            client.close()
        return next(node for node in self.nodes if node.port == int(replica))

    def client(self) -> "redis.RedisCluster":
        return redis.RedisCluster.from_url(self.url, decode_responses=True)

    def stop(self) -> None:
        for node in self.live():
            node.stop()


class SentinelSetup:
    MASTER = "versus-primary"

    def __init__(self, base_dir: Path) -> None:
        self.primary = RedisServer(base_dir / "primary", appendonly=False)
        self.replica = RedisServer(
            base_dir / "replica", appendonly=False, extra_args=("--replicaof", "127.0.0.1", str(self.primary.port))
        )
        config = base_dir / "sentinel" / "sentinel.conf"
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(
            f"sentinel monitor {self.MASTER} 127.0.0.1 {self.primary.port} 1\n"
            f"sentinel down-after-milliseconds {self.MASTER} {NODE_TIMEOUT_MS}\n"
            f"sentinel failover-timeout {self.MASTER} 5000\n",
            encoding="utf-8",
        )
        self.sentinel = RedisServer(config.parent, appendonly=False, config_file=config, extra_args=("--sentinel",))

    @property
    def nodes(self) -> list[str]:
        return [f"127.0.0.1:{self.sentinel.port}"]

    def start(self) -> "SentinelSetup":
        for server in (self.primary, self.replica, self.sentinel):
            server.data_dir.mkdir(parents=True, exist_ok=True)
            server.start()
        wait_until("replica in sync", self._replica_up)
        return self

    def _replica_up(self) -> bool:
        client = redis.Redis(port=self.replica.port, decode_responses=True)
        try:
            return bool(client.info("replication")["master_link_status"] == "up")
        finally:
            client.close()

    def stop(self) -> None:
        for server in (self.sentinel, self.replica, self.primary):
            server.stop()
