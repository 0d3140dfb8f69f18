#!lua flags=allow-oom
-- Record that incidents were shown in a channel's digest message: once per incident, as an event.
-- A.ids the incident ids, A.channel the outbox channel, A.slack_channel the Slack channel.
-- Returns how many were newly recorded.
local fresh = 0
for _, id in ipairs(A.ids) do
  local key = K.incidents .. id
  if redis.call('EXISTS', key) == 1 and redis.call('HSETNX', key, F.digested_at, now) == 1 then
    fresh = fresh + 1
    event(id, 'notified_in_digest', 'channel', A.channel, 'slack_channel', A.slack_channel)
  end
end
if fresh > 0 then redis.call('HINCRBY', K.outbox_stats, A.channel .. ':digested', fresh) end
return fresh
