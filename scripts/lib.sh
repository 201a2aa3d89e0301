# Shared by scripts/run and scripts/test: install what the project needs on a fresh machine.
# Needs only Python 3.11+, git and apt (as root, or with sudo).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"

say() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt_install PACKAGE... — installs the Debian packages that are missing.
apt_install() {
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "virtual environment in .venv"
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
      apt_install python3-venv
      rm -rf "$VENV"
      "$PYTHON" -m venv "$VENV"
    fi
  fi
}

# install_python base|test — the locked dependencies, then the project itself (editable).
install_python() {
  say "Python packages (requirements/$1.lock)"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "requirements/$1.lock"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e .
  # deduce (pseudonymisation) builds its lookup structures once per installation (~1-2 min).
  "$VENV/bin/python" -c "from samensterk.privacy.pseudonymise import warm_up; warm_up()" 2>/dev/null
}

# WeasyPrint (PDF) needs Pango from Debian.
install_system_libraries() {
  apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
}

# A local .env for development: DEBUG on and a random secret key, made once.
ensure_env_file() {
  if [ ! -f .env ]; then
    local secret
    secret="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')"
    printf 'DEBUG=1\nSECRET_KEY=%s\n' "$secret" > .env
    say "created .env (DEBUG=1, a new SECRET_KEY)"
  fi
}
