#!/bin/sh
# Print the path of a Python >= 3.12 interpreter, or explain what is missing.
for candidate in "$PYTHON" python3.13 python3.12 python3 \
    "$HOME"/.pyenv/versions/3.13*/bin/python3 "$HOME"/.pyenv/versions/3.12*/bin/python3 \
    /usr/local/bin/python3.13 /usr/bin/python3.13 /usr/bin/python3.12; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    echo "$path"; exit 0
  fi
done
echo "Territoria needs Python 3.12 or newer (3.13 recommended); none was found." >&2
exit 1
