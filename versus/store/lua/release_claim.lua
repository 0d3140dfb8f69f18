#!lua flags=allow-oom
-- Give a claimed item back on shutdown: make it due now, so another process claims it on its next look
-- instead of after the claim's lease. Only while the claim is still the caller's (the item's `claims`
-- counter equals the caller's token) and the item is still in the due set (a finished item has left it).
-- A.due: the due set (escalations_due | outbox_due), A.items: the items' key stem (incidents | deliveries),
-- A.id item id, A.token claim token. Returns 1 if given back.
local claims = A.items == 'deliveries' and D.claims or F.claims
if redis.call('HGET', K[A.items] .. A.id, claims) ~= A.token then return 0 end
return redis.call('ZADD', K[A.due], 'XX', 'CH', now, A.id)
