#!/usr/bin/env bash
# Reworks the .deb that jpackage (JDK 17) wrote, in place:
#  - /usr/bin/APP: a relative symlink to INSTALL_DIR/APP/bin/APP, so the command is on the PATH
#    (jpackage has no option for it; with /usr as install dir its launcher looks itself up with
#    "dpkg -S", which fails in a dpkg-deb -x tree). Owned by the package, works unpacked too.
#  - the desktop entry and the MIME type definition become package files in
#    /usr/share/applications and /usr/share/mime/packages, where the desktop-file-utils and
#    shared-mime-info triggers pick them up; jpackage's maintainer scripts, which only ran
#    xdg-desktop-menu/xdg-mime (failing with "No writable system menu directory found" where no
#    menu directory exists, and leaving the package half-installed), are dropped, and xdg-utils
#    leaves Depends, which is also de-duplicated.
#
#   repack-deb.sh DEB INSTALL_DIR APP_NAME COMPRESSION   (e.g. ... /opt smooth-player gzip)
set -euo pipefail

if [[ $# -ne 4 ]]; then
  echo "usage: $0 DEB INSTALL_DIR APP_NAME COMPRESSION" >&2
  exit 2
fi
deb="$1"
install_dir="${2%/}"
app="$3"
compression="$4"
[[ -f "$deb" ]] || { echo "repack-deb: no such file: $deb" >&2; exit 2; }
[[ "$install_dir" == /* ]] || { echo "repack-deb: INSTALL_DIR must be absolute: $2" >&2; exit 2; }

tree="$(mktemp -d "${TMPDIR:-/tmp}/repack-deb.XXXXXX")"
trap 'rm -rf "$tree"' EXIT
dpkg-deb --raw-extract "$deb" "$tree"

app_dir="$tree$install_dir/$app"
[[ -x "$app_dir/bin/$app" ]] || { echo "repack-deb: no launcher at $install_dir/$app/bin/$app" >&2; exit 1; }

mkdir -p "$tree/usr/bin"
ln -s "../..$install_dir/$app/bin/$app" "$tree/usr/bin/$app"

shopt -s nullglob
desktops=("$app_dir"/lib/*.desktop)
mimes=("$app_dir"/lib/*MimeInfo.xml)
shopt -u nullglob
if [[ ${#desktops[@]} -ne 1 || ${#mimes[@]} -ne 1 ]]; then
  echo "repack-deb: expected one .desktop and one MimeInfo.xml in $install_dir/$app/lib" >&2
  exit 1
fi
mkdir -p "$tree/usr/share/applications" "$tree/usr/share/mime/packages"
mv "${desktops[0]}" "$tree/usr/share/applications/$app.desktop"
mv "${mimes[0]}" "$tree/usr/share/mime/packages/$app.xml"

rm -f "$tree"/DEBIAN/{preinst,postinst,prerm,postrm}

# Depends: one entry per package, in first-seen order, without xdg-utils.
control="$tree/DEBIAN/control"
depends="$(sed -n 's/^Depends: *//p' "$control")"
deduped="$(tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/ *$//' | grep -v '^$' \
  | grep -vx 'xdg-utils' | awk '!seen[$0]++' | paste -sd, - | sed 's/,/, /g')"
sed -i "s/^Depends: .*/Depends: $deduped/" "$control"

dpkg-deb --root-owner-group "-Z$compression" --build "$tree" "$deb"
