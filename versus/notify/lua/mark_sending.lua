-- Note, before a non-idempotent send, that a message for this delivery may exist from now on.
-- The first such time is kept: a later claimer searches the channel from there before sending again.
-- ARGV[2] delivery id, [3] claim token. Returns 1, or 0 when the claim was lost (do not send).
local dkey = p .. 'delivery:' .. ARGV[2]
if redis.call('HGET', dkey, 'claims') ~= ARGV[3] then return 0 end
redis.call('HSETNX', dkey, 'sending_since', now)
return 1
