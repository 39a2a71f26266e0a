#!/bin/sh
# Debian's packages that grading and the tests need, installed with apt-get when missing:
#   chromium    the browser the browser tests drive (tests/end_to_end/test_browser.py), /usr/bin/chromium;
#               Playwright never downloads a browser of its own
#   bubblewrap  the sandbox every submission runs in when it is graded (nncourse/sandbox.py), bwrap
#   acl         setfacl, for the exchange test with real student accounts (tests/nncourse/test_exchange.py)
#   fonts-noto-cjk  a font with Hangul, so that Chromium draws the notebooks' Korean terms (순전파), not
#               empty boxes (tests/end_to_end/test_class_report.py)
#
#   tools/install_system_packages.sh        install what is missing (as root: apt-get)
#
# Exit status: 0 when everything is there (or was installed), 1 when something could not be
# installed; the tests that need it then skip with the reason, or fail under CI=true.
set -eu
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

missing=""
[ -x "$CHROMIUM" ] || missing="$missing chromium"
command -v bwrap >/dev/null 2>&1 || missing="$missing bubblewrap"
command -v setfacl >/dev/null 2>&1 || missing="$missing acl"
[ -n "$(fc-list :lang=ko 2>/dev/null)" ] || missing="$missing fonts-noto-cjk"
[ -n "$missing" ] || exit 0

say() { echo "install_system_packages: $*" >&2; }
if [ "$(id -u)" != 0 ]; then
    say "missing:$missing, and this is not root, so they cannot be installed here."
    say "run 'sudo apt-get install$missing' (Debian/Ubuntu); until then the tests that need them skip (and fail under CI=true)."
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    say "missing:$missing, and there is no apt-get: install them with this system's package manager."
    exit 1
fi
say "installing Debian's$missing (apt-get; Chromium and the CJK font are a few hundred MB, a minute or two)..."
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -q >/dev/null && apt-get install -y -q $missing >/dev/null; }; then
    say "apt-get could not install$missing (see above)."
    exit 1
fi
[ -x "$CHROMIUM" ] || { say "apt-get installed chromium, but $CHROMIUM is not there."; exit 1; }
"$CHROMIUM" --version
bwrap --version
[ -n "$(fc-list :lang=ko 2>/dev/null)" ] || { say "apt-get installed fonts-noto-cjk, but fontconfig lists no Korean font."; exit 1; }
