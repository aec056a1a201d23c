"""Service users, services, endpoints, the demo user/project, and flavors,
in ONE python process (each `openstack` CLI call costs ~0.7 s).
usage: python3 catalog_setup.py catalog|flavors  (settings from the environment:
  KS_URL REGION ADMIN_PASS SERVICE_PASS DEMO_PASS GLANCE_URL PLACEMENT_URL
  NOVA_URL NEUTRON_URL CINDER_URL)
"""
import os
import sys
import time

from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session

E = os.environ
REGION = E['REGION']
sess = ks_session.Session(auth=v3.Password(
    auth_url=E['KS_URL'], username='admin', password=E['ADMIN_PASS'],
    project_name='admin', user_domain_name='Default',
    project_domain_name='Default'))
KS = {'endpoint_override': E['KS_URL'], 'raise_exc': True}


def ks_get(path, key):
    return sess.get(path, **KS).json()[key]


def ks_post(path, key, body):
    return sess.post(path, json={key: body}, **KS).json()[key]


def find(path, key, name):
    items = ks_get(path + '?name=' + name, key)
    return items[0]['id'] if items else None


def ensure(path, key, body):
    return (find(path, key, body['name'])
            or ks_post(path, key[:-1], body)['id'])


def catalog():
    t0 = time.time()
    roles = {r['name']: r['id'] for r in ks_get('/roles', 'roles')}
    # 'service': keystonemiddleware forwards the calling service's own token as
    # X-Service-Token; with service_token_roles_required = true the receiving
    # service (e.g. neutron, called by nova-api) wants role 'service' in it.
    for name in ('member', 'reader', 'service'):
        if name not in roles:
            roles[name] = ks_post('/roles', 'role', {'name': name})['id']
    service_project = ensure('/projects', 'projects', {
        'name': 'service', 'domain_id': 'default',
        'description': 'service users'})
    demo_project = ensure('/projects', 'projects', {
        'name': 'demo', 'domain_id': 'default',
        'description': 'tenant project for tests'})
    for user in ('glance', 'placement', 'nova', 'neutron', 'cinder'):
        uid = ensure('/users', 'users', {
            'name': user, 'domain_id': 'default',
            'password': E['SERVICE_PASS']})
        for role in ('admin', 'service'):
            sess.put('/projects/%s/users/%s/roles/%s' % (
                service_project, uid, roles[role]), **KS)
    demo = ensure('/users', 'users', {
        'name': 'demo', 'domain_id': 'default', 'password': E['DEMO_PASS'],
        'default_project_id': demo_project})
    for role in ('member', 'reader'):
        sess.put('/projects/%s/users/%s/roles/%s' % (
            demo_project, demo, roles[role]), **KS)
    for name, stype, url, desc in (
            ('glance', 'image', E['GLANCE_URL'], 'Image'),
            ('placement', 'placement', E['PLACEMENT_URL'], 'Placement'),
            ('nova', 'compute', E['NOVA_URL'], 'Compute'),
            ('neutron', 'network', E['NEUTRON_URL'], 'Networking'),
            # as Devstack: the official type and the legacy one, both
            # http://host:port/v3/$(project_id)s
            ('cinder', 'block-storage', E['CINDER_URL'],
             'Cinder Volume Service'),
            ('cinderv3', 'volumev3', E['CINDER_URL'],
             'Cinder Volume Service V3')):
        sid = ensure('/services', 'services', {
            'name': name, 'type': stype, 'description': desc,
            'enabled': True})
        for iface in ('public', 'internal'):
            ks_post('/endpoints', 'endpoint', {
                'service_id': sid, 'interface': iface, 'url': url,
                'region_id': REGION, 'enabled': True})
    print('catalog_setup: catalog done in %.1f s' % (time.time() - t0),
          flush=True)


FLAVORS = (  # name, id, ram MiB, vcpus, disk GiB (devstack's set)
    ('m1.nano', '42', 128, 1, 1),
    ('m1.tiny', '1', 512, 1, 1),
    ('m1.small', '2', 2048, 1, 20),
    ('m1.medium', '3', 4096, 2, 40),
    ('m1.large', '4', 8192, 4, 80),
)


def flavors():
    t0 = time.time()
    nova = {'endpoint_override': E['NOVA_URL'], 'raise_exc': True}
    have = {f['name'] for f in sess.get('/flavors', **nova).json()['flavors']}
    for name, fid, ram, vcpus, disk in FLAVORS:
        if name not in have:
            sess.post('/flavors', json={'flavor': {
                'name': name, 'id': fid, 'ram': ram, 'vcpus': vcpus,
                'disk': disk, 'os-flavor-access:is_public': True}}, **nova)
    print('catalog_setup: flavors done in %.1f s' % (time.time() - t0),
          flush=True)


{'catalog': catalog, 'flavors': flavors}[sys.argv[1]]()
