-- wrk script for the intake benchmark: POST an Alertmanager body whose group key cycles over
-- BENCH_GROUPS groups (the first pass creates incidents, later ones update them, as Alertmanager's
-- re-sends do), then print the figures as one JSON line that intake.py reads.
local file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "r"))
local template = file:read("*a")
file:close()
local groups = tonumber(os.getenv("BENCH_GROUPS") or "1000")
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local body = template:gsub("@GROUP@", tostring(counter % groups))
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "non_2xx": %d, "socket_errors": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
