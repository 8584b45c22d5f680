-- wrk's request and summary hooks for benchmarks/benchmark.py: cycles through BENCH_PATHS
-- with BENCH_METHOD, BENCH_BODY and BENCH_HEADERS, and prints one JSON line like benchmarks/loadgen.py.
local paths, i = {}, 0
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local method, body = os.getenv("BENCH_METHOD") or "GET", nil
if os.getenv("BENCH_BODY") then local f = io.open(os.getenv("BENCH_BODY")); body = f:read("*a"); f:close() end
local headers = {["X-Forwarded-Proto"] = "https"}
for name, value in (os.getenv("BENCH_HEADERS") or ""):gmatch("([^:|]+):%s*([^|]+)") do
  headers[name] = value
end
request = function()
  i = i % #paths + 1
  return wrk.format(method, paths[i], headers, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "non2xx": %d, "errors": %d, "p50": %d, "p95": %d, "p99": %d}\n',
    summary.requests, summary.duration / 1e6, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
