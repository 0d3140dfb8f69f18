#!lua flags=allow-oom
-- Record what the provider answered for a claimed escalation.
-- A.id incident id, A.outcome: escalated | drilled | failed | retry, A.detail: incident ARN, drill result
-- or error text, A.retry_in_ms: when to try again (for retry).
local id = A.id
local key = K.incidents .. id
if redis.call('HGET', key, F.escalation) ~= ESCALATION.escalating then return 0 end
if A.outcome == 'retry' then
  redis.call('HSET', key, F.last_error, A.detail)
  redis.call('HINCRBY', key, F.attempts, 1)
  redis.call('ZADD', K.escalations_due, now + A.retry_in_ms, id)
  return 1
end
redis.call('ZREM', K.escalations_due, id)
redis.call('HINCRBY', key, F.attempts, 1)
if A.outcome == 'escalated' then
  redis.call('HSET', key, F.escalation, ESCALATION.escalated, F.escalated_at, now, F.incident_arn, A.detail)
  event(id, 'escalated')
  enqueue(id, 'escalated', A.channels)
  if redis.call('HGET', key, F.status) == STATUS.resolved and pages_through(key, A.resolve_backends) then
    enqueue(id, 'resolve', {'provider'})
  elseif redis.call('HEXISTS', key, F.acknowledged_at) == 1 and pages_through(key, A.acknowledge_backends) then
    -- Acknowledged in Versus while this page was in flight.
    enqueue(id, 'acknowledge', {'provider'})
  end
elseif A.outcome == 'drilled' then
  -- A drill's rehearsed page: the same end state as a real one, with what would have been started.
  redis.call('HSET', key, F.escalation, ESCALATION.escalated, F.escalated_at, now, F.drill_result, A.detail)
  event(id, 'escalated', 'drill', '1')
  enqueue(id, 'escalated', A.channels)
else
  redis.call('HSET', key, F.escalation, ESCALATION.failed, F.failed_at, now, F.escalation_error, A.detail)
  event(id, 'escalation_failed')
  enqueue(id, 'escalation_failed', A.channels)
end
return 1
