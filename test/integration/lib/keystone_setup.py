"""keystone-manage db_sync, fernet_setup, credential_setup and bootstrap in ONE
python process (four keystone-manage runs cost ~7 s on 2 cores), with
PRAGMA journal_mode=WAL on the sqlite file right after db_sync.
usage: python3 keystone_setup.py KEYSTONE_CONF SQLITE_FILE REGION PUBLIC_URL ADMIN_PASS
"""
import sqlite3
import sys

import pbr.version

from keystone.cmd import cli
from keystone.common import sql
import keystone.conf

conf_file, sqlite_file, region, url, admin_pass = sys.argv[1:6]
CONF = keystone.conf.CONF
CONF.register_cli_opt(cli.command_opt)
keystone.conf.configure()
sql.initialize()
keystone.conf.set_default_for_default_log_levels()
version = pbr.version.VersionInfo('keystone').version_string()


def run(*args):
    CONF(args=['--config-file', conf_file] + list(args), project='keystone',
         version=version, default_config_files=[])
    if args[0] == 'db_sync':
        keystone.conf.setup_logging()
    CONF.command.cmd_class.main()
    print('keystone_setup: %s done' % args[0], flush=True)


run('db_sync')
con = sqlite3.connect(sqlite_file)
con.execute('PRAGMA journal_mode=WAL')
con.close()
run('fernet_setup', '--keystone-user', 'root', '--keystone-group', 'root')
run('credential_setup', '--keystone-user', 'root', '--keystone-group', 'root')
run('bootstrap', '--bootstrap-password', admin_pass,
    '--bootstrap-username', 'admin', '--bootstrap-project-name', 'admin',
    '--bootstrap-role-name', 'admin', '--bootstrap-service-name', 'keystone',
    '--bootstrap-region-id', region,
    '--bootstrap-public-url', url, '--bootstrap-internal-url', url)
