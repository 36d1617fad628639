-- wrk script for the load benchmark (tests/benchmarks/load.py writes the file it reads: one
-- request a line, its path and its signed-in session's cookie). Each request takes a line at
-- random; any answer but 200 (a redirect
-- to sign-in, a refusal, an error) is counted as an error. `done` prints one line of JSON.
local paths, cookies = {}, {}
for line in io.lines(os.getenv("LOAD_REQUESTS")) do
  local path, cookie = line:match("^(%S+) (.+)$")
  paths[#paths + 1] = path
  cookies[#cookies + 1] = cookie
end
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(1000 + id)
  not_ok = 0
end

function request()
  local n = math.random(#paths)
  return wrk.format("GET", paths[n], { Cookie = cookies[n] })
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do not_ok = not_ok + thread:get("not_ok") end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "microseconds": %d, "p50": %d, "p99": %d, "max": %d, ' ..
    '"socket_errors": %d, "not_200": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect + e.read + e.write + e.timeout, not_ok))
end
