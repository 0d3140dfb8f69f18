#!lua flags=allow-oom
-- Note, before a non-idempotent send, that a message for this delivery may exist from now on, and renew
-- the lease so the send (bounded by its HTTP timeout) finishes well inside it. The first such time is
-- kept: a later claimer searches the channel from there before sending again.
-- ARGV[2] delivery id, [3] claim token, [4] lease ms. Returns 1, or 0 when the claim was lost (do not send).
local did = ARGV[2]
local dkey = p .. 'delivery:' .. did
if redis.call('HGET', dkey, 'claims') ~= ARGV[3] then return 0 end
redis.call('HSETNX', dkey, 'sending_since', now)
redis.call('ZADD', p .. 'outbox:due', now + tonumber(ARGV[4]), did)
return 1
