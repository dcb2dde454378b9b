#!/usr/bin/env python3
"""Holds many idle MCP server streams (GET with Accept: text/event-stream) open at once.

Opens --count streams to --url, checks that each answers 200 with Content-Type
text/event-stream, prints "READY ok=N failed=M" once all attempts are done, holds the streams
for --hold seconds (reading and discarding whatever arrives, e.g. heartbeat comments), prints
"HELD still_open=K closed_early=J", then closes them all. Exit status 0 only if every stream
opened and stayed open. Stdlib only; raw sockets through asyncio streams.
"""

import argparse
import asyncio
import collections
import sys
import urllib.parse


async def open_stream(host, port, path, extra_headers, timeout):
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Accept: text/event-stream",
        "MCP-Protocol-Version: 2025-06-18",
        *extra_headers,
        "",
        "",
    ]
    writer.write("\r\n".join(lines).encode())
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = status_line.split(" ", 2)[1]
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    content_type = headers.get("content-type", "")
    if status != "200" or not content_type.startswith("text/event-stream"):
        writer.close()
        raise RuntimeError(f"status {status}, content-type {content_type or '-'}")
    return reader, writer


async def drain(reader, closed):
    """Reads until the stream ends; an end before we close it counts as closed early."""
    try:
        while await reader.read(4096):
            pass
    except (ConnectionError, OSError):
        pass
    closed.set()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--hold", type=float, default=15.0)
    parser.add_argument("--header", action="append", default=[], help="extra 'Name: value'")
    parser.add_argument("--parallel-connects", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.url)
    path = url.path + ("?" + url.query if url.query else "")
    # Connects in waves: a thousand SYNs at once would only measure the accept backlog.
    gate = asyncio.Semaphore(args.parallel_connects)
    failures = collections.Counter()

    async def attempt():
        async with gate:
            try:
                return await open_stream(url.hostname, url.port, path, args.header, args.timeout)
            except (OSError, RuntimeError, ValueError, IndexError, asyncio.TimeoutError,
                    asyncio.IncompleteReadError, asyncio.LimitOverrunError) as error:
                failures[f"{type(error).__name__}: {error}"] += 1
                return None

    streams = [s for s in await asyncio.gather(*(attempt() for _ in range(args.count))) if s]
    print(f"READY ok={len(streams)} failed={sum(failures.values())}", flush=True)
    for reason, n in failures.most_common(5):
        print(f"  failure x{n}: {reason}", flush=True)

    closed = [asyncio.Event() for _ in streams]
    readers = [asyncio.create_task(drain(r, c)) for (r, _), c in zip(streams, closed)]
    await asyncio.sleep(args.hold)
    closed_early = sum(c.is_set() for c in closed)
    print(f"HELD still_open={len(streams) - closed_early} closed_early={closed_early}", flush=True)

    for _, writer in streams:
        writer.close()
    await asyncio.gather(*readers, return_exceptions=True)
    ok = not failures and closed_early == 0 and len(streams) == args.count
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    asyncio.run(main())
