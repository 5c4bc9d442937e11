#!/usr/bin/env python3
"""Times gwrun repl on a real pseudo-terminal, beside `gwrun version` (the JVM's own start-up)
measured in the same run: process start to first prompt, and keystroke (Tab) to completion
candidates on screen for a prefix. These machines are noisy: compare the ratios.

Usage (from anywhere; needs cli/target/gwrun.jar):
  bench/repl-bench.py [RUNS] [PREFIX] [EXPECT]
    PREFIX  what is typed before Tab (default: http.)
    EXPECT  text that shows the candidates arrived (default: get(url; JLine colours the typed prefix apart)
  e.g. bench/repl-bench.py 7 'docker.logs("' api-   -- live container names from the docker module
"""
import os, pty, select, statistics, subprocess, sys, tempfile, time, fcntl, termios, struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GWRUN = os.path.join(ROOT, "bin", "gwrun")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
PREFIX = sys.argv[2] if len(sys.argv) > 2 else "http."
EXPECT = (sys.argv[3] if len(sys.argv) > 3 else "get(url").encode()


def spawn(args, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(args[0], args, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    return pid, fd


def read_until(fd, needle, buf, timeout=60.0):
    deadline = time.monotonic() + timeout
    while needle not in buf:
        left = deadline - time.monotonic()
        if left <= 0:
            raise SystemExit("timed out waiting for %r; saw: %r" % (needle, buf[-400:]))
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                raise SystemExit("the process ended; saw: %r" % buf[-400:])
    return buf


def finish(pid, fd):
    os.write(fd, b"\x04")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)


def main():
    work = tempfile.mkdtemp(prefix="gwrun-repl-bench-")
    env = dict(os.environ, GWRUN_HOME=os.path.join(work, "home"), TERM="xterm", NO_COLOR="1")
    os.chdir(work)
    version, prompt, tab_cold, tab_warm = [], [], [], []
    for _ in range(RUNS):
        t0 = time.monotonic()
        subprocess.run([GWRUN, "version"], stdout=subprocess.DEVNULL, env=env, check=True)
        version.append((time.monotonic() - t0) * 1000)

        t0 = time.monotonic()
        pid, fd = spawn([GWRUN, "repl"], env)
        buf = read_until(fd, b"gwrun> ", b"")
        prompt.append((time.monotonic() - t0) * 1000)
        for i in range(6):
            os.write(fd, PREFIX.encode())
            buf = read_until(fd, PREFIX.encode()[-3:], b"")
            t0 = time.monotonic()
            os.write(fd, b"\t")
            read_until(fd, EXPECT, b"")
            (tab_cold if i == 0 else tab_warm).append((time.monotonic() - t0) * 1000)
            os.write(fd, b"\x03")
            read_until(fd, b"gwrun> ", b"")
        finish(pid, fd)

    med = statistics.median
    base = med(version)
    print("gwrun repl on a pseudo-terminal, median of %d runs (%d completions warm)" % (RUNS, len(tab_warm)))
    print("  %-44s %7.0f ms" % ("gwrun version, start to exit (JVM baseline)", base))
    print("  %-44s %7.0f ms  (%.2fx version)" % ("gwrun repl, start to first prompt", med(prompt), med(prompt) / base))
    print("  %-44s %7.1f ms" % ("Tab after %r, first in a session" % PREFIX, med(tab_cold)))
    print("  %-44s %7.1f ms  (p90 %.1f ms)" % ("Tab after %r, warm" % PREFIX, med(tab_warm),
                                               sorted(tab_warm)[int(len(tab_warm) * 0.9) - 1]))


if __name__ == "__main__":
    main()
