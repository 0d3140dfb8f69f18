-- Give a claimed item back on shutdown: make it due now, so another process claims it on its next look
-- instead of after the claim's lease. Only while the claim is still the caller's (the item's `claims`
-- counter equals the caller's token) and the item is still in the due set (a finished item has left it).
-- Standalone (no prelude): KEYS[1] the due sorted set, KEYS[2] the item's hash.
-- ARGV[1] item id (the sorted set's member), [2] claim token, [3] now (epoch ms). Returns 1 if given back.
if redis.call('HGET', KEYS[2], 'claims') ~= ARGV[2] then return 0 end
return redis.call('ZADD', KEYS[1], 'XX', 'CH', ARGV[3], ARGV[1])
