-- Resolve an incident by hand (the console's Resolve button): mark it resolved and, in the same step,
-- cancel a pending escalation, so a page can no longer start. An escalated incident has its provider
-- incident resolved too when the config asks for that, as an Alertmanager resolve would.
-- A.id incident id, A.by who. Returns {outcome, resolved_at, resolved_by}; outcome resolved | already | missing.
local key = K.incidents .. A.id
if redis.call('EXISTS', key) == 0 then return {'missing', '', ''} end
if redis.call('HGET', key, F.status) == STATUS.resolved then
  return {'already', redis.call('HGET', key, F.resolved_at) or '', redis.call('HGET', key, F.resolved_by) or ''}
end
redis.call('HSET', key, F.status, STATUS.resolved, F.resolved_at, now, F.resolved_by, A.by, F.updated_at, now)
local state = redis.call('HGET', key, F.escalation)
if state == ESCALATION.pending then
  redis.call('ZREM', K.escalations_due, A.id)
  redis.call('HSET', key, F.escalation, ESCALATION.cancelled, F.cancelled_reason, 'resolved')
elseif state == ESCALATION.escalated and redis.call('HEXISTS', key, F.incident_arn) == 1
    and pages_through(key, A.resolve_backends) then
  enqueue(A.id, 'resolve', {'provider'})
end
event(A.id, 'resolved', 'by', A.by)
enqueue(A.id, 'resolved', A.channels)
return {'resolved', tostring(now), A.by}
