#!/bin/sh
# The HEALTHCHECK of every role: the API's /health, the cache's PING, the proxy's upstream file.
case "${ROLE:-api}" in
  api)   exec wget -q -O /dev/null http://127.0.0.1:8000/health ;;
  cache) printf 'PING\r\nQUIT\r\n' | nc 127.0.0.1 6379 | grep -q PONG ;;
  proxy) [ -s /tmp/upstream ] ;;
esac
