#!/usr/bin/env bash
# Smoke test of the packaged player (Linux): the app-image and, when given, the .deb unpacked with
# dpkg-deb -x. For each: --version, then --headless --duration 5 on the built-in sample, both must
# exit 0; plus checks of the bundled natives, the runtime's modules and the .deb's metadata.
#
#   installer/smoke-test.sh [--deb FILE | --deb-dir DIR] APP_IMAGE_DIR
#
# --deb-dir takes the one .deb in DIR; with none there, only the app-image is tested.
#
# Built by: mvn -Pinstaller -pl installer package (APP_IMAGE_DIR is
# installer/target/jpackage/image/smooth-player, the .deb is in installer/target/jpackage/package).
# The first run on a machine generates the sample (about a minute on 2 cores) into
# $SMOOTH_PLAYER_CACHE or ~/.cache/smooth-player; later runs reuse it.
# Time bounds (seconds): SMOKE_VERSION_TIMEOUT_S (default 60), SMOKE_PLAY_TIMEOUT_S (default 600).
# Last line: "installer: N passed, M failed"; exit status 1 if any check failed.
set -uo pipefail

usage() {
  echo "usage: $0 [--deb FILE | --deb-dir DIR] APP_IMAGE_DIR" >&2
  exit 2
}

deb=""
app_image=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --deb) [[ $# -ge 2 ]] || usage; deb="$2"; shift 2 ;;
    --deb-dir)
      [[ $# -ge 2 ]] || usage
      shopt -s nullglob
      debs=("$2"/*.deb)
      shopt -u nullglob
      if [[ ${#debs[@]} -gt 1 ]]; then
        echo "smoke-test: expected one .deb in $2, found ${#debs[@]}" >&2
        exit 2
      elif [[ ${#debs[@]} -eq 0 ]]; then
        echo "smoke-test: no .deb in $2 (-Dinstaller.package.skip?): app-image only"
      else
        deb="${debs[0]}"
      fi
      shift 2
      ;;
    -*) usage ;;
    *) [[ -z "$app_image" ]] || usage; app_image="$1"; shift ;;
  esac
done
[[ -n "$app_image" ]] || usage
if [[ ! -x "$app_image/bin/smooth-player" ]]; then
  echo "smoke-test: $app_image is not an app-image (no executable bin/smooth-player)" >&2
  exit 2
fi

version_timeout_s="${SMOKE_VERSION_TIMEOUT_S:-60}"
play_timeout_s="${SMOKE_PLAY_TIMEOUT_S:-600}"
work="$(mktemp -d "${TMPDIR:-/tmp}/smooth-player-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   - $1"; }
fail() {
  failed=$((failed + 1))
  echo "FAIL - $1"
  if [[ $# -ge 2 && -f "$2" ]]; then
    echo "  --- last lines of its output:"
    tail -n 25 "$2" | sed 's/^/  | /'
  fi
}

# Lists the entries of a jar with whatever tool this machine has.
jar_entries() {
  if command -v jar >/dev/null 2>&1; then
    jar tf "$1"
  elif command -v unzip >/dev/null 2>&1; then
    unzip -Z1 "$1"
  else
    python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"
  fi
}

# Natives of any other platform than linux-x86_64, in the image's jars or loose in the image.
check_natives() {
  local image="$1" label="$2" foreign="$work/foreign-natives.txt"
  : >"$foreign"
  local jar
  while IFS= read -r jar; do
    jar_entries "$jar" | grep -E '\.(so(\.[0-9]+)*|dll|dylib|jnilib)$' \
      | grep -Ev '/linux-x86_64(-gpl)?/' | sed "s|^|$(basename "$jar"): |" >>"$foreign"
  done < <(find "$image" -name '*.jar' -not -path '*/runtime/*')
  find "$image" -type f \( -name '*.dll' -o -name '*.dylib' -o -name '*.jnilib' \) >>"$foreign"
  if [[ -s "$foreign" ]]; then
    fail "$label: only linux-x86_64 natives are bundled" "$foreign"
  else
    pass "$label: only linux-x86_64 natives are bundled"
  fi
}

check_runtime() {
  local runtime="$1" label="$2" missing=""
  local module
  for module in java.desktop jdk.unsupported jdk.crypto.ec javafx.base javafx.graphics javafx.controls; do
    grep -q "MODULES=.*\b$module\b" "$runtime/release" || missing="$missing $module"
  done
  # JavaFX loads its natives from the runtime's lib/ (no extraction into ~/.openjfx).
  [[ -f "$runtime/lib/libglassgtk3.so" && -f "$runtime/lib/libprism_sw.so" ]] \
    || missing="$missing lib/libglassgtk3.so,lib/libprism_sw.so"
  if [[ -z "$missing" ]]; then
    pass "$label: runtime holds the JDK and JavaFX modules and JavaFX's natives"
  else
    echo "missing:$missing" >"$work/runtime.txt"
    fail "$label: runtime holds the JDK and JavaFX modules and JavaFX's natives" "$work/runtime.txt"
  fi
}

run_launcher() {
  local launcher="$1" label="$2" log
  log="$work/$(echo "$label" | tr -c 'a-zA-Z0-9' '_')"

  timeout "$version_timeout_s" "$launcher" --version >"$log.version" 2>&1
  local rc=$?
  if [[ $rc -eq 0 ]] && head -n 1 "$log.version" | grep -Eq '^smooth-player [0-9]+\.[0-9]+'; then
    pass "$label: --version ($(head -n 1 "$log.version"))"
  else
    fail "$label: --version exited $rc" "$log.version"
  fi

  local start_s=$SECONDS
  timeout "$play_timeout_s" "$launcher" --headless --duration 5 --no-audio-device \
    >"$log.play" 2>&1
  rc=$?
  local took_s=$((SECONDS - start_s))
  if [[ $rc -eq 0 ]] && grep -Eq '^played: [0-9.]+ s' "$log.play" \
      && grep -Eq '^frames: [1-9][0-9]* rendered' "$log.play"; then
    pass "$label: --headless --duration 5 on the sample ($(grep -E '^frames:' "$log.play"), ${took_s} s)"
  else
    fail "$label: --headless --duration 5 exited $rc after ${took_s} s" "$log.play"
  fi
}

echo "smoke-test: app-image $app_image ($(du -sh "$app_image" | cut -f1))"
check_natives "$app_image" "app-image"
check_runtime "$app_image/lib/runtime" "app-image"
run_launcher "$app_image/bin/smooth-player" "app-image"

if [[ -n "$deb" ]]; then
  echo "smoke-test: package $deb ($(du -h "$deb" | cut -f1))"
  root="$work/deb-root"
  mkdir -p "$root"
  if dpkg-deb -x "$deb" "$root"; then
    pass "deb: dpkg-deb -x unpacks it"
  else
    fail "deb: dpkg-deb -x unpacks it"
  fi

  depends="$(dpkg-deb -f "$deb" Depends)"
  if [[ ",$depends," == *", libgtk-3-0,"* || ",$depends," == *",libgtk-3-0,"* ]]; then
    pass "deb: Depends names libgtk-3-0"
  else
    echo "$depends" >"$work/depends.txt"
    fail "deb: Depends names libgtk-3-0" "$work/depends.txt"
  fi

  desktop="$root/usr/share/applications/smooth-player.desktop"
  if [[ -f "$desktop" ]] && grep -q '^Exec=/opt/smooth-player/bin/smooth-player %u$' "$desktop" \
      && grep -q '^MimeType=application/vnd.ms-sstr+xml' "$desktop" \
      && grep -q '^Icon=/opt/smooth-player/' "$desktop"; then
    pass "deb: desktop entry in /usr/share/applications runs the launcher with the manifest MIME type"
  else
    fail "deb: desktop entry in /usr/share/applications runs the launcher with the manifest MIME type" \
      "$desktop"
  fi

  mime="$root/usr/share/mime/packages/smooth-player.xml"
  if [[ -f "$mime" ]] && grep -q 'type="application/vnd.ms-sstr+xml"' "$mime" \
      && grep -q 'pattern="\*.ismc"' "$mime"; then
    pass "deb: MIME type definition in /usr/share/mime/packages (*.ismc)"
  else
    fail "deb: MIME type definition in /usr/share/mime/packages (*.ismc)" "$mime"
  fi

  # No maintainer scripts (the desktop database and MIME caches are updated by dpkg triggers),
  # and nothing in Depends that only those scripts needed.
  dpkg-deb --ctrl-tarfile "$deb" | tar -t >"$work/control-files.txt"
  if ! grep -Eq '(preinst|postinst|prerm|postrm)$' "$work/control-files.txt" \
      && [[ ",$depends," != *"xdg-utils"* ]]; then
    pass "deb: no maintainer scripts, no xdg-utils dependency"
  else
    echo "$depends" >>"$work/control-files.txt"
    fail "deb: no maintainer scripts, no xdg-utils dependency" "$work/control-files.txt"
  fi

  # /usr/bin/smooth-player (on the PATH) is a relative symlink to /opt/smooth-player/bin's launcher,
  # so it resolves inside the unpacked tree as it does once installed.
  if [[ -L "$root/usr/bin/smooth-player" && -x "$root/usr/bin/smooth-player" \
      && "$(readlink -f "$root/usr/bin/smooth-player")" == "$(readlink -f "$root/opt/smooth-player/bin/smooth-player")" ]]; then
    pass "deb: /usr/bin/smooth-player links to /opt/smooth-player/bin/smooth-player"
    check_natives "$root/opt/smooth-player" "deb"
    check_runtime "$root/opt/smooth-player/lib/runtime" "deb"
    run_launcher "$root/usr/bin/smooth-player" "deb"
  else
    ls -lR "$root/usr/bin" >"$work/usr-bin.txt" 2>&1
    fail "deb: /usr/bin/smooth-player links to /opt/smooth-player/bin/smooth-player" "$work/usr-bin.txt"
  fi
fi

echo "installer: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
