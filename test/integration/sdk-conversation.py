"""An openstacksdk script against a served cloud (novasim serve), as an
operator's automation would be written: build, list, reboot, resize and
confirm, shelve and unshelve, an anti-affinity group, a host failure with
forced_down and evacuation, instance actions, and a member's 403 and 404.
Prints one line per step; exits non-zero on the first surprise.

Usage: python3 sdk-conversation.py URL
"""

import json
import sys
import time
import urllib.request

import openstack
from openstack import exceptions

URL = sys.argv[1]


def connect(user, password, project):
    return openstack.connect(
        auth_url=URL + '/identity/v3', username=user, password=password, project_name=project,
        user_domain_name='Default', project_domain_name='Default', region_name='RegionOne',
    )


def step(text):
    print(text, flush=True)


def wait(conn, server_id, status='ACTIVE', timeout=60):
    """Polls until the server shows `status` (the SDK's wait_for_server trusts a stale object's status first)."""
    deadline = time.monotonic() + timeout
    while True:
        server = conn.compute.get_server(server_id)
        if server.status == status:
            return server
        if server.status == 'ERROR' or time.monotonic() > deadline:
            raise SystemExit('%s is %s, not %s' % (server_id, server.status, status))
        time.sleep(0.2)


alice = connect('alice', 'alice-Secret-1', 'demo')
admin = connect('admin', 'admin-Secret-1', 'admin')
olga = connect('olga', 'olga-Secret-1', 'other')
image = alice.image.find_image('cirros', ignore_missing=False)
tiny = alice.compute.find_flavor('m1.tiny', ignore_missing=False)
small = alice.compute.find_flavor('m1.small', ignore_missing=False)

server = alice.compute.create_server(name='sdk-web', flavor_id=tiny.id, image_id=image.id, networks='auto')
server = wait(alice, server.id)
step('created %s on %s' % (server.name, server.status))
names = [s.name for s in alice.compute.servers(name='^sdk-', status='ACTIVE')]
assert names == ['sdk-web'], names
step('listed %s' % names)

alice.compute.reboot_server(server, 'HARD')
wait(alice, server.id)
alice.compute.resize_server(server, small)
wait(alice, server.id, 'VERIFY_RESIZE')
alice.compute.confirm_server_resize(server)
server = wait(alice, server.id)
assert server.flavor['original_name'] == 'm1.small', server.flavor
step('rebooted, resized and confirmed: %s' % server.flavor['original_name'])

alice.compute.shelve_server(server)
wait(alice, server.id, 'SHELVED_OFFLOADED')
alice.compute.unshelve_server(server)
server = wait(alice, server.id)
step('shelved and unshelved: %s' % server.status)

group = alice.compute.create_server_group(name='sdk-spread', policies=['anti-affinity'])
members = [alice.compute.create_server(name='sdk-g%d' % i, flavor_id=tiny.id, image_id=image.id, networks='auto',
                                       scheduler_hints={'group': group.id}) for i in range(3)]
members = [wait(alice, m.id) for m in members]
hosts = {admin.compute.get_server(m.id).hypervisor_hostname for m in members}
assert len(hosts) == 3, hosts
step('anti-affinity group on %d hosts' % len(hosts))

host = admin.compute.get_server(server.id).hypervisor_hostname
fail = urllib.request.Request(URL + '/novasim/admin/hosts/%s/fail' % host, method='POST',
                              headers={'X-Auth-Token': admin.session.get_token()})
assert json.load(urllib.request.urlopen(fail))['event'] == 'fail'
service = next(admin.compute.services(host=host, binary='nova-compute'))
admin.compute.update_service_forced_down(service, host, 'nova-compute', True)
# openstacksdk 0.101's evacuate_server sends no microversion, so Nova takes it at 2.1 and asks for
# onSharedStorage (a 400, novasim's as Nova's); at 2.14 and later the body may be empty.
refused = admin.compute.post('/servers/%s/action' % server.id, json={'evacuate': {}})
assert refused.status_code == 400 and 'onSharedStorage' in refused.text, refused.text
assert admin.compute.post('/servers/%s/action' % server.id, json={'evacuate': {}}, microversion='2.14').status_code == 200
time.sleep(0.5)
moved = wait(admin, server.id)
assert moved.hypervisor_hostname != host, (moved.hypervisor_hostname, host)
step('evacuated from %s to %s' % (host, moved.hypervisor_hostname))

# openstacksdk 0.101's server_actions() refuses its own server_id query; the route itself is plain.
actions = [a['action'] for a in admin.compute.get('/servers/%s/os-instance-actions' % server.id).json()['instanceActions']]
assert actions[0] == 'evacuate' and actions[-1] == 'create', actions
step('actions %s' % actions)

try:
    alice.compute.migrate_server(server.id)
    raise SystemExit('a member migrated a server')
except exceptions.HttpException as e:
    assert e.status_code == 403, e
    step('member migrate: %s' % e.status_code)
# The host comes back (its service restarts, destroying the evacuated copy); then forced_down may be lifted.
recover = urllib.request.Request(URL + '/novasim/admin/hosts/%s/recover' % host, method='POST',
                                 headers={'X-Auth-Token': admin.session.get_token()})
assert json.load(urllib.request.urlopen(recover))['event'] == 'recover'
admin.compute.update_service_forced_down(service, host, 'nova-compute', False)
step('%s recovered' % host)

try:
    olga.compute.get_server(server.id)
    raise SystemExit("a member saw another project's server")
except exceptions.NotFoundException as e:
    step('other project: %s' % e.status_code)
