#!/usr/bin/env bash
# Prints the path of a Chromium for the browser tests, installing Debian's package if needed.
# Playwright's own browser download does not work on these machines, so we use the system one.
set -euo pipefail

find_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then echo "$CHROMIUM_PATH"; return; fi
  # The real binary, not Debian's wrapper script (which prints a harmless warning).
  for candidate in /usr/lib/chromium/chromium /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
}

# Noto covers every script the chat is offered in: Welsh and Polish diacritics, Arabic,
# Urdu's Nastaliq, Bengali; and the emoji on the answer buttons.
fonts_missing() {
  local fonts
  fonts=$(fc-list 2>/dev/null || true)
  [[ "$fonts" != *"Noto Nastaliq Urdu"* || "$fonts" != *"Noto Sans Bengali"* ]]
}

path=$(find_chromium || true)
if [ -z "$path" ] || fonts_missing; then
  if [ "$(id -u)" != 0 ]; then
    echo "Chromium or its fonts are missing: sudo apt-get install chromium fonts-noto-core fonts-noto-color-emoji," >&2
    echo "or set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
    exit 1
  fi
  echo "Installing Chromium and Noto fonts (Debian packages)..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-core fonts-noto-color-emoji >/dev/null
  path=$(find_chromium)
fi
echo "$path"
