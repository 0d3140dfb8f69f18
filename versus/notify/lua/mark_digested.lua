-- Record that incidents were shown in a channel's digest message: once per incident, as an event.
-- KEYS[1] the events stream, KEYS[2] the outbox stats hash, KEYS[3..] the incidents' hashes;
-- ARGV[1] now (epoch ms), ARGV[2] retention ms, ARGV[3] outbox channel, ARGV[4] Slack channel,
-- ARGV[5..] the incident ids (in the order of KEYS[3..]). Returns how many were newly recorded.
local now = ARGV[1]
local fresh = 0
for i = 3, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 and redis.call('HSETNX', KEYS[i], 'digested_at', now) == 1 then
    fresh = fresh + 1
    redis.call('XADD', KEYS[1], 'MINID', '~', tostring(tonumber(now) - tonumber(ARGV[2])), '*',
      'incident', ARGV[i + 2], 'event', 'notified_in_digest', 'at', now, 'channel', ARGV[3], 'slack_channel', ARGV[4])
  end
end
if fresh > 0 then redis.call('HINCRBY', KEYS[2], ARGV[3] .. ':digested', fresh) end
return fresh
