-- One page of the console's incident list, chosen inside Redis so that only the page crosses the wire.
-- Reads only; walks the newest ARGV[2] incidents of the by-time index KEYS[1].
-- ARGV[1] incident key prefix (the incident id follows it), [2] how many of the newest to consider,
-- [3] filters JSON {team, severity, state, drill ('yes'|'no'|''), q (lower-case text)},
-- [4] offset, [5] limit.
-- Returns {total matching, {ids of the page}, {state, count, state, count, ...} before the state filter}.
-- Open incidents come first, in this order of states, each newest first.
local order = {'pending', 'failed', 'escalated', 'firing', 'acknowledged', 'resolved'}
local rank = {}
for i, name in ipairs(order) do rank[name] = i end
local f = cjson.decode(ARGV[3])
local ids = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)
local buckets = {}
for i = 1, #order do buckets[i] = {} end
local counts = {}

local function text(value)
  if type(value) == 'string' then return value end
  return ''
end

for _, id in ipairs(ids) do
  local h = redis.call('HMGET', ARGV[1] .. id, 'status', 'escalation', 'acknowledged_at', 'summary', 'drill')
  if h[1] then
    local state
    if h[1] == 'resolved' then state = 'resolved'
    elseif h[3] then state = 'acknowledged'
    elseif h[2] == 'pending' then state = 'pending'
    elseif h[2] == 'escalating' or h[2] == 'escalated' then state = 'escalated'
    elseif h[2] == 'failed' then state = 'failed'
    else state = 'firing' end
    local ok, summary = pcall(cjson.decode, h[4] or '{}')
    if not ok or type(summary) ~= 'table' then summary = {} end
    local keep = (f.team == '' or text(summary.team) == f.team)
      and (f.severity == '' or string.lower(text(summary.severity)) == f.severity)
      and (f.drill == '' or (f.drill == 'yes') == (h[5] == '1'))
    if keep and f.q ~= '' then
      keep = string.find(string.lower(text(summary.alertname)), f.q, 1, true) ~= nil
        or string.find(string.lower(text(summary.service)), f.q, 1, true) ~= nil
    end
    if keep then
      counts[state] = (counts[state] or 0) + 1
      if f.state == '' or f.state == state or (f.state == 'open' and state ~= 'resolved') then
        table.insert(buckets[rank[state]], id)
      end
    end
  end
end

local total = 0
local page = {}
local first = tonumber(ARGV[4])
local last = first + tonumber(ARGV[5])
for _, bucket in ipairs(buckets) do
  for _, id in ipairs(bucket) do
    if total >= first and total < last then table.insert(page, id) end
    total = total + 1
  end
end
local flat = {}
for _, name in ipairs(order) do
  table.insert(flat, name)
  table.insert(flat, counts[name] or 0)
end
return {total, page, flat}
