#!lua flags=allow-oom
-- Claim up to ARGV[3] due escalations for this process. An item stays in the due set with its score
-- moved to now + lease (ARGV[2] ms): if the claimer dies, another process claims it again after the lease,
-- and the provider's idempotency token keeps that from opening a second incident. Returns each claimed
-- incident's hash (as HGETALL gives it), so the claimer needs no second round trip to read it.
local due = p .. 'escalations:due'
local ids = redis.call('ZRANGEBYSCORE', due, '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
local claimed = {}
for _, id in ipairs(ids) do
  local key = incident_key(id)
  local state = redis.call('HGET', key, 'escalation')
  if state == 'pending' or state == 'escalating' then
    redis.call('HSET', key, 'escalation', 'escalating', 'claimed_at', now)
    redis.call('HINCRBY', key, 'claims', 1)
    redis.call('ZADD', due, now + tonumber(ARGV[2]), id)
    table.insert(claimed, redis.call('HGETALL', key))
  else
    redis.call('ZREM', due, id)
  end
end
return claimed
