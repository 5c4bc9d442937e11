#!/bin/sh
# One connection of the proxy (proxy.sh), relayed to the upstream named in /tmp/upstream at this
# moment and resolved now. The database relay is plain TCP. The front proxy (RELAY=http) reads the
# request first and, when the upstream gives no answer at all (connection refused, or cut because a
# rollout took that container off the network), tries again, reading /tmp/upstream and resolving
# the name again, as nginx's proxy_next_upstream does: a request is sent again only if nothing
# came back, and the API's requests are idempotent. Each attempt gets UPSTREAM_TIMEOUT seconds.
[ "$RELAY" = http ] || exec nc $(cat /tmp/upstream)
q=/tmp/relay.$$
CR=$(printf '\r')
len=0
: > "$q"
while IFS= read -r h; do
  printf '%s\n' "$h" >> "$q"
  case "$h" in
    [Cc]ontent-[Ll]ength:*) len=${h#*:}; len=$(( ${len%"$CR"} + 0 )) ;;
    "$CR"|"") break ;;
  esac
done
[ "$len" -gt 0 ] && head -c "$len" >> "$q"
i=0
while [ $i -lt 20 ]; do
  timeout "${UPSTREAM_TIMEOUT:-4}" nc $(cat /tmp/upstream) < "$q" > "$q.r" 2>/dev/null
  if [ -s "$q.r" ]; then cat "$q.r"; rm -f "$q" "$q.r"; exit 0; fi
  i=$((i + 1))
  sleep 0.1
done
rm -f "$q" "$q.r"
exit 1
