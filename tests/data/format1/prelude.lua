-- Shared by every script: ARGV[1] is a JSON context
-- {prefix, now (epoch ms), ttl_ms, retention_ms, channels: [names], default_backend: name,
-- resolve_backends: [names], acknowledge_backends: [names]}: the paging back ends whose incidents are
-- resolved / acknowledged when the alert resolves / someone acknowledges after the page.
local ctx = cjson.decode(ARGV[1])
local p = ctx.prefix
local now = ctx.now

local function incident_key(id)
  return p .. 'incident:' .. id
end

-- Queue one delivery per notification channel; the outbox worker sends them, never the request.
local function enqueue(id, kind, channels)
  for _, channel in ipairs(channels) do
    local seq = redis.call('HINCRBY', incident_key(id), 'delivery_seq', 1)
    local did = id .. ':' .. seq
    local dkey = p .. 'delivery:' .. did
    redis.call('HSET', dkey, 'id', did, 'incident_id', id, 'channel', channel, 'kind', kind,
      'attempts', 0, 'created_at', now)
    redis.call('PEXPIRE', dkey, ctx.ttl_ms)
    redis.call('ZADD', p .. 'outbox:due', now, did)
  end
end

-- Append a state change to the event stream that metrics and reports read.
local function event(id, name, ...)
  redis.call('XADD', p .. 'events', 'MINID', '~', tostring(now - ctx.retention_ms), '*',
    'incident', id, 'event', name, 'at', tostring(now), ...)
end

-- Whether the back end an incident pages through (its decision names it) is one of `names`.
local function pages_through(key, names)
  local decision = cjson.decode(redis.call('HGET', key, 'decision') or '{}')
  local backend = decision.provider
  if type(backend) ~= 'string' then backend = ctx.default_backend end
  for _, name in ipairs(names) do
    if name == backend then return true end
  end
  return false
end
