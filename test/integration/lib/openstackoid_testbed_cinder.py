"""File-backed Cinder volume driver for openstackoid's integration test bed.

LVM needs device-mapper, which this sandbox's kernel does not offer (lvcreate:
"Required device-mapper target(s) not detected in your kernel"), and Cinder's
own cinder.tests.fake_driver.FakeLoggingVolumeDriver only logs: its
copy_image_to_volume writes to an LVM device path that does not exist, so a
volume cannot be created from an image with it.

This driver keeps each volume as a sparse file <file_volumes_dir>/volume-<id>
(the size of the volume), each snapshot as a copy of that file, and does the
image <-> volume copies with Cinder's own image_utils (so an image really is
downloaded from Glance, checked with qemu-img and written as raw data into the
volume). Connections are of type 'local' with the file as device_path: nova's
fake virt driver never opens them. Everything else (API, scheduler, volume
manager, RPC, quotas, attachments) is the unmodified Cinder.

cinder.conf, in the backend's section:
    volume_driver = openstackoid_testbed_cinder.FileVolumeDriver
    file_volumes_dir = /path/to/volumes
(cinder-volume is run by pyrun.py, whose directory is sys.path[0]).
"""
import os

from oslo_config import cfg
from oslo_log import log as logging

from cinder.common import constants
from cinder import exception
from cinder.image import image_utils
from cinder import interface
from cinder.volume import configuration
from cinder.volume import driver
from cinder.volume import volume_utils

LOG = logging.getLogger(__name__)

file_opts = [
    cfg.StrOpt('file_volumes_dir', default='$state_path/volumes',
               help='Directory holding the volume and snapshot files.'),
    cfg.IntOpt('file_capacity_gb', default=1000,
               help='Capacity reported to the scheduler (GiB).'),
]
cfg.CONF.register_opts(file_opts, group=configuration.SHARED_CONF_GROUP)

GiB = 1024 ** 3


@interface.volumedriver
class FileVolumeDriver(driver.VolumeDriver):
    """Volumes are sparse files; snapshots are copies of them."""

    VERSION = '0.1.0'
    CI_WIKI_NAME = 'openstackoid_testbed'

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.configuration.append_config_values(file_opts)
        self.backend_name = (
            self.configuration.safe_get('volume_backend_name') or 'file')

    # ------------------------------------------------------------ paths
    def _dir(self):
        return self.configuration.file_volumes_dir

    def local_path(self, volume):
        return os.path.join(self._dir(), volume.name)

    def _snapshot_path(self, snapshot):
        return os.path.join(self._dir(), snapshot.name)

    @staticmethod
    def _copy(src, dst, size_gb):
        if not os.path.exists(src):
            raise exception.VolumeBackendAPIException(
                data='backing file %s is missing' % src)
        # sparse copy: zero blocks stay holes
        with open(src, 'rb') as fin, open(dst, 'wb') as fout:
            while True:
                chunk = fin.read(1024 * 1024)
                if not chunk:
                    break
                if chunk.count(0) == len(chunk):
                    fout.seek(len(chunk), os.SEEK_CUR)
                else:
                    fout.write(chunk)
            fout.truncate(max(fout.tell(), size_gb * GiB))

    @staticmethod
    def _unlink(path):
        try:
            os.unlink(path)
        except FileNotFoundError:
            LOG.warning('%s was already gone', path)

    # ------------------------------------------------------------ set-up
    def do_setup(self, context):
        os.makedirs(self._dir(), exist_ok=True)

    def check_for_setup_error(self):
        if not os.access(self._dir(), os.W_OK):
            raise exception.VolumeBackendAPIException(
                data='%s is not writable' % self._dir())

    def _update_volume_stats(self):
        used = 0
        for entry in os.scandir(self._dir()):
            if entry.name.startswith('volume-'):
                used += entry.stat().st_size
        total = self.configuration.file_capacity_gb
        self._stats = {
            'volume_backend_name': self.backend_name,
            'vendor_name': 'openstackoid',
            'driver_version': self.VERSION,
            'storage_protocol': constants.FILE,
            'total_capacity_gb': total,
            'free_capacity_gb': max(total - used // GiB, 0),
            'reserved_percentage': 0,
            'thin_provisioning_support': True,
            'thick_provisioning_support': False,
            'provisioned_capacity_gb': used // GiB,
            'max_over_subscription_ratio': 20.0,
            'multiattach': False,
            'QoS_support': False,
        }

    # ------------------------------------------------------------ volumes
    def create_volume(self, volume):
        with open(self.local_path(volume), 'wb') as f:
            f.truncate(volume.size * GiB)

    def delete_volume(self, volume):
        self._unlink(self.local_path(volume))

    def extend_volume(self, volume, new_size):
        with open(self.local_path(volume), 'r+b') as f:
            f.truncate(new_size * GiB)

    def create_cloned_volume(self, volume, src_vref):
        self._copy(self.local_path(src_vref), self.local_path(volume),
                   volume.size)

    def create_snapshot(self, snapshot):
        self._copy(self.local_path(snapshot.volume),
                   self._snapshot_path(snapshot), snapshot.volume_size)

    def delete_snapshot(self, snapshot):
        self._unlink(self._snapshot_path(snapshot))

    def create_volume_from_snapshot(self, volume, snapshot):
        self._copy(self._snapshot_path(snapshot), self.local_path(volume),
                   volume.size)

    # ------------------------------------------------------------ images
    def copy_image_to_volume(self, context, volume, image_service, image_id):
        path = self.local_path(volume)
        image_utils.fetch_to_raw(context, image_service, image_id, path,
                                 self.configuration.volume_dd_blocksize,
                                 size=volume.size)
        # qemu-img convert leaves a file of the image's virtual size
        with open(path, 'r+b') as f:
            f.seek(0, os.SEEK_END)
            if f.tell() < volume.size * GiB:
                f.truncate(volume.size * GiB)

    def copy_volume_to_image(self, context, volume, image_service,
                             image_meta):
        volume_utils.upload_volume(context, image_service, image_meta,
                                   self.local_path(volume), volume)

    # ------------------------------------------------------------ exports
    def ensure_export(self, context, volume):
        pass

    def create_export(self, context, volume, connector):
        pass

    def remove_export(self, context, volume):
        pass

    def initialize_connection(self, volume, connector):
        return {'driver_volume_type': 'local',
                'data': {'device_path': self.local_path(volume)}}

    def terminate_connection(self, volume, connector, **kwargs):
        pass

    def clone_image(self, context, volume, image_location, image_meta,
                    image_service):
        return None, False
