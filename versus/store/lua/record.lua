-- Record one alert from intake: create or update its incident, schedule its escalation, queue its
-- deliveries and log the change, all or nothing.
-- ARGV[2] new incident id, [3] identity ('' for none), [4] '1' if resolved, [5] payload JSON,
-- [6] decision JSON, [7] warnings JSON, [8] summary JSON, [9] source, [10] due ms ('' when not paging),
-- [11] identity ttl ms, [12] '1' for a drill, [13] '1' for a drill that asks for a real page,
-- [14] Slack channel for this alert ('' for the configured one)
local identity_key = nil
if ARGV[3] ~= '' then identity_key = p .. 'identity:' .. ARGV[3] end
local resolved = ARGV[4] == '1'
local id = nil
if identity_key then id = redis.call('GET', identity_key) end
local result
if id then
  local key = incident_key(id)
  redis.call('HSET', key, 'payload', ARGV[5], 'updated_at', now, 'warnings', ARGV[7])
  redis.call('HINCRBY', key, 'notifications', 1)
  if resolved then
    redis.call('HSET', key, 'status', 'resolved', 'resolved_at', now)
    redis.call('DEL', identity_key)
    local state = redis.call('HGET', key, 'escalation')
    if state == 'pending' then
      redis.call('ZREM', p .. 'escalations:due', id)
      redis.call('HSET', key, 'escalation', 'cancelled', 'cancelled_reason', 'resolved')
    elseif state == 'escalated' and redis.call('HEXISTS', key, 'incident_arn') == 1
        and pages_through(key, ctx.resolve_backends) then
      enqueue(id, 'resolve', {'provider'})
    end
    result = 'resolved'
  else
    redis.call('PEXPIRE', identity_key, ARGV[11])
    result = 'updated'
  end
else
  id = ARGV[2]
  local key = incident_key(id)
  redis.call('HSET', key, 'id', id, 'source', ARGV[9], 'status', resolved and 'resolved' or 'firing',
    'created_at', now, 'updated_at', now, 'payload', ARGV[5], 'decision', ARGV[6], 'warnings', ARGV[7],
    'summary', ARGV[8], 'escalation', 'none', 'notifications', 1, 'drill', ARGV[12])
  if ARGV[13] == '1' then redis.call('HSET', key, 'drill_page', '1') end
  if ARGV[14] ~= '' then redis.call('HSET', key, 'slack_channel_id', ARGV[14]) end
  if resolved then
    redis.call('HSET', key, 'resolved_at', now)
  elseif identity_key then
    redis.call('SET', identity_key, id, 'PX', ARGV[11])
  end
  if ARGV[3] ~= '' then redis.call('HSET', key, 'identity', ARGV[3]) end
  if ARGV[10] ~= '' and not resolved then
    redis.call('ZADD', p .. 'escalations:due', ARGV[10], id)
    redis.call('HSET', key, 'escalation', 'pending', 'due_at', ARGV[10])
  end
  redis.call('ZADD', p .. 'incidents:by_time', now, id)
  result = 'created'
end
redis.call('PEXPIRE', incident_key(id), ctx.ttl_ms)
enqueue(id, result, ctx.channels)
if result == 'created' then
  event(id, 'received', 'summary', ARGV[8], 'escalates', ARGV[10] ~= '' and '1' or '0', 'drill', ARGV[12])
  if resolved then event(id, 'resolved') end
elseif result == 'resolved' then
  event(id, 'resolved')
end
return {id, result}
