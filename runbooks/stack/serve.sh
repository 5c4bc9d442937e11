#!/bin/sh
# Starts the container's role (see the Dockerfile).
case "${ROLE:-api}" in
  api)   echo "demo API $(cat /version) (schema $(cat /schema)) listening on :8000"
         exec nc -ll -p 8000 -e /api.sh ;;
  cache) echo "cache listening on :6379"
         exec nc -ll -p 6379 -e /cache.sh ;;
  proxy) exec /proxy.sh ;;
  *)     echo "unknown ROLE '$ROLE'" >&2; exit 2 ;;
esac
