#!/usr/bin/env bash
# Prepare this machine for the course's JupyterHub (deploy/jupyterhub_config.py). Run as root;
# safe to run again (to add students, or after `git pull`).
#
#   deploy/setup.sh --instructor NAME [--students "NAME NAME ..."] [--no-lock] [--grant-traverse]
#   deploy/setup.sh --revoke-traverse        undo --grant-traverse
#
# It
#   * installs what the hub needs, if missing: the course's .venv with its `hub` extra
#     (JupyterHub, pinned by requirements.lock) and the proxy, configurable-http-proxy, from
#     deploy/package-lock.json (`npm ci`) into deploy/node_modules;
#   * creates the unix groups of instructors and students, and the users, each with a home of
#     mode 700 (students must not read each other's work, nor the instructor's solutions);
#     passwords are yours to set (`passwd NAME` or `chpasswd`): users log in with them;
#   * creates nbgrader's exchange (mode 1777: nbgrader insists on a world-writable root; inside,
#     it keeps submissions in an inbound folder students cannot list, under unguessable names,
#     and feedback under hashes of each student's own submission);
#   * copies the course (nbgrader_config.py, solutions/, notebooks/) into the instructor's home
#     as ~/COURSE_ID, owned by the instructor; a re-run adds new assignments, never overwrites;
#   * unless --no-lock: makes the repository's solution-bearing folders (solutions/, course/,
#     tests/, .git) unreadable by other users, since every user's server runs from its .venv, and
#     the hidden checks (nnchecks/hidden/) readable by the instructors' group only;
#   * checks that the users can run the .venv's Python. A Python installed under a private home
#     (pyenv in /root, say) is out of their reach: --grant-traverse gives the two course groups
#     search permission (x, by ACL; installs the `acl` package if needed) on exactly the folders
#     in the way.
#     Better: build .venv with a system Python (`make PYTHON=/usr/bin/python3.11 ...`).
#
# Environment (the same names as deploy/jupyterhub_config.py; defaults in brackets):
#   NNHUB_EXCHANGE [/srv/nbgrader/exchange]   NNHUB_STATE_DIR [/srv/jupyterhub]
#   NNHUB_INSTRUCTORS_GROUP [nn-instructors]  NNHUB_STUDENTS_GROUP [nn-students]
#   NNHUB_COURSE_ID [the course_id in nbgrader_config.py]
set -euo pipefail

DEPLOY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$DEPLOY")"
VENV="$REPO/.venv"
PROXY="$DEPLOY/node_modules/.bin/configurable-http-proxy"
EXCHANGE="${NNHUB_EXCHANGE:-/srv/nbgrader/exchange}"
STATE="${NNHUB_STATE_DIR:-/srv/jupyterhub}"
INSTRUCTORS="${NNHUB_INSTRUCTORS_GROUP:-nn-instructors}"
STUDENTS="${NNHUB_STUDENTS_GROUP:-nn-students}"
COURSE_ID="${NNHUB_COURSE_ID:-$(sed -n "s/^c\.CourseDirectory\.course_id *= *[\"']\([^\"']*\)[\"'].*/\1/p" "$REPO/nbgrader_config.py")}"
GRANTS="$STATE/granted-traverse"   # folders given an ACL by --grant-traverse, for --revoke-traverse
INSTRUCTOR=""
STUDENT_LIST=""
LOCK=1
GRANT=0

say() { echo "setup.sh: $*"; }
die() { echo "setup.sh: $*" >&2; exit 1; }
usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

[ "$(id -u)" = 0 ] || die "run as root (it creates users and folders under /srv)"

revoke() {
  [ -f "$GRANTS" ] || { say "nothing to revoke"; return; }
  while IFS= read -r dir; do
    [ -e "$dir" ] || continue
    setfacl -x "g:$INSTRUCTORS" "$dir" 2>/dev/null || true
    setfacl -x "g:$STUDENTS" "$dir" 2>/dev/null || true
    # with no named entries left, drop the mask too, so the folder's mode is as before
    if ! getfacl -cp "$dir" 2>/dev/null | grep -q '^\(user\|group\):[^:]'; then setfacl -b "$dir"; fi
    say "revoked the course groups' search permission on $dir"
  done < "$GRANTS"
  rm -f "$GRANTS"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --instructor) INSTRUCTOR="$2"; shift 2 ;;
    --students) STUDENT_LIST="$2"; shift 2 ;;
    --no-lock) LOCK=0; shift ;;
    --grant-traverse) GRANT=1; shift ;;
    --revoke-traverse) revoke; exit 0 ;;
    -h|--help) usage 0 ;;
    *) echo "setup.sh: unknown argument $1" >&2; usage 2 ;;
  esac
done
[ -n "$INSTRUCTOR" ] || die "--instructor NAME is required"
[ -n "$COURSE_ID" ] || die "no course_id in $REPO/nbgrader_config.py"

# ---------------------------------------------------------------- software
if [ ! -x "$VENV/bin/python" ]; then
  make -C "$REPO" --no-print-directory .venv/.installed
fi
if [ ! -x "$VENV/bin/jupyterhub" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c "$REPO/requirements.lock" -e "$REPO[hub]"
fi
[ -x "$VENV/bin/jupyterhub" ] || die "$VENV has no jupyterhub (is there a 'hub' extra in pyproject.toml?)"
if [ ! -x "$PROXY" ]; then
  command -v npm >/dev/null || die "npm is needed for the proxy (apt-get install -y nodejs npm)"
  npm ci --prefix "$DEPLOY" --no-audit --no-fund --loglevel=error
fi
[ -x "$PROXY" ] || die "no proxy in $DEPLOY/node_modules (npm ci --prefix deploy)"

# ---------------------------------------------------------------- groups and users
getent group "$INSTRUCTORS" >/dev/null || groupadd "$INSTRUCTORS"
getent group "$STUDENTS" >/dev/null || groupadd "$STUDENTS"

add_user() {  # name group
  local name="$1" group="$2" home
  if ! id "$name" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash "$name"
    say "created user $name"
  fi
  usermod -a -G "$group" "$name"
  home="$(getent passwd "$name" | cut -d: -f6)"
  chmod 700 "$home"
}

add_user "$INSTRUCTOR" "$INSTRUCTORS"
for student in $STUDENT_LIST; do
  add_user "$student" "$STUDENTS"
done

# ---------------------------------------------------------------- exchange and hub state
mkdir -p "$EXCHANGE" "$STATE"
chmod 1777 "$EXCHANGE"
chmod 700 "$STATE"

# ---------------------------------------------------------------- can the users run .venv?
reach() {  # make every folder on the way to $1 searchable by the course groups, or fail
  local target="$1" dir="" part
  IFS=/ read -ra parts <<< "${target#/}"
  for part in "${parts[@]}"; do
    dir="$dir/$part"
    [ -d "$dir" ] || break
    runuser -u "$INSTRUCTOR" -- test -x "$dir" && continue
    if [ "$GRANT" = 1 ]; then
      if ! command -v setfacl >/dev/null && command -v apt-get >/dev/null; then
        say "installing the acl package (setfacl)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq acl >/dev/null
      fi
      command -v setfacl >/dev/null || die "--grant-traverse needs setfacl (the acl package)"
      setfacl -m "g:$INSTRUCTORS:x,g:$STUDENTS:x" "$dir"
      grep -qxF "$dir" "$GRANTS" 2>/dev/null || echo "$dir" >> "$GRANTS"
      say "gave $INSTRUCTORS and $STUDENTS search permission (x) on $dir"
    else
      die "users cannot enter $dir, on the way to $target: build .venv with a Python they can
run (make PYTHON=/usr/bin/python3.11 ...), or rerun with --grant-traverse"
    fi
  done
}
reach "$("$VENV/bin/python" -c 'import os, sys; print(os.path.realpath(sys.executable))')"
reach "$("$VENV/bin/python" -c 'import os, sys; print(os.path.realpath(sys.base_prefix))')/lib"
reach "$REPO/nnlib"
runuser -u "$INSTRUCTOR" -- "$VENV/bin/python" -c \
  'import importlib.util as u, nnlib; assert u.find_spec("nbgrader") and u.find_spec("jupyterhub")' \
  || die "$INSTRUCTOR cannot import the course environment from $VENV"

# ---------------------------------------------------------------- the instructor's course
HOME_DIR="$(getent passwd "$INSTRUCTOR" | cut -d: -f6)"
COURSE="$HOME_DIR/$COURSE_ID"
if [ ! -d "$COURSE" ]; then
  install -d -o "$INSTRUCTOR" -g "$INSTRUCTOR" -m 700 "$COURSE"
  say "copying the course to $COURSE"
fi
[ -e "$COURSE/nbgrader_config.py" ] || cp "$REPO/nbgrader_config.py" "$COURSE/"
for folder in solutions notebooks; do
  mkdir -p "$COURSE/$folder"
  for assignment in "$REPO/$folder"/[0-9][0-9]_*/; do
    [ -d "$assignment" ] || continue
    name="$(basename "$assignment")"
    if [ ! -e "$COURSE/$folder/$name" ]; then
      cp -r "$assignment" "$COURSE/$folder/$name"
      rm -rf "$COURSE/$folder/$name/.ipynb_checkpoints"
    fi
  done
done
chown -R "$INSTRUCTOR:$INSTRUCTOR" "$COURSE"

# ---------------------------------------------------------------- the repository
if [ "$LOCK" = 1 ]; then
  for folder in solutions course tests .git; do
    if [ -e "$REPO/$folder" ]; then chmod o-rwx "$REPO/$folder"; fi
  done
  # the hidden checks: the instructors' grading imports them, the students' environment must not
  if [ -d "$REPO/nnchecks/hidden" ]; then
    chgrp -R "$INSTRUCTORS" "$REPO/nnchecks/hidden" && chmod -R g+rX,o-rwx "$REPO/nnchecks/hidden"
  fi
fi

say "course $COURSE_ID: instructor $INSTRUCTOR (~/$COURSE_ID), students: $(getent group "$STUDENTS" | cut -d: -f4)"
say "exchange $EXCHANGE, hub state $STATE"
say "next: set passwords (passwd NAME), then start the hub:"
say "  $VENV/bin/jupyterhub -f $DEPLOY/jupyterhub_config.py"
