-- Helpers shared by every script (after the generated K, A, F, D, STATUS, ESCALATION, DELIVERY, now).
-- Arguments every caller passes: A.ttl_ms (incidents and deliveries expire), A.retention_ms (events and
-- the time index are trimmed), A.channels (notification channels to queue deliveries for),
-- A.default_backend, A.resolve_backends, A.acknowledge_backends (the paging back ends whose incidents are
-- resolved / acknowledged when the alert resolves / someone acknowledges after the page).

-- Queue one delivery per notification channel; the outbox worker sends them, never the request.
local function enqueue(id, kind, channels)
  for _, channel in ipairs(channels) do
    local seq = redis.call('HINCRBY', K.incidents .. id, F.delivery_seq, 1)
    local did = id .. ':' .. seq
    local dkey = K.deliveries .. did
    redis.call('HSET', dkey, D.id, did, D.incident_id, id, D.channel, channel, D.kind, kind,
      D.attempts, 0, D.created_at, now)
    redis.call('PEXPIRE', dkey, A.ttl_ms)
    redis.call('ZADD', K.outbox_due, now, did)
  end
end

-- Append a state change to the event stream that metrics and reports read.
local function event(id, name, ...)
  redis.call('XADD', K.events, 'MINID', '~', tostring(now - A.retention_ms), '*',
    'incident', id, 'event', name, 'at', tostring(now), ...)
end

-- Drop what the retention period has outlived from the time index and the event stream.
local function trim()
  redis.call('ZREMRANGEBYSCORE', K.incidents_by_time, '-inf', '(' .. tostring(now - A.retention_ms))
  redis.call('XTRIM', K.events, 'MINID', '~', tostring(now - A.retention_ms))
end

-- Whether the back end an incident pages through (its decision names it, else the default) is one of `names`.
local function pages_through(key, names)
  local decision = cjson.decode(redis.call('HGET', key, F.decision) or '{}')
  local backend = decision.provider
  if type(backend) ~= 'string' then backend = A.default_backend end
  for _, name in ipairs(names) do
    if name == backend then return true end
  end
  return false
end
