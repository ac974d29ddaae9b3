#!/bin/bash
# Builds the .deb packages with cpack and checks them: their contents, their dependencies, the
# systemd unit (systemd-analyze verify), both programs' --version from the unpacked files, and,
# when run as root where mount namespaces work, a real `dpkg -i` on a throw-away copy-on-write
# view of this machine (an overlay over /, discarded at the end): the package installs, creates
# its system user and conffile, and the installed optout-server answers --version.
# Usage: check-packages.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# cmake --install into a prefix of its own: the FHS places below it, the unit pointing at it.
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 \
    || { cat "$work/install.log"; fail "cmake --install"; }
for f in bin/optout-server bin/optout-admin lib/systemd/system/optout-server.service \
    lib/sysusers.d/optout-server.conf etc/default/optout-server \
    share/applications/optout-admin.desktop share/metainfo/org.optout.Admin.metainfo.xml \
    share/icons/hicolor/scalable/apps/optout-admin.svg share/icons/hicolor/64x64/apps/optout-admin.png \
    share/doc/optout-server/api.md; do
    [[ -f "$prefix/$f" ]] || fail "cmake --install did not install $f"
done
grep -q "^ExecStart=$prefix/bin/optout-server " "$prefix/lib/systemd/system/optout-server.service" \
    || fail "the installed unit does not start $prefix/bin/optout-server"
grep -q "^EnvironmentFile=-$prefix/etc/default/optout-server$" \
    "$prefix/lib/systemd/system/optout-server.service" || fail "the installed unit's EnvironmentFile"
echo "cmake --install: $(find "$prefix" -type f | wc -l) files in their places"

cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log"; fail "cpack"; }
server_deb=$(ls "$work"/out/optout-server_*.deb)
admin_deb=$(ls "$work"/out/optout-admin_*.deb)
echo "built: $(basename "$server_deb") $(basename "$admin_deb")"

# Contents: each file where the FHS wants it, nothing else outside /usr and /etc.
expect_files() {
    local deb=$1; shift
    dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/list"
    for f in "$@"; do
        grep -qx -- "$f" "$work/list" || { cat "$work/list"; fail "$(basename "$deb") lacks $f"; }
    done
    if grep -v -E '^/(usr|etc)?/?$|^/usr/|^/etc/' "$work/list"; then
        fail "$(basename "$deb") installs outside /usr and /etc"
    fi
}
expect_files "$server_deb" /usr/bin/optout-server /usr/lib/systemd/system/optout-server.service \
    /usr/lib/sysusers.d/optout-server.conf /etc/default/optout-server \
    /usr/share/doc/optout-server/api.md /usr/share/doc/optout-server/openapi.yaml
expect_files "$admin_deb" /usr/bin/optout-admin /usr/share/applications/optout-admin.desktop \
    /usr/share/metainfo/org.optout.Admin.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/optout-admin.svg \
    /usr/share/icons/hicolor/16x16/apps/optout-admin.png \
    /usr/share/icons/hicolor/32x32/apps/optout-admin.png \
    /usr/share/icons/hicolor/64x64/apps/optout-admin.png
if dpkg-deb -c "$admin_deb" | grep -q optout-server; then fail "optout-admin holds server files"; fi
if dpkg-deb -c "$server_deb" | grep -q optout-admin; then fail "optout-server holds app files"; fi

# Control data: names, dependencies found by dpkg-shlibdeps, the conffile, maintainer scripts.
field() { dpkg-deb -f "$1" "$2"; }
[[ $(field "$server_deb" Package) == optout-server ]] || fail "server package name"
[[ $(field "$admin_deb" Package) == optout-admin ]] || fail "admin package name"
server_depends=$(field "$server_deb" Depends)
admin_depends=$(field "$admin_deb" Depends)
echo "optout-server Depends: $server_depends"
echo "optout-admin Depends: $admin_depends"
for dep in libqt6network6 libqt6sql6 libqt6sql6-sqlite libcjose0 libc6; do
    [[ $server_depends == *"$dep"* ]] || fail "optout-server does not depend on $dep"
done
# The server's HTTP is its own (http-parser); Qt's HTTP server is not needed any more.
[[ $server_depends != *libqt6httpserver6* ]] || fail "optout-server still depends on libqt6httpserver6"
for dep in libqt6networkauth6; do
    [[ $admin_depends == *"$dep"* ]] || fail "optout-admin does not depend on $dep"
done
for dep in libqt6widgets6 libqt6network6 libqt6keychain1 libc6 qt6-qpa-plugins; do
    [[ $admin_depends == *"$dep"* ]] || fail "optout-admin does not depend on $dep"
done
dpkg-deb -e "$server_deb" "$work/control"
grep -qx /etc/default/optout-server "$work/control/conffiles" || fail "conffile not declared"
for script in postinst prerm postrm; do
    [[ -x "$work/control/$script" ]] || fail "optout-server has no executable $script"
done

# Unpacked into an empty root: the unit verifies and both programs answer --version.
root="$work/root"
dpkg -x "$server_deb" "$root"
dpkg -x "$admin_deb" "$root"
unit="$root/usr/lib/systemd/system/optout-server.service"
grep -q '^ExecStart=/usr/bin/optout-server ' "$unit" || fail "ExecStart is not /usr/bin/optout-server"
grep -q '^EnvironmentFile=-/etc/default/optout-server$' "$unit" || fail "EnvironmentFile"
# The unit as packaged, with only its program's path pointing into the unpacked root.
mkdir "$work/unit"
sed "s|/usr/bin/optout-server|$root/usr/bin/optout-server|" "$unit" >"$work/unit/optout-server.service"
systemd-analyze verify "$work/unit/optout-server.service" >"$work/verify.log" 2>&1 \
    || { cat "$work/verify.log"; fail "systemd-analyze verify"; }
if grep -q . "$work/verify.log"; then
    cat "$work/verify.log"
    fail "systemd-analyze verify has remarks on the unit"
fi
# The hardening: systemd's exposure level (0 to 10) of the unit stays at 2.0 or lower.
systemd-analyze security --offline=true --threshold=20 "$work/unit/optout-server.service" \
    >"$work/security.log" 2>&1 || { cat "$work/security.log"; fail "systemd-analyze security"; }
grep -o 'Overall exposure level.*' "$work/security.log"
version=$("$root/usr/bin/optout-server" --version)
[[ $version == "optout-server "* ]] || fail "optout-server --version said: $version"
admin_version=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/optout-admin" --version)
[[ $admin_version == "optout-admin "* ]] || fail "optout-admin --version said: $admin_version"
echo "unpacked: $version; $admin_version"

# The real thing: dpkg -i on a copy-on-write view of this machine, discarded afterwards.
if [[ $(id -u) -ne 0 ]] || ! unshare --mount true 2>/dev/null; then
    echo "SKIP dpkg -i: needs root and mount namespaces (the unpacked checks above ran)"
    exit 0
fi
mkdir "$work/ns"
cp "$server_deb" "$admin_deb" "$work/"
unshare --mount --propagation private /bin/bash -euo pipefail -c '
    ns=$1; debs=$2
    mount -t tmpfs tmpfs "$ns"
    mkdir "$ns/upper" "$ns/work" "$ns/root"
    mount -t overlay overlay -o "lowerdir=/,upperdir=$ns/upper,workdir=$ns/work" "$ns/root"
    mount --rbind /proc "$ns/root/proc"
    mount --rbind /dev "$ns/root/dev"
    mkdir -p "$ns/root/tmp/optout-debs"
    cp "$debs"/*.deb "$ns/root/tmp/optout-debs/"
    chroot "$ns/root" /bin/bash -euo pipefail -c "
        if dpkg-query -W optout-server >/dev/null 2>&1; then dpkg --purge optout-server >/dev/null; fi
        if dpkg-query -W optout-admin >/dev/null 2>&1; then dpkg --purge optout-admin >/dev/null; fi
        dpkg -i /tmp/optout-debs/*.deb
        optout-server --version
        QT_QPA_PLATFORM=offscreen optout-admin --version
        getent passwd optout-server
        test \"\$(stat -c %U:%a /var/lib/optout-server)\" = optout-server:750
        su -s /bin/sh optout-server -c \"optout-server --db /var/lib/optout-server/optout.sqlite --create-org Acme --admin-email boss@acme.test --admin-name Boss\"
        test -f /etc/default/optout-server
        systemd-analyze verify /lib/systemd/system/optout-server.service
        dpkg --purge optout-server optout-admin
        ! test -e /etc/default/optout-server
        ! test -e /usr/bin/optout-server
    "
' check-packages "$work/ns" "$work" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i on the overlay"; }
grep -E '^optout-(server|admin) ' "$work/dpkg.log"
echo "dpkg -i, --version, system user, conffile, unit and purge: checked on an overlay of /"
