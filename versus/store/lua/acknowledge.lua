-- Acknowledge an incident, atomically against the escalation claim: while the escalation is pending the
-- ack cancels it (nothing is paged); once claimed, the ack is recorded as late, with both times.
-- ARGV[2] incident id, [3] who. Returns {outcome, acknowledged_at, acknowledged_by}.
local id = ARGV[2]
local key = incident_key(id)
if redis.call('EXISTS', key) == 0 then return {'missing', '', ''} end
local previous = redis.call('HGET', key, 'acknowledged_at')
if previous then
  return {'already', previous, redis.call('HGET', key, 'acknowledged_by') or ''}
end
redis.call('HSET', key, 'acknowledged_at', now, 'acknowledged_by', ARGV[3])
local state = redis.call('HGET', key, 'escalation')
local outcome = 'acknowledged'
if state == 'pending' then
  redis.call('ZREM', p .. 'escalations:due', id)
  redis.call('HSET', key, 'escalation', 'cancelled', 'cancelled_reason', 'acknowledged')
elseif state == 'escalating' or state == 'escalated' or state == 'failed' then
  redis.call('HSET', key, 'acknowledged_late', '1')
  outcome = 'late'
  -- The page went out: acknowledge it in the back end too (while escalating, finish_escalation does).
  if state == 'escalated' and redis.call('HEXISTS', key, 'incident_arn') == 1
      and pages_through(key, ctx.acknowledge_backends)
      and redis.call('HGET', key, 'status') ~= 'resolved' then
    enqueue(id, 'acknowledge', {'provider'})
  end
end
event(id, 'acknowledged', 'late', outcome == 'late' and '1' or '0', 'by', ARGV[3])
enqueue(id, 'acknowledged', ctx.channels)
return {outcome, tostring(now), ARGV[3]}
