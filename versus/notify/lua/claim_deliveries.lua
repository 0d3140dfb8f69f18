-- Claim the listed deliveries for this process, those still due and unfinished; the others are skipped.
-- KEYS[1] the outbox due set, KEYS[2..] the deliveries' hashes; ARGV[1] now (epoch ms), ARGV[2] lease ms,
-- ARGV[3..] the delivery ids (in the order of KEYS[2..]).
-- A claimed item stays in the due set with its score moved to now + lease, so if the claimer dies another
-- process claims it after the lease. Each claim bumps the delivery's `claims` counter, which is the claim's
-- token: a claimer whose lease ran out can no longer mark or finish the item. Returns {delivery id, token, …}.
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local claimed = {}
for i = 2, #KEYS do
  local did = ARGV[i + 1]
  local score = redis.call('ZSCORE', KEYS[1], did)
  if score and tonumber(score) <= now then
    if redis.call('EXISTS', KEYS[i]) == 1 and not redis.call('HGET', KEYS[i], 'status') then
      local token = redis.call('HINCRBY', KEYS[i], 'claims', 1)
      redis.call('HSET', KEYS[i], 'claimed_at', now)
      redis.call('ZADD', KEYS[1], now + lease, did)
      table.insert(claimed, did)
      table.insert(claimed, tostring(token))
    else
      redis.call('ZREM', KEYS[1], did)
    end
  end
end
return claimed
