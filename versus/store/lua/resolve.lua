-- Resolve an incident by hand (the console's Resolve button): mark it resolved and, in the same step,
-- cancel a pending escalation, so a page can no longer start. An escalated incident has its provider
-- incident resolved too when the config asks for that, as an Alertmanager resolve would.
-- ARGV[2] incident id, [3] who. Returns {outcome, resolved_at, resolved_by}; outcome resolved | already | missing.
local id = ARGV[2]
local key = incident_key(id)
if redis.call('EXISTS', key) == 0 then return {'missing', '', ''} end
if redis.call('HGET', key, 'status') == 'resolved' then
  return {'already', redis.call('HGET', key, 'resolved_at') or '', redis.call('HGET', key, 'resolved_by') or ''}
end
redis.call('HSET', key, 'status', 'resolved', 'resolved_at', now, 'resolved_by', ARGV[3], 'updated_at', now)
local state = redis.call('HGET', key, 'escalation')
if state == 'pending' then
  redis.call('ZREM', p .. 'escalations:due', id)
  redis.call('HSET', key, 'escalation', 'cancelled', 'cancelled_reason', 'resolved')
elseif state == 'escalated' and ctx.resolve_provider and redis.call('HEXISTS', key, 'incident_arn') == 1 then
  enqueue(id, 'resolve', {'provider'})
end
event(id, 'resolved', 'by', ARGV[3])
enqueue(id, 'resolved', ctx.channels)
return {'resolved', tostring(now), ARGV[3]}
