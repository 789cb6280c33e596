#!/usr/bin/env bash
# domainchat demo: a throwaway copy of an unpacked Openfire 5.1.x with this build's plugin, set up by itself
# (embedded database, domain example.com, an admin, demo users, domain chat activated, an alias), then the
# addresses to open. The Openfire folder you name is only read; nothing is built.
#
# usage: demo/run-demo.sh [--port-offset N] [--background] [--keep] OPENFIRE_DIR
#   OPENFIRE_DIR      an unpacked Openfire 5.1.x (the folder with bin/openfire.sh and lib/)
#   --port-offset N   add N to every port (default 0: 5222, 7070, 7443, 9090, ...)
#   --background      leave the server running and print how to stop it (default: run until Ctrl-C)
#   --keep            do not delete the throwaway copy afterwards
# Needs: Java 17+, curl, and target/domainchat.jar (mvn -DskipTests package).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
offset=0; background=0; keep=0; openfire=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port-offset) offset="$2"; shift 2 ;;
    --background) background=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) openfire="$1"; shift ;;
  esac
done
[ -n "$openfire" ] || { sed -n '2,12p' "$0" >&2; exit 2; }
[ -x "$openfire/bin/openfire.sh" ] && [ -d "$openfire/lib" ] \
  || { echo "$openfire is not an unpacked Openfire (no bin/openfire.sh and lib/)" >&2; exit 1; }
jar="$here/target/domainchat.jar"
[ -f "$jar" ] || { echo "no $jar: build it first with: mvn -DskipTests package" >&2; exit 1; }
[[ "$offset" =~ ^[0-9]+$ ]] || { echo "--port-offset takes a number" >&2; exit 2; }
command -v curl >/dev/null || { echo "the demo needs curl" >&2; exit 1; }
command -v java >/dev/null || { echo "the demo needs Java 17 or newer on the PATH" >&2; exit 1; }

port() { echo $(( $1 + offset )); }
http=$(port 7070); https=$(port 7443); admin=$(port 9090); c2s=$(port 5222)
for p in "$c2s" "$(port 5223)" "$(port 5269)" "$(port 5270)" "$(port 5275)" "$(port 5276)" "$(port 5262)" \
         "$(port 5263)" "$http" "$https" "$admin" "$(port 9091)"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "port $p is taken (another Openfire?); try --port-offset 100" >&2; exit 1
  fi
done

home="$(mktemp -d "${TMPDIR:-/tmp}/domainchat-demo.XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "stopping Openfire ..."
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  if [ "$keep" = 0 ]; then rm -rf "$home"; else echo "kept: $home"; fi
}

# The copy: everything but logs and any database of the original; lib/ is only read, so it is linked.
for f in "$openfire"/*; do
  name="$(basename "$f")"
  case "$name" in
    lib) ln -s "$(cd "$f" && pwd)" "$home/lib" ;;
    logs|embedded-db) ;;
    *) cp -a "$f" "$home/" ;;
  esac
done
mkdir -p "$home/logs" "$home/plugins"
cp "$jar" "$home/plugins/domainchat.jar"

# Autosetup on first start. Properties outside <autosetup> are copied into the database by it, which is how
# domain chat starts activated (domainchat.active) and how the ports move with --port-offset.
cat > "$home/conf/openfire.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- domainchat demo (demo/run-demo.sh): a throwaway server, listening on 127.0.0.1 only. -->
<jive>
  <adminConsole><port>$admin</port><securePort>$(port 9091)</securePort><interface>127.0.0.1</interface></adminConsole>
  <network><interface>127.0.0.1</interface></network>
  <locale>en</locale>
  <connectionProvider><className>org.jivesoftware.database.EmbeddedConnectionProvider</className></connectionProvider>
  <xmpp>
    <socket><plain><port>$c2s</port></plain><ssl><port>$(port 5223)</port></ssl></socket>
    <server><socket><port>$(port 5269)</port><ssl><port>$(port 5270)</port></ssl></socket></server>
    <component><socket><port>$(port 5275)</port></socket><ssl><port>$(port 5276)</port></ssl></component>
    <multiplex><socket><port>$(port 5262)</port></socket><ssl><port>$(port 5263)</port></ssl></multiplex>
    <proxy><enabled>false</enabled></proxy>
  </xmpp>
  <httpbind><port><plain>$http</plain><secure>$https</secure></port></httpbind>
  <update><service-enabled>false</service-enabled><notify-admins>false</notify-admins></update>
  <domainchat><active>true</active><directory><hidden>admin</hidden></directory></domainchat>
  <autosetup>
    <run>true</run>
    <locale>en</locale>
    <xmpp><domain>example.com</domain><fqdn>localhost</fqdn><auth><anonymous>false</anonymous></auth></xmpp>
    <database><mode>embedded</mode></database>
    <admin><email>admin@example.com</email><password>admin</password></admin>
    <users>
      <user1><username>alice</username><password>demo</password><name>Alice Archer</name><email>alice@example.com</email></user1>
      <user2><username>bob</username><password>demo</password><name>Bob Baker</name><email>bob@example.com</email></user2>
      <user3><username>carol</username><password>demo</password><name>Carol Chen</name><email>carol@example.com</email></user3>
      <user4><username>dave</username><password>demo</password><name>Dave Dietrich</name><email>dave@example.com</email></user4>
      <user5><username>erika</username><password>demo</password><name>Erika Müller</name><email>erika@example.com</email></user5>
    </users>
  </autosetup>
</jive>
XML

echo "starting Openfire in $home ..."
(cd "$home" && exec "$home/bin/openfire.sh" >"$home/logs/demo.out" 2>&1) &
pid=$!
[ "$background" = 1 ] || trap cleanup EXIT INT TERM

api="http://localhost:$http/domainchat/api/v1"
for _ in $(seq 1 180); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "Openfire stopped; see $home/logs/" >&2; tail -n 20 "$home/logs/demo.out" >&2 || true; exit 1
  fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/openapi.json" || true)" = 200 ]; then ready=1; break; fi
  sleep 1
done
[ "${ready:-0}" = 1 ] || { echo "the plugin did not come up within 3 minutes; see $home/logs/" >&2; exit 1; }

# An alias, as a mail system would provision it (admin API, Basic with the Openfire admin's password).
for _ in $(seq 1 30); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "$api/admin/aliases/sales" -u admin:admin \
         -H 'Content-Type: application/json' \
         -d '{"displayName": "Sales Team", "members": ["alice", "bob", "erika"]}' || true)
  case "$code" in 200|201) break ;; esac
  sleep 1   # domain contacts may still be loading the directory
done

cat <<TEXT

domainchat demo is running (Openfire pid $pid, OPENFIRE_HOME $home).

  Web chat        http://localhost:$http/domainchat/chat/      (https://localhost:$https/... with a self-signed certificate)
                  users alice, bob, carol, dave, erika - password: demo; open two browsers (or a private window)
                  as two users and chat; the alias sales@example.com reaches alice, bob and erika
  XMPP clients    localhost:$c2s, the same users (e.g. bob in Gajim or Conversations next to alice in the web chat)
  Admin console   http://localhost:$admin/  admin / admin  -> Server > Domain Chat
  API description $api/openapi.json
  Embedding       docs/webchat.md (panel.js at http://localhost:$http/domainchat/panel.js)
TEXT
if [ "$background" = 1 ]; then
  echo "  Stop           kill $pid; rm -rf $home"
else
  if [ "$keep" = 1 ]; then echo "  Stop           Ctrl-C (the copy stays in $home)"; else echo "  Stop           Ctrl-C (the copy is deleted)"; fi
  wait "$pid" || true
fi
