#!lua flags=allow-oom
-- A token bucket per Slack method and scope, shared by every process, on Redis's own clock.
-- A.bucket the bucket's name (method and scope), A.scope the channel whose pause counts (set after a 429
-- with Retry-After), A.per_second tokens a second, A.burst, A.take: take a token, or only look.
-- Returns {milliseconds to wait before a token is there, whole tokens there now (before any taken)}:
-- a wait of 0 means one was there (and was taken if asked).
local paused = redis.call('PTTL', K.slack_pause .. A.scope)
if paused > 0 then return {paused, 0} end
local bucket = K.slack_rate .. A.bucket
local rate = A.per_second / 1000
local state = redis.call('HMGET', bucket, 'tokens', 'at')
local tokens = tonumber(state[1]) or A.burst
local at = tonumber(state[2]) or now
tokens = math.min(A.burst, tokens + math.max(0, now - at) * rate)
if tokens < 1 then return {math.ceil((1 - tokens) / rate), 0} end
if A.take then
  redis.call('HSET', bucket, 'tokens', tostring(tokens - 1), 'at', tostring(now))
  redis.call('PEXPIRE', bucket, math.ceil(A.burst / rate) + 1000)
end
return {0, math.floor(tokens)}
