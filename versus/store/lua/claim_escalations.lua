#!lua flags=allow-oom
-- Claim up to A.limit due escalations for this process. An item stays in the due set with its score
-- moved to now + A.lease_ms: if the claimer dies, another process claims it again after the lease, and
-- the provider's idempotency token keeps that from opening a second incident. Returns each claimed
-- incident's hash (as HGETALL gives it), so the claimer needs no second round trip to read it.
-- Every process runs this about twice a second, so it also trims what the retention period outlived.
trim()
local ids = redis.call('ZRANGEBYSCORE', K.escalations_due, '-inf', now, 'LIMIT', 0, A.limit)
local claimed = {}
for _, id in ipairs(ids) do
  local key = K.incidents .. id
  local state = redis.call('HGET', key, F.escalation)
  if state == ESCALATION.pending or state == ESCALATION.escalating then
    redis.call('HSET', key, F.escalation, ESCALATION.escalating, F.claimed_at, now)
    redis.call('HINCRBY', key, F.claims, 1)
    redis.call('ZADD', K.escalations_due, now + A.lease_ms, id)
    table.insert(claimed, redis.call('HGETALL', key))
  else
    redis.call('ZREM', K.escalations_due, id)
  end
end
return claimed
