#!/bin/sh
# The demo API, one HTTP request per connection on stdin/stdout (nc -ll -e runs it for each).
#   GET  /health           200 {"status":"healthy"} or 503 when broken or switched unhealthy
#   GET  /health/detailed  the database (PostgreSQL protocol handshake) and cache (PING) state
#   GET  /version          the version, plain text;  GET /api/v1/items  a tiny JSON answer
#   POST /admin/unhealthy, POST /admin/healthy  the switch that makes this version fail (drills)
#   POST /admin/slow?seconds=N, POST /admin/fast  the switch that makes /api/v1/items take N seconds
#   GET  /metrics          Prometheus text format: http_requests_total{method,handler,code} and the
#                          http_request_duration_seconds{handler} histogram of every request but /metrics,
#                          labelled with this container's version and hostname (a scrape through the
#                          proxy may reach another container: its series never mix with this one's)
CR=$(printf '\r')
started=$(cut -d ' ' -f 1 /proc/uptime)
read -r method target _
path=${target%%\?*}
while read -r line; do
  if [ "$line" = "$CR" ] || [ -z "$line" ]; then break; fi
done

respond() { # status body [content-type]
  code=${1%% *}
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

# The counters live in /tmp/metrics, one "series value" a line, updated under a mkdir lock (requests
# run concurrently, one process each). Durations come from /proc/uptime: 10 ms resolution.
BUCKETS="0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10"
record() { # method handler code seconds
  labels="version=\"$(cat /version)\",container=\"$(hostname)\""
  n=0
  until mkdir /tmp/metrics.lock 2>/dev/null; do
    # A holder that died (killed with its container) must not block every request after it.
    owner=$(cat /tmp/metrics.lock/pid 2>/dev/null)
    if [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null; then rm -rf /tmp/metrics.lock; continue; fi
    n=$((n + 1)); [ $n -gt 200 ] && return; usleep 10000
  done
  echo $$ > /tmp/metrics.lock/pid
  awk -v m="$1" -v h="$2" -v c="$3" -v d="$4" -v l="$labels" -v buckets="$BUCKETS" '
    { v[$1] = $2; order[++n] = $1 }
    function add(k, x) { if (!(k in v)) { order[++n] = k; v[k] = 0 } v[k] += x }
    END {
      add("http_requests_total{method=\"" m "\",handler=\"" h "\",code=\"" c "\"," l "}", 1)
      split(buckets, b, " ")
      for (i = 1; i in b; i++) add("http_request_duration_seconds_bucket{handler=\"" h "\",le=\"" b[i] "\"," l "}", d <= b[i] + 0 ? 1 : 0)
      add("http_request_duration_seconds_bucket{handler=\"" h "\",le=\"+Inf\"," l "}", 1)
      add("http_request_duration_seconds_sum{handler=\"" h "\"," l "}", d)
      add("http_request_duration_seconds_count{handler=\"" h "\"," l "}", 1)
      for (i = 1; i <= n; i++) print order[i], v[order[i]]
    }' /tmp/metrics > /tmp/metrics.new 2>/dev/null && mv /tmp/metrics.new /tmp/metrics
  rm -rf /tmp/metrics.lock
}
metrics() {
  echo "# HELP http_requests_total Requests answered, by method, handler and status code."
  echo "# TYPE http_requests_total counter"
  grep '^http_requests_total' /tmp/metrics
  echo "# HELP http_request_duration_seconds Time from reading a request to answering it."
  echo "# TYPE http_request_duration_seconds histogram"
  grep '^http_request_duration_seconds' /tmp/metrics
}
[ -e /tmp/metrics ] || : > /tmp/metrics

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
    [ -s /tmp/slow ] && sleep "$(cat /tmp/slow)"
    if unhealthy; then respond "500 Internal Server Error" '{"error":"internal"}'
    else respond "200 OK" "{\"items\":[],\"served_by\":\"$(cat /version)\"}"; fi ;;
  "POST /admin/unhealthy")
    touch /tmp/unhealthy; respond "200 OK" '{"switched":"unhealthy"}' ;;
  "POST /admin/healthy")
    rm -f /tmp/unhealthy; respond "200 OK" '{"switched":"healthy"}' ;;
  "POST /admin/slow")
    seconds=$(echo "$target" | sed -n 's/.*[?&]seconds=\([0-9.]*\).*/\1/p')
    echo "${seconds:-3}" > /tmp/slow; respond "200 OK" "{\"switched\":\"slow\",\"seconds\":${seconds:-3}}" ;;
  "POST /admin/fast")
    rm -f /tmp/slow; respond "200 OK" '{"switched":"fast"}' ;;
  "GET /metrics")
    respond "200 OK" "$(metrics)
" "text/plain; version=0.0.4" ;;
  *)
    respond "404 Not Found" '{"error":"not found"}' ;;
esac

# The answer is complete: hang up first (the proxy's relay waits for the connection to close), then count it.
# Unknown paths are counted under one handler, so a scan cannot make a series per path.
exec </dev/null >/dev/null 2>&1
case "$path" in
  /metrics) ;;
  /health|/health/detailed|/version|/api/v1/items|/admin/*) record "$method" "$path" "$code" "$(awk -v s="$started" '{ printf "%.2f", $1 - s }' /proc/uptime)" ;;
  *) record "$method" other "$code" "$(awk -v s="$started" '{ printf "%.2f", $1 - s }' /proc/uptime)" ;;
esac
