-- A token bucket per Slack method and scope, shared by every process, on Redis's own clock.
-- KEYS[1] the bucket (hash: tokens, at), KEYS[2] the scope's pause (set after a 429 with Retry-After).
-- ARGV[1] tokens a second, ARGV[2] burst, ARGV[3] '1' to take a token, '0' only to look.
-- Returns {milliseconds to wait before a token is there, whole tokens there now (before any taken)}:
-- a wait of 0 means one was there (and was taken if asked).
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {paused, 0} end
local rate = tonumber(ARGV[1]) / 1000
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
if tokens < 1 then return {math.ceil((1 - tokens) / rate), 0} end
if ARGV[3] == '1' then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
end
return {0, math.floor(tokens)}
