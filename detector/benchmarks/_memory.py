"""The peak memory of the running process, for the benchmarks that start one process per measurement."""

from __future__ import annotations

import resource


def peak_rss_bytes() -> int:
    """The peak resident set size of this process since it started its program.

    ``getrusage(RUSAGE_SELF).ru_maxrss`` of a child started by ``subprocess`` is at least its
    parent's peak at the fork (Linux carries it over ``execve``): a child started by a benchmark that
    has loaded the model would report the parent's memory. ``VmHWM`` in ``/proc/self/status`` is the
    high-water mark of the address space ``execve`` made, this process's own. Without ``/proc``,
    ``ru_maxrss`` (which may include the parent's peak).
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
