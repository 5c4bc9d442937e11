#!/bin/sh
# The front proxy (as runbooks/demo-image/proxy.sh): a TCP relay on LISTEN_PORT. For every connection
# busybox nc forks /relay.sh, which connects to the upstream named in /tmp/upstream ("host port") at
# that moment, resolving the host then: a Compose service name (`api`) resolves on the project
# network to one of the service's running containers, so a rolling update needs no switch. Switching
# blue-green is one atomic rename of that file; open connections finish where they started. The
# database relay is the same program on the host network (service db in docker-compose.yml).
echo "$UPSTREAM" > /tmp/upstream
echo "proxy on :${LISTEN_PORT:-8000} relaying to $UPSTREAM"
exec nc -ll -p "${LISTEN_PORT:-8000}" -e /relay.sh
