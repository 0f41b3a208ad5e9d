#!/usr/bin/env python3
"""Save-to-reload latency of a preview server: `hashiya serve`, `hugo server` or `zola serve`.

Starts the server on a free loopback port, then repeatedly appends one new word to one article
and measures, from just before the write:

  sse    (hashiya only) until `event: reload` arrives on /__hashiya/events;
  poll   until the article's page, fetched over HTTP every 5 ms, contains the new word
         (the same method for every tool, so the columns compare fairly);
  server (hashiya only) the rebuild time the server itself prints ("... in T ms").

The two methods run in separate passes so that polling does not compete with the SSE pass.
The article is restored byte for byte at the end, whatever happens. Standard library only.

  latency.py --tool hashiya --binary PATH --root SITE --article content/articles/x.md \
             --page /articles/x/ [--runs 20] [--pause 1.0] [--json OUT]
"""

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

POLL_INTERVAL = 0.005


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


class Server:
    """A preview server in its own process group, with its output read by a thread."""

    def __init__(self, tool, binary, root, startup_timeout):
        self.tool = tool
        self.lines = []
        self.rebuild_ms = []
        self.url = None
        self.ready = threading.Event()
        if tool == "hashiya":
            cmd = [binary, "serve", "--port", "0", "--root", root]
        elif tool == "zola":
            port = free_port()
            cmd = [binary, "--root", root, "serve", "--interface", "127.0.0.1",
                   "--port", str(port), "--base-url", "127.0.0.1"]
            self.url = f"http://127.0.0.1:{port}/"
        else:
            port = free_port()
            cmd = [binary, "server", "--source", root, "--bind", "127.0.0.1",
                   "--port", str(port), "--baseURL", f"http://127.0.0.1:{port}/",
                   "--appendPort=false"]
            self.url = f"http://127.0.0.1:{port}/"
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + startup_timeout
        if tool == "hashiya":
            if not self.ready.wait(startup_timeout):
                self.stop()
                raise RuntimeError("hashiya serve printed no URL:\n" + "\n".join(self.lines[-20:]))
        # Wait until the server answers.
        while True:
            try:
                fetch(self.url, timeout=5)
                break
            except Exception:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"{tool} server did not start:\n" + "\n".join(self.lines[-20:]))
                time.sleep(0.05)

    def _read(self):
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            self.lines.append(line)
            m = re.search(r"at (http://\S+?)/? \(", line)
            if self.tool == "hashiya" and m and not self.url:
                self.url = m.group(1).rstrip("/") + "/"
                self.ready.set()
            m = re.match(r"rebuilt .* in (\d+) ms", line)
            if m:
                self.rebuild_ms.append(int(m.group(1)))

    def stop(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGINT)
                self.proc.wait(timeout=10)
            except Exception:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class EventStream:
    """Reads /__hashiya/events and records the arrival time of each `event: reload`."""

    def __init__(self, url):
        host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()
        self.sock = socket.create_connection((host, int(port)))
        self.sock.sendall(f"GET /__hashiya/events HTTP/1.1\r\nHost: {host}:{port}\r\n"
                          "Accept: text/event-stream\r\n\r\n".encode())
        self.reloads = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer = b""
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            now = time.monotonic()
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if line.strip() == b"event: reload":
                    with self.cond:
                        self.reloads.append(now)
                        self.cond.notify_all()

    def wait_after(self, t0, timeout):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for t in self.reloads:
                    if t >= t0:
                        return t
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self.cond.wait(remaining)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def append_word(path, original, word):
    # One write of the whole new text, as an editor saving in place does.
    with open(path, "wb") as f:
        f.write(original.rstrip(b"\n") + f" {word}\n".encode())


def summary(values):
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", choices=["hashiya", "hugo", "zola"], required=True)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--article", required=True, help="the article's path inside the root")
    ap.add_argument("--page", required=True, help="the article's URL path, e.g. /articles/a00001/")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between two saves")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for one reload")
    ap.add_argument("--startup-timeout", type=float, default=600.0)
    ap.add_argument("--json", help="write the results here too")
    args = ap.parse_args()

    path = os.path.join(args.root, args.article)
    with open(path, "rb") as f:
        original = f.read()
    nonce = os.getpid() % 1000
    server = None
    stream = None
    result = {"tool": args.tool, "root": os.path.basename(os.path.abspath(args.root)),
              "article": args.article}
    try:
        started = time.monotonic()
        server = Server(args.tool, args.binary, args.root, args.startup_timeout)
        result["startup_s"] = round(time.monotonic() - started, 3)
        page_url = server.url.rstrip("/") + args.page
        fetch(page_url)  # the page is visited, as in a browser (Hugo's fast render needs it)
        time.sleep(args.pause)

        sse = []
        if args.tool == "hashiya":
            stream = EventStream(server.url)
            time.sleep(0.3)
            for i in range(args.runs):
                word = f"كلمة{nonce}s{i}"
                t0 = time.monotonic()
                append_word(path, original, word)
                t1 = stream.wait_after(t0, args.timeout)
                if t1 is None:
                    print(f"run {i}: no reload within {args.timeout} s", file=sys.stderr)
                else:
                    sse.append((t1 - t0) * 1000)
                time.sleep(args.pause)
            stream.close()
            stream = None
        server_ms_sse = list(server.rebuild_ms)

        poll = []
        for i in range(args.runs):
            word = f"كلمة{nonce}p{i}".encode()
            t0 = time.monotonic()
            append_word(path, original, word.decode())
            deadline = t0 + args.timeout
            seen = None
            while time.monotonic() < deadline:
                try:
                    body = fetch(page_url)
                except Exception:
                    body = b""
                if word in body:
                    seen = time.monotonic()
                    break
                time.sleep(POLL_INTERVAL)
            if seen is None:
                print(f"run {i}: the page never showed the new word", file=sys.stderr)
            else:
                poll.append((seen - t0) * 1000)
            time.sleep(args.pause)

        result["sse_ms"] = summary(sse)
        result["poll_ms"] = summary(poll)
        result["server_rebuild_ms"] = summary(server.rebuild_ms)
        result["server_rebuild_ms_sse_pass"] = summary(server_ms_sse)
        result["raw"] = {"sse": [round(x, 1) for x in sse], "poll": [round(x, 1) for x in poll],
                         "server": server.rebuild_ms}
    finally:
        if stream:
            stream.close()
        with open(path, "wb") as f:
            f.write(original)
        if server:
            time.sleep(args.pause)  # let the server see the restore before it stops
            server.stop()
    print(json.dumps(result, ensure_ascii=False))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
