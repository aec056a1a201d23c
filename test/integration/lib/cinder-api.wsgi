# cinder-api under uwsgi; its config file from env OS_CINDER_CONFIG_FILE (cinder.conf)
import os
import sys

sys.argv = ['cinder-api', '--config-file', os.environ['OS_CINDER_CONFIG_FILE']]
from cinder.wsgi.wsgi import initialize_application  # noqa: E402
application = initialize_application()
