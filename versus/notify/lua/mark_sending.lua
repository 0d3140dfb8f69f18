#!lua flags=allow-oom
-- Note, before a non-idempotent send, that a message for this delivery may exist from now on, and renew
-- the lease so the send (bounded by its HTTP timeout) finishes well inside it. The first such time is
-- kept: a later claimer searches the channel from there before sending again.
-- A.id delivery id, A.token claim token, A.lease_ms. Returns 1, or 0 when the claim was lost (do not send).
local did = A.id
local dkey = K.deliveries .. did
if redis.call('HGET', dkey, D.claims) ~= A.token then return 0 end
redis.call('HSETNX', dkey, D.sending_since, now)
redis.call('ZADD', K.outbox_due, now + A.lease_ms, did)
return 1
