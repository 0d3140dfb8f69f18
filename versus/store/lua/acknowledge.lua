-- Acknowledge an incident, atomically against the escalation claim: while the escalation is pending the
-- ack cancels it (nothing is paged); once claimed, the ack is recorded as late, with both times.
-- A.id incident id, A.by who. Returns {outcome, acknowledged_at, acknowledged_by}.
local id = A.id
local key = K.incidents .. id
if redis.call('EXISTS', key) == 0 then return {'missing', '', ''} end
local previous = redis.call('HGET', key, F.acknowledged_at)
if previous then
  return {'already', previous, redis.call('HGET', key, F.acknowledged_by) or ''}
end
redis.call('HSET', key, F.acknowledged_at, now, F.acknowledged_by, A.by)
local state = redis.call('HGET', key, F.escalation)
local outcome = 'acknowledged'
if state == ESCALATION.pending then
  redis.call('ZREM', K.escalations_due, id)
  redis.call('HSET', key, F.escalation, ESCALATION.cancelled, F.cancelled_reason, 'acknowledged')
elseif state == ESCALATION.escalating or state == ESCALATION.escalated or state == ESCALATION.failed then
  redis.call('HSET', key, F.acknowledged_late, '1')
  outcome = 'late'
  -- The page went out: acknowledge it in the back end too (while escalating, finish_escalation does).
  if state == ESCALATION.escalated and redis.call('HEXISTS', key, F.incident_arn) == 1
      and pages_through(key, A.acknowledge_backends)
      and redis.call('HGET', key, F.status) ~= STATUS.resolved then
    enqueue(id, 'acknowledge', {'provider'})
  end
end
event(id, 'acknowledged', 'late', outcome == 'late' and '1' or '0', 'by', A.by)
enqueue(id, 'acknowledged', A.channels)
return {outcome, tostring(now), A.by}
