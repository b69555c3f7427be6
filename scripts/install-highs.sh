#!/usr/bin/env bash
# install-highs.sh — make HiGHS (>= 1.10) available to the Go build.
#
# Order of preference:
#   1. a system HiGHS that pkg-config finds at version >= 1.10 (Debian 13+ libhighs-dev,
#      Homebrew highs);
#   2. a static HiGHS 1.10.0 already built in the per-user cache;
#   3. a fresh static build of HiGHS 1.10.0 from Debian's source package, fetched with
#      `apt-get source` through a private apt configuration (the machine's own apt
#      sources are never changed), verified by sha256, patched with
#      scripts/highs-1.10.0-*.patch (each says why), installed into the cache.
#
# On success it writes build/highs.env (shell syntax, sourced by the Makefile) with
# HIGHS_PKG_CONFIG_PATH, HIGHS_LINK=static|shared, HIGHS_BIN (the highs
# command-line solver, when there is one) and HIGHS_ID (a digest of the library
# file; see library_id), and prints one line saying what it used.
# On failure it prints what failed and what to do, and exits non-zero; a failed or
# interrupted build never leaves a cache that looks complete (the cache is published by
# an atomic rename only after `ninja install` and a link test succeed).
#
# Environment:
#   XDG_CACHE_HOME           cache root (default $HOME/.cache)
#   MINERALPLAN_HIGHS_PREFIX install prefix (default $XDG_CACHE_HOME/mineralplan/highs-1.10.0-mp2)
#   MINERALPLAN_HIGHS_SYSTEM set to 0 to ignore a system HiGHS
#   MINERALPLAN_DEBIAN_MIRROR Debian archive URI for deb-src (default: the one this
#                            machine's apt already uses)
set -euo pipefail

readonly VERSION=1.10.0
readonly TARBALL="highs_${VERSION}+ds.orig.tar.xz"
readonly SHA256=5964fc1ca4f0b23dd45987bbed1838f2e570e96aa624635ac63d277152b6c94a
readonly MIN_SYSTEM_VERSION=1.10
# BUILD names the source plus this project's patches: a change to the patches takes
# a new BUILD, so that no cache built without them is reused.
readonly BUILD=$VERSION-mp2

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
envfile="$here/build/highs.env"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/mineralplan"
prefix="${MINERALPLAN_HIGHS_PREFIX:-$cache_root/highs-$BUILD}"

say() { printf 'install-highs: %s\n' "$*" >&2; }
die() {
	printf 'install-highs: error: %s\n' "$1" >&2
	[ $# -gt 1 ] && printf 'install-highs: to fix: %s\n' "$2" >&2
	exit 1
}

# library_id prints a short digest of the HiGHS library file $1 (or of the text $2,
# such as the version and the path looked for, when there is no such file). Go's build cache keys a cgo package by its flags, not
# by what pkg-config answers or by the library's contents, so a binary built before
# HiGHS changed would be reused as it is. The Makefile passes this digest in
# CGO_CPPFLAGS, which is part of that key: a different library, a different build.
library_id() {
	if [ -f "$1" ]; then
		sha256sum "$1" | cut -c1-16
	else
		printf '%s' "$2" | sha256sum | cut -c1-16
	fi
}

write_env() { # $1 = PKG_CONFIG_PATH entry ("" for system), $2 = static|shared, $3 = description, $4 = highs binary, $5 = library file
	mkdir -p "$here/build"
	local tmp
	tmp=$(mktemp "$here/build/.highs.env.XXXXXX")
	{
		echo "# written by scripts/install-highs.sh: $3"
		echo "HIGHS_PKG_CONFIG_PATH=$1"
		echo "HIGHS_LINK=$2"
		echo "HIGHS_BIN=${4:-}"
		echo "HIGHS_ID=$(library_id "$5" "$3 $5")"
	} >"$tmp"
	mv -f "$tmp" "$envfile"
}

version_at_least() { # $1 >= $2 ?
	[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# 1. System HiGHS.
# (A pkg-config hit on this script's own cache, through an exported
# PKG_CONFIG_PATH, is the cache, not a system HiGHS.)
if [ "${MINERALPLAN_HIGHS_SYSTEM:-1}" != 0 ] && command -v pkg-config >/dev/null &&
	pkg-config --exists highs 2>/dev/null && [ "$(pkg-config --variable=prefix highs)" != "$prefix" ]; then
	sysver=$(pkg-config --modversion highs)
	if version_at_least "$sysver" "$MIN_SYSTEM_VERSION"; then
		syslibdir=$(pkg-config --variable=libdir highs)
		syslib="$syslibdir/libhighs.so"
		[ -f "$syslib" ] || syslib="$syslibdir/libhighs.dylib"
		write_env "" shared "system HiGHS $sysver" "$(command -v highs || true)" "$syslib"
		say "using system HiGHS $sysver ($syslibdir)"
		exit 0
	fi
	say "system HiGHS $sysver is older than $MIN_SYSTEM_VERSION; building $VERSION instead"
fi

# 2. Cached static build. The marker is written last, inside the staging folder, before
# the rename that publishes it, so its presence means the build completed.
if [ -f "$prefix/.mineralplan-complete" ]; then
	write_env "$prefix/lib/pkgconfig" static "cached static HiGHS $BUILD" "$prefix/bin/highs" "$prefix/lib/libhighs.a"
	say "using cached static HiGHS $BUILD ($prefix)"
	exit 0
fi

# 3. Build from Debian's source package.
need=()
command -v cmake >/dev/null || need+=(cmake)
command -v ninja >/dev/null || need+=(ninja-build)
command -v g++ >/dev/null || need+=(g++)
command -v xz >/dev/null || need+=(xz-utils)
command -v patch >/dev/null || need+=(patch)
command -v apt-get >/dev/null || die "HiGHS $VERSION is not installed and this machine has no apt-get to fetch its source" \
	"install HiGHS >= $MIN_SYSTEM_VERSION so that 'pkg-config highs' finds it (e.g. 'brew install highs'), then run 'make deps' again"
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ]; then
		say "installing build tools: ${need[*]}"
		if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null; then
			apt-get update -q >/dev/null || true
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null ||
				die "apt-get install ${need[*]} failed" "run 'apt-get update && apt-get install -y ${need[*]}' and read its error"
		fi
	else
		die "building HiGHS needs: ${need[*]}" "run 'sudo apt-get install -y ${need[*]}', then 'make deps' again"
	fi
fi

# The Debian mirror this machine already uses (deb822 .sources or one-line lists).
mirror="${MINERALPLAN_DEBIAN_MIRROR:-}"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [ -z "$mirror" ]; then
	mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
		awk '/^URIs:/ {for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) {print $i; exit}}')
fi
if [ -z "$mirror" ]; then
	mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		awk '$1 ~ /^deb(-src)?$/ {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\/.*\/debian\/?$/) {print $i; exit}}')
fi
[ -n "$mirror" ] || die "found no Debian archive in this machine's apt sources" \
	"set MINERALPLAN_DEBIAN_MIRROR to a Debian archive URI (ending in /debian) and run 'make deps' again"

mkdir -p "$cache_root"
work=$(mktemp -d "$cache_root/.build-highs.XXXXXX")
staging="$prefix.partial.$$"
cleanup() { rm -rf "$work" "$staging"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# Private apt configuration: its own sources list, lists and cache folders.
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/src"
signed=""
[ -f "$keyring" ] && signed="[signed-by=$keyring] "
echo "deb-src ${signed}${mirror%/} trixie main" >"$work/apt/sources.list"
aptopts=(-o "Dir::Etc::sourcelist=$work/apt/sources.list" -o "Dir::Etc::sourceparts=-"
	-o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache"
	-o "APT::Sandbox::User=root" -q)
say "fetching Debian's highs $VERSION source package (private apt configuration)"
apt-get "${aptopts[@]}" update >"$work/apt-update.log" 2>&1 ||
	die "apt-get update of the private trixie deb-src list failed (log: see below)" \
		"check network access to $mirror; the log was: $(tail -n 3 "$work/apt-update.log" | tr '\n' ' ')"
# apt may report an error for the .dsc or .debian.tar.xz while the upstream tarball
# arrives; the tarball and its checksum are what matter.
# Any Debian revision of the pinned upstream version carries the same tarball.
debver=$(apt-cache "${aptopts[@]}" showsrc highs 2>/dev/null | awk -v v="$VERSION" '$1 == "Version:" && index($2, v "+") == 1 {print $2}' | sort -V | tail -n1)
[ -n "$debver" ] || die "Debian's trixie sources list no highs $VERSION" \
	"install HiGHS >= $MIN_SYSTEM_VERSION so that 'pkg-config highs' finds it, then run 'make deps' again"
(cd "$work/src" && apt-get "${aptopts[@]}" source --download-only "highs=$debver" >"$work/apt-source.log" 2>&1) || true
[ -f "$work/src/$TARBALL" ] ||
	die "apt-get source did not deliver $TARBALL" \
		"read the apt output: $(tail -n 3 "$work/apt-source.log" | tr '\n' ' ')"
got=$(sha256sum "$work/src/$TARBALL" | cut -d' ' -f1)
[ "$got" = "$SHA256" ] ||
	die "$TARBALL has sha256 $got, expected $SHA256" "the download is corrupt or not the release this project pins; remove $cache_root and retry"

say "building static HiGHS $VERSION (about 3 minutes on 2 cores)"
tar -xJf "$work/src/$TARBALL" -C "$work/src"
srcdir=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -iname 'highs*' | head -n1)
[ -n "$srcdir" ] && [ -f "$srcdir/CMakeLists.txt" ] || die "the tarball has no HiGHS source tree" "remove $cache_root and retry"
for p in "$here"/scripts/highs-"$VERSION"-*.patch; do
	[ -f "$p" ] || continue
	patch -p1 -N -s -d "$srcdir" <"$p" >"$work/patch.log" 2>&1 ||
		die "patch $(basename "$p") does not apply to HiGHS $VERSION" "see: $(tail -n 5 "$work/patch.log" | tr '\n' ' ')"
done
rm -rf "$staging"
if ! cmake -S "$srcdir" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
	-DBUILD_TESTING=OFF -DFAST_BUILD=ON -DBUILD_SHARED_LIBS=OFF -DZLIB=OFF \
	-DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_INSTALL_PREFIX="$prefix" \
	>"$work/cmake.log" 2>&1; then
	die "cmake configure failed" "see the last lines: $(tail -n 5 "$work/cmake.log" | tr '\n' ' ')"
fi
if ! ninja -C "$work/build" >"$work/ninja.log" 2>&1; then
	die "compiling HiGHS failed" "see the last lines: $(tail -n 5 "$work/ninja.log" | tr '\n' ' ')"
fi
# Install into the staging folder (DESTDIR keeps the final prefix in the .pc files).
DESTDIR="$work/destdir" ninja -C "$work/build" install >"$work/install.log" 2>&1 ||
	die "ninja install failed" "see: $(tail -n 5 "$work/install.log" | tr '\n' ' ')"
mv "$work/destdir$prefix" "$staging"
# The command-line solver, for re-solving exported models.
[ -x "$staging/bin/highs" ] || cp "$work/build/bin/highs" "$staging/bin/highs" 2>/dev/null || true

# The static archive needs the C++ runtime; HiGHS's own highs.pc does not say so.
# mineralplan-highs.pc states the complete link line for a static build.
mkdir -p "$staging/lib/pkgconfig"
cat >"$staging/lib/pkgconfig/highs.pc" <<EOF
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: highs
Description: HiGHS $VERSION, static build for mineralplan
Version: $VERSION
Cflags: -I\${includedir}/highs -I\${includedir}
Libs: \${libdir}/libhighs.a -lstdc++ -lm -lpthread
EOF

# A link test before the cache is published.
cat >"$work/t.c" <<'EOF'
#include "interfaces/highs_c_api.h"
#include <stdio.h>
int main(void) {
  void *h = Highs_create();
  HighsInt type;
  /* an option that only the patched source has */
  if (Highs_getOptionType(h, "mip_heuristic_run_rins", &type) != kHighsStatusOk) return 1;
  Highs_destroy(h);
  printf("%s\n", Highs_version());
  return 0;
}
EOF
gcc -I"$staging/include/highs" "$work/t.c" "$staging/lib/libhighs.a" -lstdc++ -lm -lpthread -o "$work/t" >"$work/link.log" 2>&1 ||
	die "a test program does not link against the new libhighs.a" "see: $(tail -n 5 "$work/link.log" | tr '\n' ' ')"
tv=$("$work/t") || die "the new libhighs.a lacks the options that scripts/highs-$VERSION-*.patch add" "remove $cache_root and retry"
[ "$tv" = "$VERSION" ] || die "the test program reports HiGHS '$tv', expected $VERSION" "remove $cache_root and retry"

touch "$staging/.mineralplan-complete"
rm -rf "$prefix"
mv "$staging" "$prefix"
write_env "$prefix/lib/pkgconfig" static "static HiGHS $BUILD built from Debian's source package" "$prefix/bin/highs" "$prefix/lib/libhighs.a"
say "built static HiGHS $BUILD into $prefix"
