#!/usr/bin/env python3
"""A tiny MCP-shaped upstream for bench/sse-idle.sh (stdlib only).

GET /mcp opens a Server-Sent Events stream and keeps it open, sending only an SSE comment every
--comment-interval seconds (so the stream stays idle, as a server stream with nothing to say
is). POST /mcp answers a fixed JSON-RPC result (202 for notifications), so a gateway's readiness
probe or a smoke request works too. GET /stats answers {"open_streams": N}, which lets the
script check that the streams really reach the upstream through the gateway.

HTTP/1.1 with keep-alive; request bodies by Content-Length or chunked. No sessions.
"""

import argparse
import asyncio
import json
import signal

REPLY = json.dumps(
    {
        "jsonrpc": "2.0",
        "id": 1,
        "result": {"content": [{"type": "text", "text": "hello from the bench"}], "isError": False},
    },
    separators=(",", ":"),
).encode()

open_streams = 0


async def read_body(reader, headers):
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readline()).split(b";")[0].strip(), 16)
            if size == 0:
                # Trailer section: lines until an empty one.
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                return body
            body += await reader.readexactly(size)
            await reader.readexactly(2)
    length = int(headers.get("content-length", "0"))
    return await reader.readexactly(length) if length else b""


def response(status, reason, body=b"", content_type="application/json"):
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def hold_stream(reader, writer, interval):
    """Keeps one SSE stream open until the client goes away."""
    global open_streams
    writer.write(
        b"HTTP/1.1 200 OK\r\n"
        b"Content-Type: text/event-stream\r\n"
        b"Cache-Control: no-cache\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    await writer.drain()
    open_streams += 1
    comment = b": idle\n\n"
    chunk = f"{len(comment):x}\r\n".encode() + comment + b"\r\n"
    try:
        while True:
            # The client sends nothing more on a stream; EOF (or an error) means it left.
            try:
                data = await asyncio.wait_for(reader.read(4096), timeout=interval)
                if not data:
                    return
            except asyncio.TimeoutError:
                writer.write(chunk)
                await writer.drain()
    except (ConnectionError, OSError):
        return
    finally:
        open_streams -= 1


async def handle(reader, writer, interval):
    try:
        while True:
            request_line = await reader.readline()
            if not request_line:
                return
            method, target, _ = request_line.decode("latin-1").split(" ", 2)
            headers = {}
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b"\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = await read_body(reader, headers)
            path = target.split("?", 1)[0]
            if path == "/mcp" and method == "GET":
                await hold_stream(reader, writer, interval)
                return
            if path == "/mcp" and method == "POST":
                try:
                    message = json.loads(body)
                except ValueError:
                    writer.write(response(400, "Bad Request", b'{"error":"invalid JSON"}'))
                else:
                    is_request = isinstance(message, dict) and "id" in message and "method" in message
                    writer.write(response(200, "OK", REPLY) if is_request else response(202, "Accepted"))
            elif path == "/stats" and method == "GET":
                writer.write(response(200, "OK", json.dumps({"open_streams": open_streams}).encode()))
            elif path == "/mcp":
                writer.write(response(405, "Method Not Allowed"))
            else:
                writer.write(response(404, "Not Found"))
            await writer.drain()
    except (ConnectionError, OSError, ValueError, asyncio.IncompleteReadError):
        return
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--comment-interval", type=float, default=30.0)
    args = parser.parse_args()

    server = await asyncio.start_server(
        lambda r, w: handle(r, w, args.comment_interval), "127.0.0.1", args.port, backlog=4096
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"sse_upstream listening on 127.0.0.1:{args.port}", flush=True)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
