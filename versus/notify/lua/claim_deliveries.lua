#!lua flags=allow-oom
-- Claim up to ARGV[3] due deliveries for this process. A claimed item stays in the due set with its score
-- moved to now + lease (ARGV[2] ms), so if the claimer dies another process claims it after the lease.
-- Each claim bumps the delivery's `claims` counter, which is the claim's token: a claimer whose lease
-- ran out can no longer mark or finish the item. Returns {delivery id, token, …}.
local due = p .. 'outbox:due'
local ids = redis.call('ZRANGEBYSCORE', due, '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
local claimed = {}
for _, did in ipairs(ids) do
  local dkey = p .. 'delivery:' .. did
  if redis.call('EXISTS', dkey) == 1 and not redis.call('HGET', dkey, 'status') then
    local token = redis.call('HINCRBY', dkey, 'claims', 1)
    redis.call('HSET', dkey, 'claimed_at', now)
    redis.call('ZADD', due, now + tonumber(ARGV[2]), did)
    table.insert(claimed, did)
    table.insert(claimed, tostring(token))
  else
    redis.call('ZREM', due, did)
  end
end
return claimed
