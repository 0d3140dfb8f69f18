-- Record one alert from intake: create or update its incident, schedule its escalation, queue its
-- deliveries and log the change, all or nothing.
-- A.id new incident id, A.identity ('' for none), A.resolved, A.payload (JSON text), A.decision,
-- A.warnings, A.summary (JSON texts), A.source (the name of the intake credential that created it,
-- 'anonymous' when intake auth is off), A.format (alertmanager | json), A.escalate_in_ms (absent when not
-- paging), A.identity_ttl_ms, A.drill, A.drill_page (a drill that asks for a real page), A.slack_channel_id
-- ('' for the configured channel). Returns {id, created | updated | resolved}.
local identity_key = nil
if A.identity ~= '' then identity_key = K.identities .. A.identity end
local resolved = A.resolved
local escalates = A.escalate_in_ms ~= nil and not resolved
local drill = A.drill and '1' or '0'
local id = nil
if identity_key then id = redis.call('GET', identity_key) end
local result
if id then
  local key = K.incidents .. id
  redis.call('HSET', key, F.payload, A.payload, F.updated_at, now, F.warnings, A.warnings)
  redis.call('HINCRBY', key, F.notifications, 1)
  if resolved then
    redis.call('HSET', key, F.status, STATUS.resolved, F.resolved_at, now)
    redis.call('DEL', identity_key)
    local state = redis.call('HGET', key, F.escalation)
    if state == ESCALATION.pending then
      redis.call('ZREM', K.escalations_due, id)
      redis.call('HSET', key, F.escalation, ESCALATION.cancelled, F.cancelled_reason, 'resolved')
    elseif state == ESCALATION.escalated and redis.call('HEXISTS', key, F.incident_arn) == 1
        and pages_through(key, A.resolve_backends) then
      enqueue(id, 'resolve', {'provider'})
    end
    result = 'resolved'
  else
    redis.call('PEXPIRE', identity_key, A.identity_ttl_ms)
    result = 'updated'
  end
else
  id = A.id
  local key = K.incidents .. id
  redis.call('HSET', key, F.id, id, F.source, A.source, F.format, A.format,
    F.status, resolved and STATUS.resolved or STATUS.firing, F.created_at, now, F.updated_at, now,
    F.payload, A.payload, F.decision, A.decision, F.warnings, A.warnings, F.summary, A.summary,
    F.escalation, ESCALATION.none, F.notifications, 1, F.drill, drill)
  if A.drill_page then redis.call('HSET', key, F.drill_page, '1') end
  if A.slack_channel_id ~= '' then redis.call('HSET', key, F.slack_channel_id, A.slack_channel_id) end
  if resolved then
    redis.call('HSET', key, F.resolved_at, now)
  elseif identity_key then
    redis.call('SET', identity_key, id, 'PX', A.identity_ttl_ms)
  end
  if identity_key then redis.call('HSET', key, F.identity, A.identity) end
  if escalates then
    local due = now + A.escalate_in_ms
    redis.call('ZADD', K.escalations_due, due, id)
    redis.call('HSET', key, F.escalation, ESCALATION.pending, F.due_at, due)
  end
  trim()
  redis.call('ZADD', K.incidents_by_time, now, id)
  result = 'created'
end
redis.call('PEXPIRE', K.incidents .. id, A.ttl_ms)
enqueue(id, result, A.channels)
if result == 'created' then
  event(id, 'received', 'summary', A.summary, 'escalates', escalates and '1' or '0', 'drill', drill)
  if resolved then event(id, 'resolved') end
elseif result == 'resolved' then
  event(id, 'resolved')
end
return {id, result}
