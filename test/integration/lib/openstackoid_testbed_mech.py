"""ML2 mechanism driver for the test bed: binds every port on every host.

There is no L2 agent here (nova uses compute_driver = fake.FakeDriver, which
plugs nothing), so a real driver (openvswitch, linuxbridge) would leave every
port with binding:vif_type = binding_failed and nova would refuse to boot a
server on a network. This driver binds the first segment of any type with
vif_type "ovs" and marks the port ACTIVE, which is what nova needs to see.
Registered as entry point neutron.ml2.mechanism_drivers:openstackoid_bind_any
by the dist-info directory beside this file (on sys.path of neutron-server).
"""
from neutron_lib.api.definitions import portbindings
from neutron_lib import constants
from neutron_lib.plugins.ml2 import api


class BindAnyHostMechanismDriver(api.MechanismDriver):

    def initialize(self):
        pass

    @property
    def connectivity(self):
        return portbindings.CONNECTIVITY_L2

    def bind_port(self, context):
        for segment in context.segments_to_bind:
            context.set_binding(segment[api.ID], portbindings.VIF_TYPE_OVS,
                                {portbindings.CAP_PORT_FILTER: True},
                                status=constants.PORT_STATUS_ACTIVE)
            return

    def filter_hosts_with_segment_access(
            self, context, segments, candidate_hosts, agent_getter):
        return set(candidate_hosts)
