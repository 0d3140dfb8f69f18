# The Versus receiver image. Build it with scripts/image, which first makes the wheelhouse this file installs
# from (build/image/wheelhouse: the package's wheel and every dependency), so the build needs no network.
#
# BASE_IMAGE is any Debian-based image with Python 3.11 and its venv module: the official slim image by
# default, or a local Debian base (python3 + python3-venv). Both stages use it, so the virtual environment
# built in the first stage runs on the same interpreter in the second.
ARG BASE_IMAGE=python:3.11-slim-bookworm

FROM ${BASE_IMAGE} AS install
COPY build/image/wheelhouse/ /wheels/
RUN python3 -m venv /opt/versus \
 && /opt/versus/bin/pip install --no-cache-dir --no-index --find-links /wheels --disable-pip-version-check versus-oncall \
 && /opt/versus/bin/pip uninstall --quiet --yes --disable-pip-version-check pip setuptools

FROM ${BASE_IMAGE}
ARG BASE_IMAGE
ARG VERSION=0.0.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="versus" \
      org.opencontainers.image.description="Alertmanager-compatible on-call receiver (versus serve)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="${BASE_IMAGE}"
# A fixed non-root uid/gid, so volume permissions and Kubernetes/ECS `runAsUser` checks are predictable.
# Written directly, as the base may lack the shadow tools (a minimal Debian base has no useradd).
RUN echo 'versus:x:10001:10001:versus:/nonexistent:/usr/sbin/nologin' >> /etc/passwd \
 && echo 'versus:x:10001:' >> /etc/group
COPY --from=install /opt/versus /opt/versus
# All state is in Redis; the root filesystem may be read-only. The only writable place the process uses is
# /tmp (the metrics directory shared by workers when `workers` > 1): mount a tmpfs there.
# Config: mount a file at /etc/versus/config.yaml (it may reference secrets as ${VAR}, passed as environment).
ENV PATH=/opt/versus/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VERSUS_HEALTH_URL=http://127.0.0.1:3000/healthz
WORKDIR /tmp
USER 10001:10001
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen(os.environ['VERSUS_HEALTH_URL'], timeout=4)"]
ENTRYPOINT ["versus", "serve", "--host", "0.0.0.0"]
CMD ["--config", "/etc/versus/config.yaml"]
