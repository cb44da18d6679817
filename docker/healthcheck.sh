#!/bin/bash
# cogalign-health PORT [PATH]: exits 0 when http://127.0.0.1:PORT/PATH answers 200 within 5 s.
# The JRE image has no curl; bash's /dev/tcp is enough for the services' actuator probes.
# Default PATH: /actuator/health/readiness.
set -u
port="${1:?usage: cogalign-health PORT [PATH]}"
path="${2:-/actuator/health/readiness}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "${path}" >&3
IFS= read -r -t 5 status <&3 || exit 1
case "${status}" in
  "HTTP/1."?" 200 "*) exit 0 ;;
  *) echo "${path}: ${status}" >&2; exit 1 ;;
esac
