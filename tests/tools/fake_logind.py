#!/usr/bin/python3
# A stand-in for logind on a bus of the test's own (DBUS_SYSTEM_BUS_ADDRESS): it answers
# org.freedesktop.login1.Manager.Inhibit as logind does, with the writing end of a pipe that is
# the lock, and notes in NOTES, one line each with the time: "ready" once it owns its name, each
# lock asked for with its arguments, and "released" when the lock's last descriptor is closed.
#   fake_logind.py NOTES [answer | refuse | hang | die]   (die: ends without answering, as a
#   logind that crashed does)
import os
import sys
import time

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

notes_path = sys.argv[1]
behaviour = sys.argv[2] if len(sys.argv) > 2 else "answer"


def note(line):
    with open(notes_path, "a") as notes:
        notes.write(f"{time.time():.6f} {line}\n")


class Manager(dbus.service.Object):
    @dbus.service.method("org.freedesktop.login1.Manager", in_signature="ssss",
                         out_signature="h", async_callbacks=("reply", "error"))
    def Inhibit(self, what, who, why, mode, reply, error):
        note(f"inhibit what={what} who={who} mode={mode} why={why}")
        if behaviour == "hang":
            return  # never answers
        if behaviour == "die":
            os._exit(1)
        if behaviour == "refuse":
            error(dbus.exceptions.DBusException(
                "Permission denied", name="org.freedesktop.DBus.Error.AccessDenied"))
            return
        read_end, write_end = os.pipe()
        lock = dbus.types.UnixFd(write_end)  # a copy of its own
        os.close(write_end)

        def released(source, condition):
            note("released")
            os.close(read_end)
            return False

        GLib.io_add_watch(read_end, GLib.IO_HUP | GLib.IO_ERR, released)
        reply(lock)
        os.close(lock.take())  # only the client holds the lock now


dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
bus = dbus.SystemBus()
name = dbus.service.BusName("org.freedesktop.login1", bus)
manager = Manager(bus, "/org/freedesktop/login1")
note("ready")
GLib.MainLoop().run()
