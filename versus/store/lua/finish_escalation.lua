-- Record what the provider answered for a claimed escalation.
-- ARGV[2] incident id, [3] outcome: escalated | drilled | failed | retry, [4] incident ARN, drill result or
-- error text,
-- [5] next attempt (epoch ms, for retry)
local id = ARGV[2]
local key = incident_key(id)
if redis.call('HGET', key, 'escalation') ~= 'escalating' then return 0 end
local due = p .. 'escalations:due'
if ARGV[3] == 'retry' then
  redis.call('HSET', key, 'last_error', ARGV[4])
  redis.call('HINCRBY', key, 'attempts', 1)
  redis.call('ZADD', due, ARGV[5], id)
  return 1
end
redis.call('ZREM', due, id)
redis.call('HINCRBY', key, 'attempts', 1)
if ARGV[3] == 'escalated' then
  redis.call('HSET', key, 'escalation', 'escalated', 'escalated_at', now, 'incident_arn', ARGV[4])
  event(id, 'escalated')
  enqueue(id, 'escalated', ctx.channels)
  if redis.call('HGET', key, 'status') == 'resolved' and pages_through(key, ctx.resolve_backends) then
    enqueue(id, 'resolve', {'provider'})
  elseif redis.call('HEXISTS', key, 'acknowledged_at') == 1 and pages_through(key, ctx.acknowledge_backends) then
    -- Acknowledged in Versus while this page was in flight.
    enqueue(id, 'acknowledge', {'provider'})
  end
elseif ARGV[3] == 'drilled' then
  -- A drill's rehearsed page: the same end state as a real one, with what would have been started.
  redis.call('HSET', key, 'escalation', 'escalated', 'escalated_at', now, 'drill_result', ARGV[4])
  event(id, 'escalated', 'drill', '1')
  enqueue(id, 'escalated', ctx.channels)
else
  redis.call('HSET', key, 'escalation', 'failed', 'failed_at', now, 'escalation_error', ARGV[4])
  event(id, 'escalation_failed')
  enqueue(id, 'escalation_failed', ctx.channels)
end
return 1
