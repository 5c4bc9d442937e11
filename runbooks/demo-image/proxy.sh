#!/bin/sh
# The traffic switch: a TCP relay on :8000. For every connection, busybox nc forks /relay.sh, which
# connects to the upstream named in /tmp/upstream ("host port") at that moment. Switching traffic
# is one atomic rename of that file; connections already open finish where they started.
echo "$UPSTREAM" > /tmp/upstream
echo "proxy on :8000 relaying to $UPSTREAM"
exec nc -ll -p 8000 -e /relay.sh
