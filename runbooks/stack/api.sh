#!/bin/sh
# The demo API, one HTTP request per connection on stdin/stdout (nc -ll -e runs it for each).
#   GET  /health           200 {"status":"healthy"} or 503 when broken or switched unhealthy
#   GET  /health/detailed  the database (PostgreSQL protocol handshake) and cache (PING) state
#   GET  /version          the version, plain text;  GET /api/v1/items  a tiny JSON answer
#   POST /admin/unhealthy, POST /admin/healthy  the switch that makes this version fail (drills)
CR=$(printf '\r')
read -r method target _
path=${target%%\?*}
while read -r line; do
  if [ "$line" = "$CR" ] || [ -z "$line" ]; then break; fi
done

respond() { # status body [content-type]
  printf 'HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
    "$1" "${3:-application/json}" "${#2}" "$2"
}
unhealthy() { [ -e /broken ] || [ -e /tmp/unhealthy ]; }

database() { # an SSLRequest: any PostgreSQL server answers with one byte, N or S
  host=${DB_HOST:-host-gateway}
  [ "$host" = host-gateway ] && host=$(ip route | awk '/^default/ {print $3}')
  reply=$(printf '\000\000\000\010\004\322\026\057' | timeout 3 nc "$host" "${DB_PORT:-5432}" 2>/dev/null | head -c 1)
  case "$reply" in N|S) echo healthy ;; *) echo "unhealthy: no PostgreSQL at $host:${DB_PORT:-5432}" ;; esac
}
cache() {
  reply=$(printf 'PING\r\nQUIT\r\n' | timeout 3 nc "${CACHE_HOST:-cache}" "${CACHE_PORT:-6379}" 2>/dev/null)
  case "$reply" in *+PONG*) echo healthy ;; *) echo "unhealthy: no PONG from ${CACHE_HOST:-cache}:${CACHE_PORT:-6379}" ;; esac
}

case "$method $path" in
  "GET /health")
    if unhealthy; then respond "503 Service Unavailable" '{"status":"unhealthy"}'
    else respond "200 OK" '{"status":"healthy"}'; fi ;;
  "GET /health/detailed")
    db=$(database); ca=$(cache); status=healthy
    if unhealthy || [ "$db" != healthy ] || [ "$ca" != healthy ]; then status=unhealthy; fi
    body="{\"status\":\"$status\",\"version\":\"$(cat /version)\",\"schema\":\"$(cat /schema)\",\"environment\":\"${ENVIRONMENT:-}\",\"checks\":{\"database\":\"$db\",\"cache\":\"$ca\"}}"
    if [ $status = healthy ]; then respond "200 OK" "$body"; else respond "503 Service Unavailable" "$body"; fi ;;
  "GET /version")
    respond "200 OK" "$(cat /version)
" text/plain ;;
  "GET /api/v1/items")
    if unhealthy; then respond "500 Internal Server Error" '{"error":"internal"}'
    else respond "200 OK" "{\"items\":[],\"served_by\":\"$(cat /version)\"}"; fi ;;
  "POST /admin/unhealthy")
    touch /tmp/unhealthy; respond "200 OK" '{"switched":"unhealthy"}' ;;
  "POST /admin/healthy")
    rm -f /tmp/unhealthy; respond "200 OK" '{"switched":"healthy"}' ;;
  *)
    respond "404 Not Found" '{"error":"not found"}' ;;
esac
