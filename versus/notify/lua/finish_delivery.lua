-- Record the outcome of one claimed delivery, all or nothing.
-- ARGV[2] delivery id, [3] claim token, [4] outcome: sent | retry | defer | failed,
-- [5] detail: the channel's answer as JSON when sent, the error text otherwise,
-- [6] next attempt (epoch ms) for retry and defer, [7] JSON object of fields to set on the incident
-- (e.g. where the incident's main message lives), [8] '1' when a retry's send was refused by the channel
-- (no message of it exists: drop the "sending" marker). Returns 1, or 0 when the claim was lost.
local did = ARGV[2]
local dkey = p .. 'delivery:' .. did
if redis.call('HGET', dkey, 'claims') ~= ARGV[3] then return 0 end
local id = redis.call('HGET', dkey, 'incident_id')
local channel = redis.call('HGET', dkey, 'channel')
local kind = redis.call('HGET', dkey, 'kind')
local due = p .. 'outbox:due'
local stats = p .. 'outbox:stats'
local outcome = ARGV[4]
local ikey = incident_key(id)
if redis.call('EXISTS', ikey) == 1 then
  local fields = cjson.decode(ARGV[7])
  for name, value in pairs(fields) do
    redis.call('HSET', ikey, name, tostring(value))
  end
end
if outcome == 'defer' then
  redis.call('ZADD', due, ARGV[6], did)
  return 1
end
redis.call('HINCRBY', dkey, 'attempts', 1)
if outcome == 'retry' then
  redis.call('HSET', dkey, 'last_error', ARGV[5])
  if ARGV[8] == '1' then redis.call('HDEL', dkey, 'sending_since') end
  redis.call('ZADD', due, ARGV[6], did)
  redis.call('HINCRBY', stats, channel .. ':retried', 1)
  return 1
end
redis.call('ZREM', due, did)
if outcome == 'sent' then
  redis.call('HSET', dkey, 'status', 'sent', 'sent_at', now, 'result', ARGV[5])
  redis.call('HINCRBY', stats, channel .. ':sent', 1)
  event(id, 'notified', 'channel', channel, 'kind', kind, 'delivery', did)
else
  redis.call('HSET', dkey, 'status', 'failed', 'failed_at', now, 'last_error', ARGV[5])
  redis.call('HINCRBY', stats, channel .. ':failed', 1)
  event(id, 'notify_failed', 'channel', channel, 'kind', kind, 'delivery', did, 'error', ARGV[5])
end
return 1
