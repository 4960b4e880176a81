#!/usr/bin/env bash
# A real S3 server for the tests: Ceph's RADOS Gateway (Debian's radosgw 16) on a private
# one-monitor, one-OSD cluster on 127.0.0.1. Everything lives under DIR (config, keys, data,
# logs, pids, sockets); nothing in /etc/ceph, /var/lib/ceph, /var/run/ceph or /var/log/ceph is
# used, and no systemd.
#
#   radosgw.sh install                   installs ceph-mon ceph-osd radosgw from Debian if missing
#   radosgw.sh start DIR PORT [--lease PID]
#                                        creates (or reuses) the cluster in DIR, starts what is not
#                                        running, creates the test users, and prints
#                                        S3_ENDPOINT=http://127.0.0.1:PORT on stdout. If a radosgw
#                                        of DIR already runs and answers, it is kept, and the
#                                        endpoint printed is the port it listens on.
#   radosgw.sh stop DIR [--lease PID]    stops the daemons (by pid file) and waits for them to exit.
#                                        With --lease, drops that lease and stops only if no other
#                                        live lease remains and the daemons were started by a lease.
#   radosgw.sh status DIR                exit 0 and print the endpoint if radosgw of DIR answers
#
# Users (uid: access key / secret):
#   tester: QSTESTACCESSKEY00001 / qs-test-secret-0000000000000000000000001
#   other:  QSTESTACCESSKEY00002 / qs-test-secret-0000000000000000000000002
# Regions: SigV4 is accepted with any region name in the scope (the signature is still checked);
# CreateBucket accepts no LocationConstraint (what us-east-1 clients send) or "q-world-1" (the
# zonegroup's api_name, QStorage's region), and answers 400 InvalidLocationConstraint otherwise.
#
# Progress goes to stderr. Waits are bounded (QS_RADOSGW_TIMEOUT seconds, default 90); on a
# timeout the script fails with the tail of the relevant log.
set -euo pipefail

TIMEOUT=${QS_RADOSGW_TIMEOUT:-90}
MARKER=.qstorage-radosgw
RGW_NAME=client.rgw.qs
ZONEGROUP_API_NAME=q-world-1
USERS=(
  "tester QSTESTACCESSKEY00001 qs-test-secret-0000000000000000000000001"
  "other QSTESTACCESSKEY00002 qs-test-secret-0000000000000000000000002"
)

log() { echo "[radosgw.sh $(date +%H:%M:%S)] $*" >&2; }
die() {
  echo "[radosgw.sh] ERROR: $*" >&2
  exit 1
}
usage() {
  sed -n '2,/^set -euo/{/^#/p}' "$0" >&2
  exit 2
}

# ---------------------------------------------------------------------------------------------
# install

cmd_install() {
  if command -v radosgw >/dev/null 2>&1 && command -v ceph-mon >/dev/null 2>&1 &&
    command -v ceph-osd >/dev/null 2>&1; then
    log "radosgw, ceph-mon and ceph-osd are installed"
    return 0
  fi
  [ "$EUID" = 0 ] || die "installing ceph needs root (apt-get install ceph-mon ceph-osd radosgw)"
  command -v apt-get >/dev/null 2>&1 || die "no apt-get: install ceph-mon ceph-osd radosgw yourself"
  export DEBIAN_FRONTEND=noninteractive
  # apt-get update only when the package lists do not know radosgw yet.
  if ! apt-cache show radosgw >/dev/null 2>&1; then
    log "apt-get update"
    apt-get update -qq >&2 || die "apt-get update failed"
  fi
  log "apt-get install ceph-mon ceph-osd radosgw"
  apt-get install -y -qq --no-install-recommends ceph-mon ceph-osd radosgw >&2 ||
    die "apt-get install ceph-mon ceph-osd radosgw failed"
  command -v radosgw >/dev/null 2>&1 || die "radosgw still not on PATH after installing"
}

# ---------------------------------------------------------------------------------------------
# helpers

need_tools() {
  local t
  for t in ceph ceph-mon ceph-osd radosgw radosgw-admin ceph-authtool monmaptool flock timeout setsid; do
    command -v "$t" >/dev/null 2>&1 || die "'$t' not found (run: $0 install)"
  done
}

# pid_alive NAME: the pid recorded for NAME runs, and is really our daemon of this DIR.
pid_alive() {
  local f="$RUN/$1.pid" pid
  [ -s "$f" ] || return 1
  pid=$(cat "$f")
  [ -d "/proc/$pid" ] || return 1
  # Guard against a recycled pid: the process must be one of ours (its command line names DIR).
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$CONF" || return 1
}

pid_of() { cat "$RUN/$1.pid"; }

tail_log() {
  local f
  for f in "$@"; do
    if [ -s "$f" ]; then
      echo "----- last lines of $f -----" >&2
      grep -v '^[[:space:]]*$' "$f" | tail -n 30 >&2
    fi
  done
}

# HTTP status code of GET http://127.0.0.1:PORT/ (empty if nothing answers). Pure bash.
http_status() {
  local port=$1 line=""
  line=$(
    timeout 5 bash -c '
      exec 3<>/dev/tcp/127.0.0.1/'"$port"' || exit 1
      printf "GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3
      head -n 1 <&3' 2>/dev/null
  ) || true
  case $line in
    HTTP/*) line=${line#* }; echo "${line%% *}" ;;
  esac
}

port_in_use() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Is our radosgw (of DIR) alive and answering like radosgw on its recorded port?
rgw_answering() {
  pid_alive rgw || return 1
  [ -s "$DIR/rgw.port" ] || return 1
  local code
  code=$(http_status "$(cat "$DIR/rgw.port")")
  [ -n "$code" ]
}

cephc() { timeout 20 ceph -c "$CONF" --connect-timeout 10 "$@"; }

# launch NAME LOGFILE CMD...: run a daemon in the foreground (-f) of its own session, detached
# from our stdio and from the lock, and record its pid.
launch() {
  local name=$1 out=$2
  shift 2
  setsid "$@" </dev/null >>"$out" 2>&1 9>&- &
  local pid=$! i
  echo "$pid" >"$RUN/$name.pid"
  LAUNCHED+=("$name")
  # $! is our forked subshell until it has exec'd the daemon (whose command line names DIR):
  # wait for that, or pid_alive would take the not-yet-exec'd child for a dead daemon.
  for i in $(seq 1 100); do
    pid_alive "$name" && return 0
    [ -d "/proc/$pid" ] || return 0
    sleep 0.05
  done
}

# A start that fails stops again what it launched (unless a test run still holds a lease).
LAUNCHED=()
on_start_exit() {
  local rc=$?
  [ "$rc" -ne 0 ] || return 0
  [ ${#LAUNCHED[@]} -gt 0 ] || return 0
  [ -z "$(live_leases)" ] || return 0
  log "start failed: stopping ${LAUNCHED[*]} (logs stay in $DIR/log)"
  local name
  for name in rgw osd mon; do
    [[ " ${LAUNCHED[*]} " == *" $name "* ]] && stop_one "$name" quiet
  done
  return 0
}

write_conf() {
  local rgw_port=$1
  cat >"$CONF.tmp" <<EOF
# Generated by test/servers/radosgw.sh: a throwaway one-node test cluster. Do not edit.
[global]
fsid = $FSID
mon_host = [v2:127.0.0.1:$MON_PORT]
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_ipv4 = true
ms_bind_ipv6 = false
ms_bind_msgr1 = false
ms_bind_msgr2 = true
auth_cluster_required = cephx
auth_service_required = cephx
auth_client_required = cephx
auth_allow_insecure_global_id_reclaim = false
keyring = $DIR/keyring
run_dir = $RUN
admin_socket = $RUN/\$cluster-\$name.asok
pid_file =
log_file = $DIR/log/\$cluster-\$name.log
mon_cluster_log_file = $DIR/log/\$cluster.\$channel.log
crash_dir = $DIR/crash
mon_data = $DIR/mon/\$cluster-\$id
osd_data = $DIR/osd/\$cluster-\$id
mgr_data = $DIR/mgr/\$cluster-\$id
mds_data = $DIR/mds/\$cluster-\$id
rgw_data = $DIR/rgw/\$cluster-\$id
osd_journal = $DIR/osd/\$cluster-\$id/journal
mon_debug_dump_location = $DIR/log/\$cluster-\$name.tdump
immutable_object_cache_sock = $RUN/immutable_object_cache_sock
gss_ktab_client_file = $DIR/gss_\$name.ktab
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
mon_max_pg_per_osd = 1000
mon_allow_pool_delete = true
mon_warn_on_pool_no_redundancy = false
osd_crush_chooseleaf_type = 0

[mon]
keyring = \$mon_data/keyring

[osd]
osd_objectstore = bluestore
bluestore_block_create = true
bluestore_block_size = 34359738368
bluestore_fsck_on_mount = false

[$RGW_NAME]
rgw_frontends = beast endpoint=127.0.0.1:$rgw_port
rgw_crypt_require_ssl = false
rgw_gc_obj_min_wait = 60
rgw_enable_static_website = true
EOF
  mv "$CONF.tmp" "$CONF"
}

# wait_for DESCRIPTION LOGFILES... -- CONDITION-COMMAND...: poll until the condition holds.
wait_for() {
  local what=$1 logs=() start=$SECONDS
  shift
  while [ "$1" != -- ]; do
    logs+=("$1")
    shift
  done
  shift
  until "$@"; do
    if ((SECONDS - start >= TIMEOUT)); then
      echo "[radosgw.sh] ERROR: timed out after ${TIMEOUT}s waiting for $what" >&2
      tail_log "${logs[@]}"
      exit 1
    fi
    sleep 0.5
  done
  log "$what: ok ($((SECONDS - start)) s)"
}

mon_ready() {
  pid_alive mon || {
    echo "[radosgw.sh] ERROR: ceph-mon exited" >&2
    tail_log "$DIR/log/mon.out" "$DIR/log/ceph-mon.a.log"
    exit 1
  }
  cephc mon stat >/dev/null 2>&1
}

osd_ready() {
  pid_alive osd || {
    echo "[radosgw.sh] ERROR: ceph-osd exited" >&2
    tail_log "$DIR/log/osd.out" "$DIR/log/ceph-osd.0.log"
    exit 1
  }
  # The OSD itself says it has booted (admin socket), and the monitor counts it up.
  timeout 10 ceph -c "$CONF" --admin-daemon "$RUN/ceph-osd.0.asok" status 2>/dev/null |
    grep -q '"state": "active"' || return 1
  cephc osd stat -f json 2>/dev/null | grep -q '"num_up_osds":1'
}

rgw_ready() {
  pid_alive rgw || {
    echo "[radosgw.sh] ERROR: radosgw exited" >&2
    tail_log "$DIR/log/rgw.out" "$DIR/log/ceph-$RGW_NAME.log"
    exit 1
  }
  local code
  code=$(http_status "$RGW_PORT")
  [ -n "$code" ]
}

# ---------------------------------------------------------------------------------------------
# cluster creation (fresh DIR)

create_cluster() {
  log "creating a new cluster in $DIR"
  FSID=$(cat /proc/sys/kernel/random/uuid)
  # The monitor's port is fixed for the life of the cluster (it is in the monmap): pick a free
  # one outside the kernel's ephemeral range.
  local i
  for i in $(seq 1 200); do
    MON_PORT=$((20000 + RANDOM % 12000))
    port_in_use "$MON_PORT" || break
  done
  mkdir -p "$RUN" "$DIR/log" "$DIR/crash" "$DIR/mon/ceph-a" "$DIR/osd/ceph-0" "$DIR/rgw/ceph-rgw.qs"
  printf 'FSID=%s\nMON_PORT=%s\n' "$FSID" "$MON_PORT" >"$DIR/cluster.env"
  write_conf "$RGW_PORT"

  # Keys: mon. for the monitor; client.admin for the CLI; the gateway's own key.
  ceph-authtool --create-keyring "$DIR/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-authtool --create-keyring "$DIR/keyring" --gen-key -n client.admin \
    --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' --cap mds 'allow *' >/dev/null
  ceph-authtool "$DIR/keyring" --gen-key -n "$RGW_NAME" \
    --cap mon 'allow rw' --cap osd 'allow rwx' --cap mgr 'allow rw' >/dev/null
  ceph-authtool "$DIR/mon.keyring" --import-keyring "$DIR/keyring" >/dev/null

  monmaptool --create --fsid "$FSID" --addv a "[v2:127.0.0.1:$MON_PORT]" "$DIR/monmap" >/dev/null
  ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" --keyring "$DIR/mon.keyring" \
    >>"$DIR/log/mkfs.out" 2>&1 || {
    tail_log "$DIR/log/mkfs.out" "$DIR/log/ceph-mon.a.log"
    die "ceph-mon --mkfs failed"
  }
  start_mon

  # Register the OSD (and its key) with the monitor first, then make its store.
  local osd_uuid osd_key osd_id
  osd_uuid=$(cat /proc/sys/kernel/random/uuid)
  osd_key=$(ceph-authtool --gen-print-key)
  printf '{"cephx_secret": "%s"}' "$osd_key" >"$DIR/osd-secret.json"
  osd_id=$(cephc osd new "$osd_uuid" -i "$DIR/osd-secret.json") || die "ceph osd new failed"
  rm -f "$DIR/osd-secret.json"
  [ "$osd_id" = 0 ] || die "expected osd id 0, got '$osd_id'"
  ceph-authtool "$DIR/keyring" -n osd.0 --add-key "$osd_key" >/dev/null
  log "making the OSD's bluestore (sparse file $DIR/osd/ceph-0/block)"
  ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$osd_uuid" >>"$DIR/log/mkfs.out" 2>&1 || {
    tail_log "$DIR/log/mkfs.out" "$DIR/log/ceph-osd.0.log"
    die "ceph-osd --mkfs failed"
  }
  touch "$DIR/created"
}

start_mon() {
  if pid_alive mon; then
    log "ceph-mon already running (pid $(pid_of mon))"
  else
    log "starting ceph-mon on 127.0.0.1:$MON_PORT"
    launch mon "$DIR/log/mon.out" ceph-mon -c "$CONF" -f -i a
  fi
  wait_for "monitor answering" "$DIR/log/mon.out" "$DIR/log/ceph-mon.a.log" -- mon_ready
}

start_osd() {
  if pid_alive osd; then
    log "ceph-osd already running (pid $(pid_of osd))"
  else
    log "starting ceph-osd"
    launch osd "$DIR/log/osd.out" ceph-osd -c "$CONF" -f -i 0
  fi
  wait_for "osd.0 up" "$DIR/log/osd.out" "$DIR/log/ceph-osd.0.log" -- osd_ready
}

start_rgw() {
  log "starting radosgw on 127.0.0.1:$RGW_PORT"
  rm -f "$DIR/rgw.port"
  launch rgw "$DIR/log/rgw.out" radosgw -c "$CONF" -f -n "$RGW_NAME"
  wait_for "radosgw answering on 127.0.0.1:$RGW_PORT" "$DIR/log/rgw.out" "$DIR/log/ceph-$RGW_NAME.log" -- rgw_ready
  echo "$RGW_PORT" >"$DIR/rgw.port"
}

# The zonegroup's api_name is the one LocationConstraint CreateBucket accepts besides none:
# make it QStorage's region, so clients configured for q-world-1 or us-east-1 both work
# (SigV4 itself is accepted with any region name in the credential scope).
ensure_zonegroup() {
  [ -f "$DIR/zonegroup.done" ] && return 0
  log "setting the zonegroup's api_name to $ZONEGROUP_API_NAME"
  # Before radosgw's first start there is no zonegroup yet: any radosgw-admin command that opens
  # the store (user list) creates the default realm-less zone and zonegroup, and their pools.
  if ! timeout 60 radosgw-admin -c "$CONF" zonegroup get >"$DIR/zonegroup.json" 2>>"$DIR/log/admin.out"; then
    timeout 90 radosgw-admin -c "$CONF" user list >/dev/null 2>>"$DIR/log/admin.out" ||
      die "radosgw-admin user list failed (see $DIR/log/admin.out)"
    timeout 60 radosgw-admin -c "$CONF" zonegroup get >"$DIR/zonegroup.json" 2>>"$DIR/log/admin.out" ||
      die "radosgw-admin zonegroup get failed (see $DIR/log/admin.out)"
  fi
  sed -i -E 's/"api_name": "[^"]*"/"api_name": "'"$ZONEGROUP_API_NAME"'"/' "$DIR/zonegroup.json"
  timeout 60 radosgw-admin -c "$CONF" zonegroup set --infile "$DIR/zonegroup.json" >/dev/null 2>>"$DIR/log/admin.out" ||
    die "radosgw-admin zonegroup set failed (see $DIR/log/admin.out)"
  touch "$DIR/zonegroup.done"
}

ensure_users() {
  local stamp="${USERS[*]}" entry uid access secret out
  if [ -f "$DIR/users.done" ] && [ "$(cat "$DIR/users.done")" = "$stamp" ]; then
    return 0
  fi
  for entry in "${USERS[@]}"; do
    read -r uid access secret <<<"$entry"
    if out=$(timeout 60 radosgw-admin -c "$CONF" user info --uid "$uid" 2>/dev/null); then
      if ! grep -qF "\"access_key\": \"$access\"" <<<"$out" || ! grep -qF "\"secret_key\": \"$secret\"" <<<"$out"; then
        log "setting the S3 key of user $uid"
        timeout 60 radosgw-admin -c "$CONF" key create --uid "$uid" --key-type s3 \
          --access-key "$access" --secret-key "$secret" >/dev/null || die "radosgw-admin key create $uid failed"
      fi
    else
      log "creating S3 user $uid"
      timeout 60 radosgw-admin -c "$CONF" user create --uid "$uid" --display-name "QStorage test user $uid" \
        --access-key "$access" --secret-key "$secret" >/dev/null || die "radosgw-admin user create $uid failed"
    fi
  done
  echo "$stamp" >"$DIR/users.done"
}

# Leases: one file per process (pid) that uses the server; see `stop --lease`.
add_lease() { [ -z "$LEASE" ] || { mkdir -p "$DIR/leases" && : >"$DIR/leases/$LEASE"; }; }
live_leases() {
  local f pid
  [ -d "$DIR/leases" ] || return 0
  for f in "$DIR/leases"/*; do
    [ -e "$f" ] || continue
    pid=${f##*/}
    if [ -d "/proc/$pid" ]; then echo "$pid"; else rm -f "$f"; fi
  done
}

setup_dir() {
  DIR=$1
  mkdir -p "$DIR"
  DIR=$(cd "$DIR" && pwd -P)
  CONF=$DIR/ceph.conf
  RUN=$DIR/run
  # One start/stop at a time per DIR. Daemons are launched with fd 9 closed, so they never hold it.
  exec 9>>"$DIR/.lock"
  if ! flock -w "$((TIMEOUT * 3))" 9; then die "another radosgw.sh holds $DIR/.lock"; fi
}

load_cluster_env() {
  # shellcheck disable=SC1091
  . "$DIR/cluster.env"
}

# ---------------------------------------------------------------------------------------------
# start / stop

cmd_start() {
  [ $# -ge 2 ] || usage
  local dir=$1
  RGW_PORT=$2
  shift 2
  LEASE=""
  while [ $# -gt 0 ]; do
    case $1 in
      --lease) LEASE=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ $RGW_PORT =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$RGW_PORT'"
  need_tools
  local t0=$SECONDS
  setup_dir "$dir"
  trap on_start_exit EXIT
  case $(stat -f -c %T "$DIR") in
    tmpfs | ramfs) die "$DIR is on tmpfs: bluestore needs O_DIRECT; use a directory on a disk" ;;
  esac

  if [ ! -f "$DIR/created" ]; then
    # Fresh, or a creation that did not finish: start over, but never wipe a directory that is
    # not ours.
    if [ -n "$(ls -A "$DIR" | grep -v -e '^\.lock$')" ] && [ ! -f "$DIR/$MARKER" ] &&
      ! grep -qs '^# Generated by test/servers/radosgw.sh' "$CONF"; then
      die "$DIR is not empty and not a radosgw.sh cluster: refusing to use it"
    fi
    stop_daemons quiet
    find "$DIR" -mindepth 1 -maxdepth 1 ! -name .lock -exec rm -rf {} +
    touch "$DIR/$MARKER"
    create_cluster
  else
    load_cluster_env
    log "reusing the cluster in $DIR"
  fi

  # A gateway of this DIR that runs and answers is kept as it is (whatever port it has).
  if rgw_answering; then
    local port
    port=$(cat "$DIR/rgw.port")
    [ "$port" = "$RGW_PORT" ] || log "radosgw of $DIR already answers on port $port: reusing it"
    RGW_PORT=$port
    write_conf "$RGW_PORT"
    start_mon
    start_osd
    # Running daemons started by hand stay under manual control.
    [ -n "$LEASE" ] || rm -f "$RUN/leased"
  else
    if pid_alive rgw; then
      log "radosgw (pid $(pid_of rgw)) does not answer: restarting it"
      stop_one rgw
    fi
    if port_in_use "$RGW_PORT"; then die "port $RGW_PORT on 127.0.0.1 is already taken"; fi
    write_conf "$RGW_PORT"
    start_mon
    start_osd
    ensure_zonegroup
    start_rgw
    if [ -n "$LEASE" ]; then : >"$RUN/leased"; else rm -f "$RUN/leased"; fi
  fi
  ensure_users
  add_lease
  log "ready in $((SECONDS - t0)) s"
  echo "S3_ENDPOINT=http://127.0.0.1:$RGW_PORT"
}

# Does process PID still run? A zombie that is not reaped yet has exited -- unless only its main
# thread has (the leader shows Z while the daemon's other threads still shut down).
proc_running() {
  local status
  status=$(cat "/proc/$1/status" 2>/dev/null) || return 1
  grep -q '^State:[[:space:]]*Z' <<<"$status" || return 0
  [ "$(awk '/^Threads:/ {print $2}' <<<"$status")" -gt 1 ] 2>/dev/null
}

# stop_one NAME: SIGTERM, wait (bounded), then SIGKILL.
stop_one() {
  local name=$1 pid i
  pid_alive "$name" || { rm -f "$RUN/$name.pid"; return 0; }
  pid=$(pid_of "$name")
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    proc_running "$pid" || break
    sleep 0.2
  done
  if proc_running "$pid"; then
    log "$name (pid $pid) did not exit within 30 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      proc_running "$pid" || break
      sleep 0.2
    done
  fi
  rm -f "$RUN/$name.pid"
  [ "${2:-}" = quiet ] || log "stopped $name (pid $pid)"
}

stop_daemons() {
  [ -d "${RUN:-}" ] || return 0
  stop_one rgw "$@"
  stop_one osd "$@"
  stop_one mon "$@"
  rm -f "$DIR/rgw.port" "$RUN/leased"
}

cmd_stop() {
  [ $# -ge 1 ] || usage
  local dir=$1
  shift
  LEASE=""
  while [ $# -gt 0 ]; do
    case $1 in
      --lease) LEASE=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  [ -d "$dir" ] || { log "$dir does not exist: nothing to stop"; return 0; }
  setup_dir "$dir"
  if [ -n "$LEASE" ]; then
    rm -f "$DIR/leases/$LEASE"
    local others
    others=$(live_leases | tr '\n' ' ')
    if [ -n "$others" ]; then
      log "still used by pid(s) $others: leaving it running"
      return 0
    fi
    if [ ! -f "$RUN/leased" ]; then
      log "the daemons were not started by a test run: leaving them running"
      return 0
    fi
  fi
  stop_daemons
  rm -rf "$DIR/leases"
  log "stopped"
}

cmd_status() {
  [ $# -eq 1 ] || usage
  [ -d "$1" ] || exit 1
  DIR=$(cd "$1" && pwd -P)
  CONF=$DIR/ceph.conf
  RUN=$DIR/run
  rgw_answering || exit 1
  echo "S3_ENDPOINT=http://127.0.0.1:$(cat "$DIR/rgw.port")"
}

case ${1:-} in
  install) cmd_install ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  *) usage ;;
esac
