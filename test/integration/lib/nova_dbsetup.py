"""All of nova's database set-up in ONE python process (each nova-manage run
costs ~2-3 s of imports on 2 cores). Equivalent to:
  nova-manage api_db sync
  nova-manage cell_v2 map_cell0 --database_connection CELL0
  nova-manage cell_v2 create_cell --name cell1 --database_connection CELL1 --transport-url URL
  nova-manage db sync            (cell1 = [database] connection, and cell0)
usage: python3 nova_dbsetup.py NOVA_CONF CELL0_URL
"""
import sys

from oslo_config import cfg
from oslo_log import log as logging

from nova.cmd import manage
from nova import config
from nova import objects

conf_file, cell0_url = sys.argv[1], sys.argv[2]
CONF = cfg.CONF
config.parse_args(['nova-manage', '--config-file', conf_file])
logging.setup(CONF, 'nova')
objects.register_all()


def step(name, rc):
    print('nova_dbsetup: %s -> %s' % (name, rc), flush=True)
    if rc not in (None, 0):
        sys.exit('nova_dbsetup: %s failed with %s' % (name, rc))


step('api_db sync', manage.ApiDbCommands().sync())
cells = manage.CellV2Commands()
step('map_cell0', cells.map_cell0(database_connection=cell0_url))
step('create_cell cell1', cells.create_cell(
    name='cell1', database_connection=CONF.database.connection,
    transport_url=CONF.transport_url))
step('db sync', manage.DbCommands().sync())
