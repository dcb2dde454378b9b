-- wrk script: POST one JSON-RPC tools/call per request, optionally paced to a fixed rate, and
-- print one parseable RESULT line at the end. Configured through the environment (read when the
-- script loads, so that `delay` is only defined when pacing: wrk routes every request through a
-- timer as soon as the script has a delay function, which would slow the saturation runs):
--   BENCH_RATE_PER_THREAD  requests per second for each wrk thread; unset or 0 = as fast as possible
--   BENCH_AUTH             bearer token; adds Authorization: Bearer <token>
--   BENCH_SESSION          Mcp-Session-Id value, for upstreams that want a session (ours do not)

wrk.method = "POST"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call",'
  .. '"params":{"name":"echo","arguments":{"text":"hello from the bench"}}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-06-18"

local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. auth
end
local session = os.getenv("BENCH_SESSION")
if session and session ~= "" then
  wrk.headers["Mcp-Session-Id"] = session
end

local rate = tonumber(os.getenv("BENCH_RATE_PER_THREAD") or "0") or 0

if rate > 0 then
  -- Pacing (wrk2 is not packaged in Debian). Each thread keeps one schedule of send slots,
  -- 1/rate apart, starting when the thread sends its first request; every connection that is
  -- ready claims the next slot and waits until it comes. Because slots are absolute times,
  -- wrk's whole-millisecond timers round each wait but never make the rate drift, and a
  -- connection that fell behind sends at once. The price of millisecond timers: requests leave
  -- in small bursts at each millisecond tick (rate/1000 of them), the same for every target.
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock_id, bench_timespec *tp);
  ]]
  local CLOCK_MONOTONIC = 1
  local ts = ffi.new("bench_timespec")
  local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end

  local interval_ms = 1000 / rate
  local next_slot = nil

  function delay()
    local now = now_ms()
    if next_slot == nil then
      next_slot = now
    end
    local wait = next_slot - now
    next_slot = next_slot + interval_ms
    if wait <= 0 then
      return 0
    end
    return math.floor(wait)
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d "
      .. "max_us=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d non2xx=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
end
