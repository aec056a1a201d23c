# nova-api under uwsgi; config dir from env OS_NOVA_CONFIG_DIR (nova.conf + api-paste.ini)
from nova.api.openstack.compute.wsgi import init_application
application = init_application()
