"""The container image, built and run for real: a local Debian base from `mmdebstrap`, `scripts/image`
(the wheelhouse, then `buildah build --isolation chroot`), and the image's own entrypoint under
`buildah run --isolation chroot`, which shares this machine's network and so reaches the suite's Redis.
The running receiver must write nothing into the image's filesystem, so a read-only root is enough for it.

The base is cached outside the repo (`$XDG_CACHE_HOME/versus/image-test`, and as an image in buildah's
storage), so only the first run pays for `mmdebstrap` (about a minute); later runs rebuild only what changed.
Run with `-s` to see the image size and the build and start-up times.
"""

import hashlib
import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from tests.support.binaries import require_binary
from tests.support.redis_server import free_port

REPO = Path(__file__).resolve().parents[3]
# python3-venv gives the base the `venv` module with ensurepip, as the official slim image has it built in.
MMDEBSTRAP_ARGS = [
    "--variant=essential",
    "--include=python3,python3-venv",
    '--aptopt=Acquire::Languages "none"',
    *(f"--dpkgopt=path-exclude=/usr/share/{d}/*" for d in ("doc", "man", "locale", "info")),
    "bookworm",
]
IMAGE = "localhost/versus-image-test:latest"


def cache_dir() -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "versus" / "image-test"


def buildah(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["buildah", *args], check=check, capture_output=True, text=True)


@pytest.fixture(scope="module")
def base_image() -> str:
    """A minimal Debian 12 image with python3 and python3-venv, made with mmdebstrap and imported into buildah."""
    require_binary("buildah")
    require_binary("mmdebstrap")
    digest = hashlib.sha256(json.dumps(MMDEBSTRAP_ARGS).encode()).hexdigest()[:12]
    tag = f"localhost/versus-test-base:{digest}"
    if buildah("inspect", "--type", "image", tag, check=False).returncode == 0:
        return tag
    tarball = cache_dir() / f"debian-{digest}.tar"
    if not tarball.exists():
        tarball.parent.mkdir(parents=True, exist_ok=True)
        partial = tarball.with_suffix(f".partial-{uuid.uuid4().hex}.tar")
        started = time.monotonic()
        subprocess.run(["mmdebstrap", "--quiet", *MMDEBSTRAP_ARGS, str(partial)], check=True)
        partial.rename(tarball)
        print(f"\nmmdebstrap base: {time.monotonic() - started:.1f} s, {tarball.stat().st_size / 1e6:.0f} MB")
    container = buildah("from", "scratch").stdout.strip()
    try:
        buildah("add", container, str(tarball), "/")
        buildah("commit", "--quiet", container, tag)
    finally:
        buildah("rm", container, check=False)
    return tag


@pytest.fixture(scope="module")
def image(base_image: str) -> dict[str, Any]:
    """Build the image the one way users do (scripts/image) on the local base; return its `buildah inspect`."""
    replaced = buildah("inspect", "--type", "image", "--format", "{{.FromImageID}}", IMAGE, check=False).stdout.strip()
    started = time.monotonic()
    build = subprocess.run(
        [str(REPO / "scripts" / "image"), "--isolation", "chroot", "--build-arg", f"BASE_IMAGE={base_image}"],
        cwd=REPO,
        env={**os.environ, "IMAGE": IMAGE},
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    inspected: dict[str, Any] = json.loads(buildah("inspect", "--type", "image", IMAGE).stdout)
    if replaced and replaced != inspected["FromImageID"]:
        buildah("rmi", replaced, check=False)  # the previous build's image, now untagged
    size = buildah("images", "--format", "{{.Size}}", IMAGE).stdout.strip()
    print(f"\nscripts/image: {time.monotonic() - started:.1f} s; image size {size}")
    return inspected


@pytest.fixture
def container(image: dict[str, Any]) -> Iterator[str]:
    name = f"versus-test-{uuid.uuid4().hex[:8]}"
    buildah("from", "--name", name, IMAGE)
    yield name
    buildah("rm", name, check=False)


def test_image_config_runs_versus_serve_as_a_fixed_non_root_user(image):
    config = image["Docker"]["config"]
    assert config["User"] == "10001:10001"
    assert config["Entrypoint"] == ["versus", "serve", "--host", "0.0.0.0"]
    assert config["Cmd"] == ["--config", "/etc/versus/config.yaml"]
    assert config["Healthcheck"]["Test"][:3] == ["CMD", "python3", "-c"]
    labels = config["Labels"]
    for key in ("title", "version", "revision", "base.name"):
        assert labels[f"org.opencontainers.image.{key}"], key


def test_no_compiler_or_pip_in_the_final_image(container):
    probe = "import shutil; print([n for n in ('gcc', 'cc', 'make', 'pip', 'pip3') if shutil.which(n)])"
    result = buildah("run", "--isolation", "chroot", container, "--", "python3", "-c", probe)
    assert result.stdout.strip() == "[]"


def test_entrypoint_serves_records_in_outside_redis_writes_nothing_and_exits_0_on_sigterm(
    image, container, redis_url, key_prefix, tmp_path
):
    config = tmp_path / "config.yaml"
    config.write_text(json.dumps({"redis": {"url": redis_url, "key_prefix": key_prefix}}), encoding="utf-8")
    config.chmod(0o644)
    port = free_port()
    health_url = f"http://127.0.0.1:{port}/healthz"
    docker = image["Docker"]["config"]
    command = [*docker["Entrypoint"], *docker["Cmd"], "--port", str(port)]
    run_args = ["--isolation", "chroot", "--volume", f"{config}:/etc/versus/config.yaml:ro"]
    log = tmp_path / "serve.log"
    stamp = tmp_path / "stamp"
    stamp.touch()
    time.sleep(1.0)  # file times have one-second resolution on some filesystems
    started = time.monotonic()
    with log.open("wb") as out:
        process = subprocess.Popen(["buildah", "run", *run_args, container, "--", *command], stdout=out, stderr=out)
    try:
        wait_healthy(health_url, process, log)
        print(f"\nstart-up (buildah run to /healthz 200): {time.monotonic() - started:.2f} s")

        healthcheck = docker["Healthcheck"]["Test"][1:]
        env = ["--env", f"VERSUS_HEALTH_URL={health_url}"]
        assert buildah("run", *env, "--isolation", "chroot", container, "--", *healthcheck, check=False).returncode == 0
        wrong = ["--env", f"VERSUS_HEALTH_URL=http://127.0.0.1:{free_port()}/healthz"]
        assert buildah("run", *wrong, "--isolation", "chroot", container, "--", *healthcheck, check=False).returncode

        reply = httpx.post(f"http://127.0.0.1:{port}/api/incidents", json={"ServiceName": "image", "Severity": "info"})
        assert reply.status_code == 202, reply.text
        stored = redis.Redis.from_url(redis_url).hget(f"{key_prefix}incident:{reply.json()['id']}", "summary")
        assert stored is not None and json.loads(stored)["service"] == "image"

        server = serving_process(port)
        assert process_uid(server) == 10001
        os.kill(server, signal.SIGTERM)
        assert process.wait(timeout=30) == 0, log.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Traceback" not in log.read_text()
    assert written_since(container, stamp) <= BUILDAH_RUN_WRITES, "the process wrote to the image's filesystem"


# What `buildah run` itself creates in the container: the mount point of the config and its /run.
BUILDAH_RUN_WRITES = {"/etc", "/etc/versus", "/etc/versus/config.yaml", "/run"}


def written_since(container: str, stamp: Path) -> set[str]:
    """Paths in the container's filesystem changed after `stamp`: a read-only root must see none from versus."""
    root = Path(buildah("mount", container).stdout.strip())
    try:
        found = subprocess.run(
            ["find", str(root), "-xdev", "-newer", str(stamp)], capture_output=True, text=True, check=True
        ).stdout.split()
    finally:
        buildah("umount", container, check=False)
    return {"/" + str(Path(path).relative_to(root)) for path in found if Path(path) != root}


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the container exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=0.5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url}:\n{log.read_text()}")


def serving_process(port: int) -> int:
    """The container's Python process serving `port` (chroot isolation keeps this machine's pid namespace)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"python3") and b"serve" in argv and str(port).encode() in argv:
            return int(entry.name)
    raise AssertionError(f"no process serving port {port}")


def process_uid(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])
    raise AssertionError(f"no Uid line for {pid}")
