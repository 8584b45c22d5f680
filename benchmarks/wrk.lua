-- wrk's request and summary hooks for benchmarks/benchmark.py: cycles through BENCH_PATHS
-- with BENCH_METHOD, BENCH_BODY and BENCH_HEADERS, and prints one JSON line like benchmarks/loadgen.py.
-- With BENCH_COUNT_CACHE set it also counts the answers' X-Cache values (HIT, STALE, the rest).
local paths, i = {}, 0
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local method, body = os.getenv("BENCH_METHOD") or "GET", nil
if os.getenv("BENCH_BODY") then local f = io.open(os.getenv("BENCH_BODY")); body = f:read("*a"); f:close() end
local headers = {["X-Forwarded-Proto"] = "https"}
for name, value in (os.getenv("BENCH_HEADERS") or ""):gmatch("([^:|]+):%s*([^|]+)") do
  headers[name] = value
end
local threads = {}
setup = function(thread) threads[#threads + 1] = thread end
request = function()
  i = i % #paths + 1
  return wrk.format(method, paths[i], headers, body)
end
if os.getenv("BENCH_COUNT_CACHE") then
  -- Only when asked: a response hook makes wrk parse every answer's headers.
  hits, stale, other = 0, 0, 0
  response = function(status, answer_headers, answer_body)
    local value = answer_headers["X-Cache"]
    if value == "HIT" then hits = hits + 1 elseif value == "STALE" then stale = stale + 1 else other = other + 1 end
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  local hit, stale_count, rest = 0, 0, 0
  for _, thread in ipairs(threads) do
    hit = hit + (thread:get("hits") or 0)
    stale_count = stale_count + (thread:get("stale") or 0)
    rest = rest + (thread:get("other") or 0)
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "non2xx": %d, "errors": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"cache": {"HIT": %d, "STALE": %d, "other": %d}}\n',
    summary.requests, summary.duration / 1e6, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), hit, stale_count, rest))
end
