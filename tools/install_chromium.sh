#!/bin/sh
# Chromium for the browser test (tests/end_to_end/test_browser.py): Debian's package, /usr/bin/chromium.
# Playwright drives it; it never downloads a browser of its own.
#
#   tools/install_chromium.sh        install it if it is missing (as root: apt-get)
#
# Exit status: 0 when Chromium is there (or was installed), 1 when it could not be installed.
# Without Chromium the browser test skips with the reason, or fails under CI=true.
set -eu
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "install_chromium: $CHROMIUM is missing and this is not root, so it cannot be installed here." >&2
    echo "install_chromium: run 'sudo apt-get install chromium' (Debian/Ubuntu), or set CHROMIUM=/path/to/chromium;" >&2
    echo "install_chromium: until then the browser test skips (and fails under CI=true)." >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_chromium: $CHROMIUM is missing and there is no apt-get: install Chromium with this system's" >&2
    echo "install_chromium: package manager, or set CHROMIUM=/path/to/chromium." >&2
    exit 1
fi
echo "install_chromium: installing Debian's chromium (apt-get; about 300 MB, a minute or two)..."
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; then
    echo "install_chromium: apt-get could not install chromium (see above)." >&2
    exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
    echo "install_chromium: apt-get installed chromium, but $CHROMIUM is not there." >&2
    exit 1
fi
"$CHROMIUM" --version
