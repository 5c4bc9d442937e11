#!/bin/sh
# The demo API: /version names the build, /health answers {"status":"ok"} (absent in a broken build).
echo "demo API $(cat /www/version) listening on :8000"
exec httpd -f -v -p 8000 -h /www
