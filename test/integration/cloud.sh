#!/bin/bash
# Real OpenStack test bed: two independent OpenStack (Zed) instances from
# Debian 12's library packages, on 127.0.0.1 only.
#
#   cloud.sh install                       apt packages (idempotent)
#   cloud.sh start  [InstanceOne InstanceTwo]
#   cloud.sh stop   [names]                WIPE=1 also deletes the state
#   cloud.sh status [names]
#
# See README.md beside this file.
set -euo pipefail

export PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin
unset PYTHONPATH VIRTUAL_ENV PYTHONHOME PYENV_VERSION || true
export LC_ALL=C.UTF-8

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE_ROOT="${CLOUD_STATE_ROOT:-$HERE/state}"
CONF_DIR="$HERE/conf"
LIB_DIR="$HERE/lib"
DEFAULT_INSTANCES=(InstanceOne InstanceTwo)

ADMIN_PASS="${ADMIN_PASS:-secret}"
DEMO_PASS="${DEMO_PASS:-secret}"
SERVICE_PASS="${SERVICE_PASS:-servicepass}"
PG_PORT="${PG_PORT:-15900}"
PG_DIR="$STATE_ROOT/postgres"
PG_BIN=/usr/lib/postgresql/15/bin
PG_USER=postgres
START_TIMEOUT="${START_TIMEOUT:-240}"
PY=/usr/bin/python3

APT_PACKAGES=(
  python3-keystone uwsgi-core uwsgi-plugin-python3
  python3-glance
  python3-placement python3-nova rabbitmq-server
  python3-neutron
  python3-cinder qemu-utils
  postgresql-15 postgresql-client-15 python3-psycopg2
  python3-openstackclient
  sqlite3 curl iproute2
)

die() { echo "cloud.sh: ERROR: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*"; }

# ---------------------------------------------------------------- install
cmd_install() {
  [ "$(id -u)" = 0 ] || die "install must run as root"
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# installed by openstackoid test/integration/cloud.sh: no daemon starts on install\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
  fi
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "all packages already installed"
  else
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get -o DPkg::Lock::Timeout=900 -y --no-install-recommends install "${missing[@]}"; then
      log "apt-get install failed; running apt-get update and retrying"
      apt-get -o DPkg::Lock::Timeout=900 update || die "apt-get update failed"
      apt-get -o DPkg::Lock::Timeout=900 -y --no-install-recommends install "${missing[@]}" \
        || die "apt-get install of ${missing[*]} failed"
    fi
  fi
  # verify: every package present and the python modules importable
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || die "package $p is not installed"
  done
  "$PY" -c 'import keystone, glance, placement, nova, neutron, cinder, psycopg2, openstack' \
    || die "python modules of the OpenStack packages cannot be imported by $PY"
  command -v qemu-img >/dev/null || die "qemu-img missing (package qemu-utils; cinder converts images with it)"
  [ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb missing"
  id "$PG_USER" >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash "$PG_USER" \
    || die "cannot create user $PG_USER"
  log "install OK"
}

# ---------------------------------------------------------------- helpers
# base port per instance: env <UPPERCASE NAME>_BASE_PORT, e.g. INSTANCEONE_BASE_PORT
base_port() {
  local name="$1" var; var="$(echo "$1" | tr '[:lower:]' '[:upper:]' | tr -c 'A-Z0-9\n' '_')_BASE_PORT"
  if [ -n "${!var:-}" ]; then echo "${!var}"; return; fi
  case "$name" in
    InstanceOne) echo 15000 ;;
    InstanceTwo) echo 15100 ;;
    *) die "no base port for instance '$name': set $var" ;;
  esac
}
# short prefix for database/role names
db_prefix() {
  case "$1" in
    InstanceOne) echo one ;;
    InstanceTwo) echo two ;;
    *) echo "$1" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9\n' '_' ;;
  esac
}
port_in_use() { ss -Hltn "( sport = :$1 )" 2>/dev/null | grep -q .; }
# PID 1 of this machine reaps orphans slowly: a killed process can stay a zombie
# for a long time, so "alive" means present and not in state Z.
pid_alive() {
  [ -n "${1:-}" ] || return 1
  local st; st="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
  [ -n "$st" ] && [ "$st" != Z ]
}
group_alive() { ps -eo pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ {f = 1} END {exit !f}'; }
randhex() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
tail_log() { # file [lines]
  local f="$1" n="${2:-40}"
  if [ -f "$f" ]; then
    echo "----- last $n lines of $f -----" >&2
    tail -n "$n" "$f" >&2
    echo "-----" >&2
  fi
}

# ---------------------------------------------------------------- postgres (one server, shared)
pg_pidfile() { echo "$PG_DIR/postgres.pid"; }
pg_running() { local p; p="$(cat "$(pg_pidfile)" 2>/dev/null || true)"; pid_alive "$p"; }
psql_admin() { # psql as superuser over the unix socket
  psql -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR/run" -p "$PG_PORT" -U postgres -d postgres "$@"
}
pg_start() {
  mkdir -p "$STATE_ROOT"
  exec 8>"$STATE_ROOT/.postgres.lock"
  flock 8
  if pg_running; then flock -u 8; return 0; fi
  id "$PG_USER" >/dev/null 2>&1 || die "user $PG_USER missing: run '$0 install'"
  if port_in_use "$PG_PORT"; then die "port $PG_PORT (PostgreSQL, env PG_PORT) is already in use by another process"; fi
  local t0=$SECONDS
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    rm -rf "$PG_DIR"; mkdir -p "$PG_DIR/data" "$PG_DIR/run"
    chown -R "$PG_USER:" "$PG_DIR"; chmod 700 "$PG_DIR/data" "$PG_DIR/run"
    setpriv --reuid="$PG_USER" --regid="$(id -g "$PG_USER")" --clear-groups \
      "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 \
      || { tail_log "$PG_DIR/initdb.log"; die "initdb failed"; }
  fi
  chown "$PG_USER:" "$PG_DIR/run"; chmod 700 "$PG_DIR/run"
  : >"$PG_DIR/postgres.log"; chown "$PG_USER:" "$PG_DIR/postgres.log"
  # test-bed settings: loopback only, no durability (fast), enough connections for 2 instances
  setsid setpriv --reuid="$PG_USER" --regid="$(id -g "$PG_USER")" --clear-groups \
    "$PG_BIN/postgres" -D "$PG_DIR/data" -p "$PG_PORT" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories="$PG_DIR/run" \
    -c max_connections=400 -c shared_buffers=128MB -c fsync=off \
    -c synchronous_commit=off -c full_page_writes=off -c log_min_messages=warning \
    >>"$PG_DIR/postgres.log" 2>&1 </dev/null &
  echo $! >"$(pg_pidfile)"
  local i
  for i in $(seq 1 150); do
    if pg_isready -q -h "$PG_DIR/run" -p "$PG_PORT"; then break; fi
    pg_running || { tail_log "$PG_DIR/postgres.log"; die "postgres exited"; }
    sleep 0.2
  done
  pg_isready -q -h "$PG_DIR/run" -p "$PG_PORT" || { tail_log "$PG_DIR/postgres.log"; die "postgres not ready after 30 s"; }
  log "postgres up on 127.0.0.1:$PG_PORT in $((SECONDS - t0)) s"
  flock -u 8
}
pg_stop() {
  local p; p="$(cat "$(pg_pidfile)" 2>/dev/null || true)"
  if pid_alive "$p"; then
    kill -INT "$p" 2>/dev/null || true   # fast shutdown
    local i; for i in $(seq 1 100); do pid_alive "$p" || break; sleep 0.1; done
    pid_alive "$p" && kill -KILL -- "-$p" 2>/dev/null || true
    log "postgres stopped"
  fi
  rm -f "$(pg_pidfile)"
}
pg_create_dbs() { # prefix password
  local pre="$1" pw="$2" db
  {
    echo "SET client_min_messages = warning;"
    for db in nova_api nova_cell0 nova_cell1 neutron cinder; do
      echo "DROP DATABASE IF EXISTS ${pre}_${db} WITH (FORCE);"
    done
    echo "DROP ROLE IF EXISTS ${pre};"
    echo "CREATE ROLE ${pre} LOGIN PASSWORD '${pw}';"
    for db in nova_api nova_cell0 nova_cell1 neutron cinder; do
      echo "CREATE DATABASE ${pre}_${db} OWNER ${pre} TEMPLATE template0 ENCODING 'UTF8';"
    done
  } | psql_admin -f -
}

# ---------------------------------------------------------------- config generation
write_configs() { # uses globals of start_instance
  local ks="http://127.0.0.1:$P_KS/v3"
  authtoken() { # user
    cat <<EOF
[keystone_authtoken]
www_authenticate_uri = $ks
auth_url = $ks
auth_type = password
username = $1
password = $SERVICE_PASS
project_name = service
user_domain_name = Default
project_domain_name = Default
region_name = $NAME
service_token_roles_required = true
EOF
  }
  policy() { printf '[oslo_policy]\nenforce_new_defaults = false\nenforce_scope = false\n'; }

  # keystone
  cat >"$SD/keystone/keystone.conf" <<EOF
[DEFAULT]
use_stderr = true
[database]
connection = sqlite:///$SD/keystone/keystone.sqlite
[token]
provider = fernet
[fernet_tokens]
key_repository = $SD/keystone/fernet-keys
[fernet_receipts]
key_repository = $SD/keystone/fernet-keys
[credential]
key_repository = $SD/keystone/credential-keys
[identity]
password_hash_rounds = 4
[cache]
enabled = true
backend = dogpile.cache.memory
EOF

  # glance
  cp "$CONF_DIR/glance-api-paste.ini" "$SD/glance/glance-api-paste.ini"
  cat >"$SD/glance/glance-api.conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $P_GLANCE
workers = 0
public_endpoint = http://127.0.0.1:$P_GLANCE
enabled_backends = file:file
use_stderr = true
[database]
connection = sqlite:///$SD/glance/glance.sqlite
[paste_deploy]
flavor = keystone
config_file = $SD/glance/glance-api-paste.ini
[glance_store]
default_backend = file
[file]
filesystem_store_datadir = $SD/glance/images/
[os_glance_staging_store]
filesystem_store_datadir = $SD/glance/staging/
[os_glance_tasks_store]
filesystem_store_datadir = $SD/glance/tasks/
[oslo_concurrency]
lock_path = $SD/glance/lock
$(policy)
$(authtoken glance)
EOF

  # placement
  cat >"$SD/placement/placement.conf" <<EOF
[DEFAULT]
use_stderr = true
[placement_database]
connection = sqlite:///$SD/placement/placement.sqlite
[api]
auth_strategy = keystone
$(policy)
$(authtoken placement)
EOF

  # nova
  cp "$CONF_DIR/nova-api-paste.ini" "$SD/nova/api-paste.ini"
  local pg="postgresql+psycopg2://$PRE:$PG_PASS@127.0.0.1:$PG_PORT"
  NOVA_CELL0_URL="$pg/${PRE}_nova_cell0"
  cat >"$SD/nova/nova.conf" <<EOF
[DEFAULT]
host = $NAME-compute
my_ip = 127.0.0.1
compute_driver = fake.FakeDriver
transport_url = $TRANSPORT_URL
enabled_apis = osapi_compute
periodic_fuzzy_delay = 0
state_path = $SD/nova
instances_path = $SD/nova/instances
use_stderr = true
[wsgi]
api_paste_config = $SD/nova/api-paste.ini
[api_database]
connection = $pg/${PRE}_nova_api
max_pool_size = 5
max_overflow = 20
[database]
connection = $pg/${PRE}_nova_cell1
max_pool_size = 5
max_overflow = 20
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 2
[oslo_messaging_notifications]
driver = noop
[oslo_concurrency]
lock_path = $SD/nova/lock
[vnc]
enabled = false
[spice]
enabled = false
[glance]
region_name = $NAME
[placement]
region_name = $NAME
auth_type = password
auth_url = $ks
username = placement
password = $SERVICE_PASS
project_name = service
user_domain_name = Default
project_domain_name = Default
[neutron]
region_name = $NAME
auth_type = password
auth_url = $ks
username = neutron
password = $SERVICE_PASS
project_name = service
user_domain_name = Default
project_domain_name = Default
[cinder]
os_region_name = $NAME
catalog_info = volumev3::publicURL
auth_type = password
auth_url = $ks
username = nova
password = $SERVICE_PASS
project_name = service
user_domain_name = Default
project_domain_name = Default
[service_user]
# Cinder (since the fix of bug 2004555) deletes an in-use attachment only for a
# request that carries nova's service token: detach and server delete need it
send_service_user_token = true
auth_type = password
auth_url = $ks
username = nova
password = $SERVICE_PASS
project_name = service
user_domain_name = Default
project_domain_name = Default
$(policy)
$(authtoken nova)
EOF

  # nova-compute gets no database credentials (as in production): strip both DB sections
  awk '/^\[/{skip = ($0 == "[database]" || $0 == "[api_database]")} !skip' \
    "$SD/nova/nova.conf" >"$SD/nova/nova-compute.conf"

  # neutron
  cp "$CONF_DIR/neutron-api-paste.ini" "$SD/neutron/api-paste.ini"
  cat >"$SD/neutron/neutron.conf" <<EOF
[DEFAULT]
host = $NAME-network
bind_host = 127.0.0.1
bind_port = $P_NEUTRON
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
api_paste_config = $SD/neutron/api-paste.ini
state_path = $SD/neutron
transport_url = $TRANSPORT_URL
api_workers = 0
rpc_workers = 1
rpc_state_report_workers = 0
allow_overlapping_ips = true
dhcp_agent_notification = false
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
use_stderr = true
[database]
connection = $pg/${PRE}_neutron
max_pool_size = 5
max_overflow = 20
[nova]
region_name = $NAME
auth_type = password
auth_url = $ks
username = nova
password = $SERVICE_PASS
project_name = service
user_domain_name = Default
project_domain_name = Default
endpoint_type = public
[oslo_concurrency]
lock_path = $SD/neutron/lock
[oslo_messaging_notifications]
driver = noop
$(policy)
$(authtoken neutron)
EOF
  cat >"$SD/neutron/ml2_conf.ini" <<EOF
[ml2]
type_drivers = local,flat,vlan
tenant_network_types = local
mechanism_drivers = openstackoid_bind_any
extension_drivers = port_security
[ml2_type_flat]
flat_networks = *
[ml2_type_vlan]
network_vlan_ranges = physnet1:100:199
[securitygroup]
enable_security_group = true
EOF

  # cinder: api (uwsgi), scheduler, volume with the file-backed test driver
  # (lib/openstackoid_testbed_cinder.py: this kernel has no device-mapper for LVM)
  cp "$CONF_DIR/cinder-api-paste.ini" "$SD/cinder/api-paste.ini"
  cp "$CONF_DIR/cinder-resource_filters.json" "$SD/cinder/resource_filters.json"
  cat >"$SD/cinder/cinder.conf" <<EOF
[DEFAULT]
host = $NAME-block
my_ip = 127.0.0.1
transport_url = $TRANSPORT_URL
auth_strategy = keystone
api_paste_config = $SD/cinder/api-paste.ini
resource_query_filters_file = $SD/cinder/resource_filters.json
state_path = $SD/cinder
image_conversion_dir = $SD/cinder/conversion
glance_api_servers = http://127.0.0.1:$P_GLANCE
enabled_backends = file
osapi_volume_workers = 1
use_stderr = true
[database]
connection = $pg/${PRE}_cinder
max_pool_size = 5
max_overflow = 20
[file]
volume_driver = openstackoid_testbed_cinder.FileVolumeDriver
volume_backend_name = file
file_volumes_dir = $SD/volumes
[key_manager]
backend = cinder.keymgr.conf_key_mgr.ConfKeyManager
fixed_key = $(randhex)
[nova]
region_name = $NAME
interface = public
auth_type = password
auth_url = $ks
username = nova
password = $SERVICE_PASS
project_name = service
user_domain_name = Default
project_domain_name = Default
[coordination]
backend_url = file://$SD/cinder/lock
[oslo_concurrency]
lock_path = $SD/cinder/lock
[oslo_messaging_notifications]
driver = noop
$(policy)
$(authtoken cinder)
EOF

  # rabbitmq (own node + own epmd)
  cat >"$SD/rabbit/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$P_AMQP
loopback_users.guest = true
management.tcp.ip = 127.0.0.1
EOF
  echo '[].' >"$SD/rabbit/enabled_plugins"
  echo '[].' >"$SD/rabbit/advanced.config"
  : >"$SD/rabbit/rabbitmq-env.conf"
}

# ---------------------------------------------------------------- process helpers (per instance)
svc_start() { # svc cmd...   (setsid: the PID is a process-group leader)
  local svc="$1"; shift
  setsid "$@" >"$SD/log/$svc.log" 2>&1 </dev/null &
  echo $! >"$SD/pids/$svc.pid"
}
svc_pid() { cat "$SD/pids/$1.pid" 2>/dev/null || true; }
svc_fail() { # svc message
  tail_log "$SD/log/$1.log" 60
  die "[$NAME] $2 (log: $SD/log/$1.log)"
}
job_start() { # name cmd...  background set-up step, log in log/setup-NAME.log
  local j="$1"; shift
  ( "$@" ) >"$SD/log/setup-$j.log" 2>&1 </dev/null &
  JOBS[$j]=$!
}
job_wait() { # name
  local j="$1" t=$SECONDS
  if ! wait "${JOBS[$j]}"; then
    tail_log "$SD/log/setup-$j.log" 60
    die "[$NAME] set-up step '$j' failed (log: $SD/log/setup-$j.log)"
  fi
  [ $((SECONDS - t)) -gt 0 ] && log "[$NAME] waited $((SECONDS - t)) s for $j" || true
}
wait_http() { # svc url
  local svc="$1" url="$2" deadline=$((SECONDS + START_TIMEOUT)) code
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$url" || true)"
    case "$code" in 000|502|503|504) ;; *) return 0 ;; esac
    pid_alive "$(svc_pid "$svc")" || svc_fail "$svc" "$svc exited before answering on $url"
    [ $SECONDS -lt $deadline ] || svc_fail "$svc" "$svc did not answer on $url within ${START_TIMEOUT} s"
    sleep 0.2
  done
}
wait_port() { # svc port
  local svc="$1" port="$2" deadline=$((SECONDS + START_TIMEOUT))
  until port_in_use "$port"; do
    pid_alive "$(svc_pid "$svc")" || svc_fail "$svc" "$svc exited before listening on $port"
    [ $SECONDS -lt $deadline ] || svc_fail "$svc" "$svc not listening on $port within ${START_TIMEOUT} s"
    sleep 0.2
  done
}
pyrun() { "$PY" "$LIB_DIR/pyrun.py" "$@"; }

# ---------------------------------------------------------------- start one instance
start_instance() {
  NAME="$1"; SD="$STATE_ROOT/$NAME"
  local base; base="$(base_port "$NAME")"
  P_KS=$base; P_GLANCE=$((base + 1)); P_PLACEMENT=$((base + 2)); P_NOVA=$((base + 3))
  P_AMQP=$((base + 4)); P_DIST=$((base + 5)); P_EPMD=$((base + 6)); P_NEUTRON=$((base + 7))
  P_CINDER=$((base + 8))
  PRE="$(db_prefix "$NAME")"
  local T0=$SECONDS p
  declare -gA JOBS=()

  instance_running "$NAME" && { log "[$NAME] running: stopping it first"; stop_instance "$NAME"; }
  for p in $P_KS $P_GLANCE $P_PLACEMENT $P_NOVA $P_AMQP $P_DIST $P_EPMD $P_NEUTRON $P_CINDER; do
    port_in_use "$p" && die "[$NAME] port $p is already in use (base port $base; override with $(echo "$NAME" | tr '[:lower:]' '[:upper:]')_BASE_PORT): $(ss -Hltnp "( sport = :$p )" | head -1)"
  done
  rm -rf "$SD"
  mkdir -p "$SD"/{log,pids} "$SD/keystone" "$SD/glance"/{images,staging,tasks,lock} "$SD/placement" \
    "$SD/nova"/{instances,lock} "$SD/neutron/lock" "$SD/rabbit"/{home,mnesia,log} \
    "$SD/cinder"/{conversion,lock} "$SD/volumes"
  echo "$base" >"$SD/base_port"
  PG_PASS="$(randhex)"; echo "$PG_PASS" >"$SD/pg_password"; chmod 600 "$SD/pg_password"
  TRANSPORT_URL="rabbit://guest:guest@127.0.0.1:$P_AMQP/"
  write_configs

  # 1. rabbitmq (boots in ~10 s, in the background) + the PostgreSQL databases
  svc_start epmd epmd -address 127.0.0.1 -port "$P_EPMD"
  wait_port epmd "$P_EPMD"
  svc_start rabbitmq env HOME="$SD/rabbit/home" ERL_EPMD_PORT="$P_EPMD" \
    RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$P_AMQP" RABBITMQ_DIST_PORT="$P_DIST" \
    RABBITMQ_MNESIA_BASE="$SD/rabbit/mnesia" RABBITMQ_LOG_BASE="$SD/rabbit/log" \
    RABBITMQ_CONFIG_FILE="$SD/rabbit/rabbitmq.conf" RABBITMQ_ADVANCED_CONFIG_FILE="$SD/rabbit/advanced.config" \
    RABBITMQ_CONF_ENV_FILE="$SD/rabbit/rabbitmq-env.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$SD/rabbit/enabled_plugins" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}" \
    /usr/lib/rabbitmq/bin/rabbitmq-server
  pg_create_dbs "$PRE" "$PG_PASS" >"$SD/log/setup-pg.log" 2>&1 || { tail_log "$SD/log/setup-pg.log"; die "[$NAME] creating the PostgreSQL databases failed"; }

  # 2. database set-up, in parallel
  job_start keystone "$PY" "$LIB_DIR/keystone_setup.py" "$SD/keystone/keystone.conf" \
    "$SD/keystone/keystone.sqlite" "$NAME" "http://127.0.0.1:$P_KS/v3" "$ADMIN_PASS"
  job_start glance bash -c "set -e
    $PY $LIB_DIR/pyrun.py glance.cmd.manage:main glance-manage --config-file $SD/glance/glance-api.conf db sync
    sqlite3 $SD/glance/glance.sqlite 'PRAGMA journal_mode=WAL;'
    placement-manage --config-file $SD/placement/placement.conf db sync
    sqlite3 $SD/placement/placement.sqlite 'PRAGMA journal_mode=WAL;'"
  job_start nova "$PY" "$LIB_DIR/nova_dbsetup.py" "$SD/nova/nova.conf" "$NOVA_CELL0_URL"
  job_start neutron "$PY" "$LIB_DIR/pyrun.py" neutron.db.migration.cli:main neutron-db-manage \
    --config-file "$SD/neutron/neutron.conf" --config-file "$SD/neutron/ml2_conf.ini" upgrade heads
  job_start cinder "$PY" "$LIB_DIR/pyrun.py" cinder.cmd.manage:main cinder-manage \
    --config-file "$SD/cinder/cinder.conf" db sync

  # 3. keystone, then the catalog (background)
  job_wait keystone
  svc_start keystone uwsgi --plugin python3 --master --die-on-term --need-app --processes 1 --threads 1 \
    --lazy-apps --buffer-size 65535 --add-header "Connection: close" --http-socket "127.0.0.1:$P_KS" \
    --wsgi-file /usr/bin/keystone-wsgi-public --env "OS_KEYSTONE_CONFIG_DIR=$SD/keystone"
  wait_http keystone "http://127.0.0.1:$P_KS/v3"
  log "[$NAME] keystone up at $((SECONDS - T0)) s"
  export KS_URL="http://127.0.0.1:$P_KS/v3" REGION="$NAME" ADMIN_PASS SERVICE_PASS DEMO_PASS \
    GLANCE_URL="http://127.0.0.1:$P_GLANCE" PLACEMENT_URL="http://127.0.0.1:$P_PLACEMENT" \
    NOVA_URL="http://127.0.0.1:$P_NOVA/v2.1" NEUTRON_URL="http://127.0.0.1:$P_NEUTRON" \
    CINDER_URL="http://127.0.0.1:$P_CINDER/v3/\$(project_id)s"
  job_start catalog "$PY" "$LIB_DIR/catalog_setup.py" catalog

  # 4. glance, placement
  job_wait glance
  svc_start glance "$PY" "$LIB_DIR/pyrun.py" glance.cmd.api:main glance-api --config-file "$SD/glance/glance-api.conf"
  svc_start placement uwsgi --plugin python3 --master --die-on-term --need-app --processes 1 --threads 1 \
    --lazy-apps --buffer-size 65535 --add-header "Connection: close" --http-socket "127.0.0.1:$P_PLACEMENT" \
    --wsgi-file /usr/bin/placement-api --env "OS_PLACEMENT_CONFIG_DIR=$SD/placement"

  # 5. neutron-server, nova-api
  job_wait neutron
  svc_start neutron "$PY" "$LIB_DIR/pyrun.py" neutron.cmd.eventlet.server:main neutron-server \
    --config-file "$SD/neutron/neutron.conf" --config-file "$SD/neutron/ml2_conf.ini"
  job_wait nova
  svc_start nova-api uwsgi --plugin python3 --master --die-on-term --need-app --processes 1 --threads 1 \
    --lazy-apps --buffer-size 65535 --add-header "Connection: close" --http-socket "127.0.0.1:$P_NOVA" \
    --wsgi-file "$LIB_DIR/nova-api.wsgi" --env "OS_NOVA_CONFIG_DIR=$SD/nova"
  wait_port rabbitmq "$P_AMQP"
  log "[$NAME] rabbitmq up at $((SECONDS - T0)) s"
  job_wait catalog
  job_wait cinder
  svc_start cinder-api uwsgi --plugin python3 --master --die-on-term --need-app --processes 1 --threads 1 \
    --lazy-apps --buffer-size 65535 --add-header "Connection: close" --http-socket "127.0.0.1:$P_CINDER" \
    --wsgi-file "$LIB_DIR/cinder-api.wsgi" --env "OS_CINDER_CONFIG_FILE=$SD/cinder/cinder.conf"
  local s
  for s in scheduler volume; do
    svc_start "cinder-$s" "$PY" "$LIB_DIR/pyrun.py" "cinder.cmd.$s:main" "cinder-$s" --config-file "$SD/cinder/cinder.conf"
  done
  wait_http placement "http://127.0.0.1:$P_PLACEMENT/"
  log "[$NAME] placement up at $((SECONDS - T0)) s"

  # 6. nova services (after placement answers, see reference error 6)
  for s in conductor scheduler; do
    svc_start "nova-$s" "$PY" "$LIB_DIR/pyrun.py" "nova.cmd.$s:main" "nova-$s" --config-file "$SD/nova/nova.conf"
  done
  svc_start nova-compute "$PY" "$LIB_DIR/pyrun.py" nova.cmd.compute:main nova-compute --config-file "$SD/nova/nova-compute.conf"
  wait_http glance "http://127.0.0.1:$P_GLANCE/"
  wait_http nova-api "http://127.0.0.1:$P_NOVA/"
  job_start flavors "$PY" "$LIB_DIR/catalog_setup.py" flavors
  wait_http neutron "http://127.0.0.1:$P_NEUTRON/"
  wait_http cinder-api "http://127.0.0.1:$P_CINDER/"
  log "[$NAME] all APIs answer at $((SECONDS - T0)) s"

  # 7. compute host mapped (scheduler's discover_hosts_in_cells_interval) and its inventory in placement
  local deadline=$((SECONDS + START_TIMEOUT)) token inv=0 mapped=0
  token="$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d \
    "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\",\"domain\":{\"name\":\"Default\"},\"password\":\"$ADMIN_PASS\"}}},\"scope\":{\"project\":{\"name\":\"admin\",\"domain\":{\"name\":\"Default\"}}}}}" \
    "http://127.0.0.1:$P_KS/v3/auth/tokens" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: //p')"
  [ -n "$token" ] || die "[$NAME] cannot get an admin token from keystone"
  while :; do
    mapped="$(PGPASSWORD="$PG_PASS" psql -X -qtA -h 127.0.0.1 -p "$PG_PORT" -U "$PRE" -d "${PRE}_nova_api" \
      -c "select count(*) from host_mappings where host = '$NAME-compute'" 2>/dev/null || echo 0)"
    if [ "$mapped" = 1 ]; then
      inv="$(curl -s -H "X-Auth-Token: $token" -H 'OpenStack-API-Version: placement 1.6' \
        "http://127.0.0.1:$P_PLACEMENT/resource_providers?resources=VCPU:1" | "$PY" -c \
        'import json,sys; print(len(json.load(sys.stdin).get("resource_providers", [])))' 2>/dev/null || echo 0)"
      [ "$inv" -ge 1 ] && break
    fi
    for s in nova-conductor nova-scheduler nova-compute; do
      pid_alive "$(svc_pid "$s")" || svc_fail "$s" "$s exited"
    done
    [ $SECONDS -lt $deadline ] || svc_fail nova-compute "compute host not mapped with inventory within ${START_TIMEOUT} s (mapped=$mapped providers=$inv)"
    sleep 0.5
  done
  # 8. cinder-scheduler and cinder-volume (backend 'file') registered and reporting
  local up=0
  while :; do
    up="$(PGPASSWORD="$PG_PASS" psql -X -qtA -h 127.0.0.1 -p "$PG_PORT" -U "$PRE" -d "${PRE}_cinder" -c \
      "select count(*) from services where not deleted and updated_at is not null and
         ((topic = 'cinder-volume' and host = '$NAME-block@file') or (topic = 'cinder-scheduler' and host = '$NAME-block'))" \
      2>/dev/null || echo 0)"
    [ "$up" = 2 ] && break
    for s in cinder-api cinder-scheduler cinder-volume; do
      pid_alive "$(svc_pid "$s")" || svc_fail "$s" "$s exited"
    done
    [ $SECONDS -lt $deadline ] || svc_fail cinder-volume "cinder-scheduler/cinder-volume not reporting within ${START_TIMEOUT} s ($up of 2)"
    sleep 0.5
  done
  job_wait flavors
  date +%s >"$SD/ready"
  log "[$NAME] READY in $((SECONDS - T0)) s: keystone http://127.0.0.1:$P_KS/v3 region $NAME"
}

instance_pids() { # name -> "svc pid" lines of live recorded processes
  local d="$STATE_ROOT/$1/pids" f p
  [ -d "$d" ] || return 0
  for f in "$d"/*.pid; do
    [ -e "$f" ] || continue
    p="$(cat "$f")"; pid_alive "$p" && echo "$(basename "$f" .pid) $p"
  done
  return 0
}
instance_running() { [ -n "$(instance_pids "$1")" ]; }

stop_instance() {
  # order from the reference: the API and nova services, neutron, placement, glance,
  # keystone (all TERMed together), then rabbitmq, then epmd LAST (reference error 8)
  local name="$1" d="$STATE_ROOT/$1/pids" svc p i any=0 phase
  for phase in "cinder-api cinder-volume cinder-scheduler nova-api nova-compute nova-scheduler nova-conductor neutron placement glance keystone" rabbitmq epmd; do
    local pgs=() ts=$SECONDS
    for svc in $phase; do
      p="$(cat "$d/$svc.pid" 2>/dev/null || true)"
      [ -n "$p" ] && group_alive "$p" || continue
      any=1; pgs+=("$svc:$p")
      kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true
    done
    [ ${#pgs[@]} -gt 0 ] || continue
    for i in $(seq 1 150); do
      local alive=0 x
      for x in "${pgs[@]}"; do group_alive "${x#*:}" && alive=1; done
      [ $alive = 1 ] || break
      sleep 0.1
    done
    for x in "${pgs[@]}"; do
      if group_alive "${x#*:}"; then
        log "[$name] ${x%%:*} still running 15 s after SIGTERM: SIGKILL"
        kill -KILL -- "-${x#*:}" 2>/dev/null || true
      fi
    done
    [ "${DEBUG:-0}" = 1 ] && log "[$name] stopped $phase in $((SECONDS - ts)) s" || true
  done
  [ $any = 1 ] && log "[$name] stopped" || log "[$name] not running"
  rm -f "$STATE_ROOT/$name/ready"
}

# ---------------------------------------------------------------- clouds.yaml
write_clouds_yaml() {
  local f="$STATE_ROOT/clouds.yaml" d name base
  {
    echo "# generated by test/integration/cloud.sh start; one cloud per running instance"
    echo "clouds:"
    for d in "$STATE_ROOT"/*/; do
      name="$(basename "$d")"
      [ -f "$d/ready" ] && [ -f "$d/base_port" ] || continue
      base="$(cat "$d/base_port")"
      local user pass project suffix
      for suffix in "" "-demo"; do
        if [ -z "$suffix" ]; then user=admin pass="$ADMIN_PASS" project=admin; else user=demo pass="$DEMO_PASS" project=demo; fi
        cat <<EOF
  $name$suffix:
    auth:
      auth_url: http://127.0.0.1:$base/v3
      username: $user
      password: $pass
      project_name: $project
      user_domain_name: Default
      project_domain_name: Default
    region_name: $name
    interface: public
    identity_api_version: 3
EOF
      done
    done
  } >"$f.tmp"
  mv "$f.tmp" "$f"
  log "wrote $f"
}

# ---------------------------------------------------------------- commands
cmd_start() {
  local names=("$@"); [ ${#names[@]} -gt 0 ] || names=("${DEFAULT_INSTANCES[@]}")
  "$PY" -c 'import keystone, glance, placement, nova, neutron, cinder, psycopg2' 2>/dev/null \
    || die "OpenStack packages missing: run '$0 install' first"
  local n; for n in "${names[@]}"; do base_port "$n" >/dev/null; done
  local t0=$SECONDS
  pg_start
  # one after the other by default: on 2 cores the start is CPU-bound and two
  # instances in parallel took as long (40 s) as one after the other (41.6 s).
  if [ ${#names[@]} -eq 1 ] || [ "${PARALLEL:-0}" != 1 ]; then
    for n in "${names[@]}"; do
      ( start_instance "$n" ) || { [ "${KEEP_ON_FAILURE:-0}" = 1 ] || stop_instance "$n"; write_clouds_yaml; die "start of $n failed"; }
    done
  else
    # PARALLEL=1: all at once; every line of output carries its [NAME]
    declare -A pids=(); local failed=()
    for n in "${names[@]}"; do ( start_instance "$n" ) & pids[$n]=$!; done
    for n in "${names[@]}"; do wait "${pids[$n]}" || failed+=("$n"); done
    if [ ${#failed[@]} -gt 0 ]; then
      for n in "${failed[@]}"; do [ "${KEEP_ON_FAILURE:-0}" = 1 ] || stop_instance "$n"; done
      write_clouds_yaml
      die "start of ${failed[*]} failed"
    fi
  fi
  write_clouds_yaml
  log "started ${names[*]} in $((SECONDS - t0)) s; OS_CLIENT_CONFIG_FILE=$STATE_ROOT/clouds.yaml, clouds: $(for n in "${names[@]}"; do printf '%s %s-demo ' "$n" "$n"; done)"
}

cmd_stop() {
  local names=("$@") n d
  if [ ${#names[@]} -eq 0 ]; then
    for d in "$STATE_ROOT"/*/; do [ -d "$d/pids" ] && names+=("$(basename "$d")"); done
  fi
  for n in "${names[@]}"; do
    stop_instance "$n"
    [ "${WIPE:-0}" = 1 ] && rm -rf "${STATE_ROOT:?}/$n"
  done
  # postgres: stop when no instance is left running
  local left=0
  for d in "$STATE_ROOT"/*/; do
    [ -d "$d/pids" ] || continue
    instance_running "$(basename "$d")" && left=1
  done
  if [ $left = 0 ]; then
    pg_stop
    [ "${WIPE:-0}" = 1 ] && rm -rf "${PG_DIR:?}" "$STATE_ROOT/.postgres.lock"
  fi
  [ -d "$STATE_ROOT" ] && write_clouds_yaml >/dev/null || true
  [ "${WIPE:-0}" = 1 ] && [ $left = 0 ] && rm -f "$STATE_ROOT/clouds.yaml"
  return 0
}

cmd_status() {
  local names=("$@") n d svc p rss base
  if [ ${#names[@]} -eq 0 ]; then
    for d in "$STATE_ROOT"/*/; do [ -d "$d/pids" ] && names+=("$(basename "$d")"); done
  fi
  if pg_running; then
    p="$(cat "$(pg_pidfile)")"
    echo "postgres: running pid $p 127.0.0.1:$PG_PORT"
  else
    echo "postgres: stopped"
  fi
  for n in "${names[@]}"; do
    base="$(cat "$STATE_ROOT/$n/base_port" 2>/dev/null || echo '?')"
    if [ -f "$STATE_ROOT/$n/ready" ]; then echo "$n (base port $base): ready"; else echo "$n (base port $base): not ready"; fi
    for svc in keystone glance placement nova-api nova-conductor nova-scheduler nova-compute neutron cinder-api cinder-scheduler cinder-volume rabbitmq epmd; do
      p="$(cat "$STATE_ROOT/$n/pids/$svc.pid" 2>/dev/null || true)"
      if pid_alive "$p"; then
        rss="$(ps -eo pgid=,rss= | awk -v g="$p" '$1 == g {s+=$2} END {printf "%d", s/1024}')"
        printf '  %-15s running  pgid %-7s rss %5s MiB\n' "$svc" "$p" "$rss"
      else
        printf '  %-15s stopped\n' "$svc"
      fi
    done
  done
  return 0
}

# ---------------------------------------------------------------- main
main() {
  local cmd="${1:-}"; shift || true
  case "$cmd" in
    install) cmd_install "$@" ;;
    start)   cmd_start "$@" ;;
    stop)    cmd_stop "$@" ;;
    status)  cmd_status "$@" ;;
    *) echo "usage: $0 install|start|stop|status [InstanceOne InstanceTwo]" >&2; exit 2 ;;
  esac
}

main "$@"
