#!lua flags=allow-oom
-- Record the outcome of one claimed delivery, all or nothing.
-- A.id delivery id, A.token claim token, A.outcome: sent | retry | defer | failed,
-- A.detail: the channel's answer as JSON when sent, the error text otherwise,
-- A.next_ms: next attempt (epoch ms) for retry and defer, A.incident_fields: fields to set on the
-- incident (e.g. where the incident's main message lives), A.clear_sending: a retry's send was refused by
-- the channel (no message of it exists: drop the "sending" marker). Returns 1, or 0 when the claim was lost.
local did = A.id
local dkey = K.deliveries .. did
if redis.call('HGET', dkey, D.claims) ~= A.token then return 0 end
local id = redis.call('HGET', dkey, D.incident_id)
local channel = redis.call('HGET', dkey, D.channel)
local kind = redis.call('HGET', dkey, D.kind)
local outcome = A.outcome
local ikey = K.incidents .. id
if redis.call('EXISTS', ikey) == 1 then
  for name, value in pairs(A.incident_fields) do
    redis.call('HSET', ikey, name, tostring(value))
  end
end
if outcome == 'defer' then
  redis.call('ZADD', K.outbox_due, A.next_ms, did)
  return 1
end
redis.call('HINCRBY', dkey, D.attempts, 1)
if outcome == 'retry' then
  redis.call('HSET', dkey, D.last_error, A.detail)
  if A.clear_sending then redis.call('HDEL', dkey, D.sending_since) end
  redis.call('ZADD', K.outbox_due, A.next_ms, did)
  redis.call('HINCRBY', K.outbox_stats, channel .. ':retried', 1)
  return 1
end
redis.call('ZREM', K.outbox_due, did)
if outcome == 'sent' then
  redis.call('HSET', dkey, D.status, DELIVERY.sent, D.sent_at, now, D.result, A.detail)
  redis.call('HINCRBY', K.outbox_stats, channel .. ':sent', 1)
  event(id, 'notified', 'channel', channel, 'kind', kind, 'delivery', did)
else
  redis.call('HSET', dkey, D.status, DELIVERY.failed, D.failed_at, now, D.last_error, A.detail)
  redis.call('HINCRBY', K.outbox_stats, channel .. ':failed', 1)
  event(id, 'notify_failed', 'channel', channel, 'kind', kind, 'delivery', did, 'error', A.detail)
end
return 1
