"""Run a python entry point of an OpenStack library package as a program.

usage: python3 pyrun.py MODULE:FUNCTION PROGNAME [ARGS...]
(Debian's library packages python3-glance/-nova/-neutron ship no console
scripts; those are in the service packages we do not install.)
This file's directory is sys.path[0], which also makes the test bed's ML2
mechanism driver entry point (openstackoid_testbed-0.1.dist-info) visible.
"""
import importlib
import sys

target, prog = sys.argv[1], sys.argv[2]
sys.argv = [prog] + sys.argv[3:]
mod, func = target.split(':')
sys.exit(getattr(importlib.import_module(mod), func)())
