#!/bin/sh
# A stand-in for Redis on one connection: inline commands PING, SET key value, GET key, DEL key, QUIT,
# answered in RESP (+PONG, +OK, $n bulk strings). Keys are files in /data, so they are restricted to
# [A-Za-z0-9_:.-].
CR=$(printf '\r')
while read -r cmd key value; do
  cmd=${cmd%"$CR"}; key=${key%"$CR"}; value=${value%"$CR"}
  case "$key" in *[!A-Za-z0-9_:.-]*) printf -- '-ERR bad key\r\n'; continue ;; esac
  case "$(echo "$cmd" | tr a-z A-Z)" in
    PING) printf '+PONG\r\n' ;;
    SET)  printf '%s' "$value" > "/data/$key" && printf '+OK\r\n' ;;
    GET)  if [ -n "$key" ] && [ -f "/data/$key" ]; then v=$(cat "/data/$key"); printf '$%s\r\n%s\r\n' "${#v}" "$v"
          else printf '$-1\r\n'; fi ;;
    DEL)  if [ -n "$key" ] && rm "/data/$key" 2>/dev/null; then printf ':1\r\n'; else printf ':0\r\n'; fi ;;
    QUIT) printf '+OK\r\n'; exit 0 ;;
    "")   ;;
    *)    printf -- '-ERR unknown command\r\n' ;;
  esac
done
