#!/usr/bin/env bash
# Installs everything the project needs on a Debian machine with Python 3.11:
# system packages (Tesseract with Japanese data and its library's headers, a
# Japanese font, poppler, and Chromium for the review report's browser test),
# the tesserocr binding built against that library, and the package itself with
# its development tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-jpn tesseract-ocr-eng fonts-ipafont-gothic poppler-utils chromium
  libtesseract-dev libleptonica-dev pkg-config g++)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

PIP=(python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore)
# Built from source so the binding links the system's Tesseract and reads what its command
# reads; the registry's wheel bundles another Tesseract.
python3 -c "import tesserocr" 2>/dev/null || "${PIP[@]}" --no-binary tesserocr "tesserocr>=2.7"
"${PIP[@]}" -e ".[dev]"
