#!lua flags=allow-oom
-- Claim the listed deliveries (A.ids) for this process, those still due and unfinished; the others are
-- skipped, and a listed one that is finished or gone leaves the due set. A claimed item stays in the due set
-- with its score moved to now + A.lease_ms, so if the claimer dies another process claims it after the
-- lease. Each claim bumps the delivery's `claims` counter, which is the claim's token: a claimer whose lease
-- ran out can no longer mark or finish the item. Returns {delivery id, token, …}.
local claimed = {}
for _, did in ipairs(A.ids) do
  local score = redis.call('ZSCORE', K.outbox_due, did)
  if score and tonumber(score) <= now then
    local dkey = K.deliveries .. did
    if redis.call('EXISTS', dkey) == 1 and not redis.call('HGET', dkey, D.status) then
      local token = redis.call('HINCRBY', dkey, D.claims, 1)
      redis.call('HSET', dkey, D.claimed_at, now)
      redis.call('ZADD', K.outbox_due, now + A.lease_ms, did)
      table.insert(claimed, did)
      table.insert(claimed, tostring(token))
    else
      redis.call('ZREM', K.outbox_due, did)
    end
  end
end
return claimed
