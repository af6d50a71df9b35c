--[[
apply-batch: apply one ingest batch atomically (DESIGN §5). Keys are built from the prefix as in store/keys.ts; all of
them carry the same hash tag, so the script touches a single Redis Cluster slot.

ARGV: 1 prefix "ioc:{name}:", 2 source, 3 batchId, 4 batch-id TTL (s), 5 change-stream MAXLEN, 6 now (ms),
      7 time-zone offset (ms, for daily buckets), 8 commune daily retention (ms), 9 long daily retention (ms),
      10 5-minute retention (ms), 11 payload JSON, 12 change-stream MINID (entries older are trimmed),
      13 bounds JSON [maxCount, maxMagnitude, minObservedAt, maxClockSkew] (core/aggregation/limits.ts),
      14 federation outbox size in entries (0: no upstream link, nothing is queued to forward):
  k: { indicator: [kindCode, scale, counts] }    kindCode: s sum, r ratio, w wmean, x max, o official; counts 1/0
  o: [ [indicator, unit, storeParent, period, num, den|null, observedAt, propagateTo, seriesFlags, source], ... ]
     (source: the figure's stored source, when it is not the batch's: a forwarded figure's link/origin path)
  p: { unit: [storeParent, propagateTo, depth, seriesFlags] }     for every parent a rollup may reach
  w: { period: [startMs, endMs] }   each dated period's window (not `live`): series buckets are clamped into it
seriesFlags: 1 = daily buckets with the commune retention, 2 = 5-minute and daily buckets with the long retention.

All or nothing: every item is checked (kind, finite numbers within the bounds, observedAt, parents) before the first
write, and a batch that fails a check writes nothing and answers an error `BOUNDS <item> <reason>`; with the bounds
held, no later command can fail (no running sum can overflow), so the batch marker, written last, marks a batch
applied whole.

For each observation: replace the latest value unless the stored one was observed later (late never beats newer: the
item is skipped and reported), then apply the difference (new − old components) to the parent's running sums, once
per parent per batch and level by level upward: O(depth) per observation, not O(children).
Returns { 'duplicate' } or { 'applied', streamId or '', changedCount, olderJSON } (olderJSON: the indexes of the
skipped items, as a JSON array).
]]
local prefix, source, batchId = ARGV[1], ARGV[2], ARGV[3]
local batchTtl, maxlen, now = tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
local tz, communeKeep, longKeep, fiveKeep = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local payload = cjson.decode(ARGV[11])
local minId = ARGV[12]
local bounds = cjson.decode(ARGV[13])
local outboxMax = tonumber(ARGV[14] or '0')
local batchKey = prefix .. 'batch:' .. source .. ':' .. batchId

if redis.call('EXISTS', batchKey) == 1 then
  return { 'duplicate' }
end

local kinds, parents = payload.k, payload.p
local DAY, FIVE = 86400000, 300000
local NULL = cjson.null

-- the checks before any write ---------------------------------------------------------------------------------------
local maxCount, maxMag, minAt, maxAt = bounds[1], bounds[2], bounds[3], now + bounds[4]
local function finite(x)
  return type(x) == 'number' and x == x and x ~= math.huge and x ~= -math.huge
end
local function refuse(i, why)
  return redis.error_reply('BOUNDS item ' .. i .. ': ' .. why)
end
for i, o in ipairs(payload.o) do
  local ind, num, den, at = kinds[o[1]], o[5], o[6], o[7]
  if ind == nil or not string.find('srwxo', ind[1], 1, true) then return refuse(i - 1, 'unknown kind') end
  if type(o[2]) ~= 'string' or type(o[3]) ~= 'string' or type(o[4]) ~= 'string' then return refuse(i - 1, 'bad unit or period') end
  if not finite(num) then return refuse(i - 1, 'num is not a finite number') end
  local kind, counts = ind[1], ind[3] == 1
  if counts then
    if num < 0 or num > maxCount or num ~= math.floor(num) then return refuse(i - 1, 'count out of bounds') end
  elseif kind == 'w' then
    if math.abs(num) > maxMag * maxMag then return refuse(i - 1, 'value x weight out of bounds') end
  elseif math.abs(num) > maxMag then
    return refuse(i - 1, 'value out of bounds')
  end
  if kind == 'r' or kind == 'w' then
    if not finite(den) or den < 0 then return refuse(i - 1, 'den is not a finite number >= 0') end
    if den > (counts and maxCount or maxMag) or (counts and den ~= math.floor(den)) then return refuse(i - 1, 'den out of bounds') end
  elseif den ~= NULL then
    return refuse(i - 1, 'den is set for a kind without one')
  end
  if not finite(at) or at ~= math.floor(at) or at < minAt or at > maxAt then return refuse(i - 1, 'observedAt out of bounds') end
  if o[8] ~= '' and parents[o[8]] == nil then return refuse(i - 1, 'unknown parent ' .. tostring(o[8])) end
  if o[10] ~= nil and (type(o[10]) ~= 'string' or string.find(o[10], '|', 1, true)) then return refuse(i - 1, 'bad source') end
end

local function fmt(x)
  if x == nil then return '' end
  return string.format('%.17g', x)
end

local quotedCache = {}
local function quoted(str)
  local q = quotedCache[str]
  if q == nil then
    q = cjson.encode(str)
    quotedCache[str] = q
  end
  return q
end

local function jnum(x)
  if x == nil then return 'null' end
  return string.format('%.17g', x)
end

local function encode(num, den, at, src, n)
  return fmt(num) .. '|' .. fmt(den) .. '|' .. string.format('%d', at) .. '|' .. src .. '|' .. (n and string.format('%d', n) or '')
end

local function decode(s)
  local num, den, at = string.match(s, '^([^|]*)|([^|]*)|([^|]*)|')
  return tonumber(num), tonumber(den), tonumber(at)
end

local function valueOf(kind, scale, num, den)
  if kind == 'r' or kind == 'w' then
    if den == nil or math.abs(den) < 1e-9 then return nil end
    if kind == 'r' then return scale * num / den end
    return num / den
  end
  return num
end

-- a figure's series bucket lies in its own period's window [start, end) (payload w, from core/time/period-window.ts):
-- a late correction of an earlier period is written into that period's buckets, never into today's trend
local windows = payload.w or {}
local function bucketTime(period, at)
  local w = windows[period]
  if w == nil then return at end
  if at < w[1] then return w[1] end
  if at >= w[2] then return w[2] - 1 end
  return at
end

local function writeBucket(ind, unit, res, size, keep, at, num, den)
  local bucket = math.floor((at + tz) / size) * size - tz
  -- a correction of a period older than the retention has no bucket left to correct
  if bucket + size <= now - keep then return end
  local key = prefix .. 'series:' .. ind .. ':' .. unit .. ':' .. res
  redis.call('ZREMRANGEBYSCORE', key, bucket, bucket)
  redis.call('ZADD', key, bucket, fmt(bucket) .. '|' .. fmt(num) .. '|' .. fmt(den))
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. fmt(now - keep))
end

-- Running sums in double-double (hi + lo, about 106 bits): adding a child's new figure and removing its old one leaves
-- no residue, so a parent stays equal to the sum of its children's current figures (to the last bit of a double)
-- after any sequence of corrections, whatever their magnitudes (a plain running double keeps an error of the size of
-- the largest figure it ever held). Counts are exact either way (integers below 2^53).
local function twoSum(a, b)
  local s = a + b
  local bb = s - a
  return s, (a - (s - bb)) + (b - bb)
end
local function ddAdd(hi, lo, x)
  local s, e = twoSum(hi, x)
  e = e + lo
  local h = s + e
  return h, e - (h - s)
end

local items = {}
local pending = {}        -- "ind|unit|period" → accumulated change of a parent
local byDepth = { {}, {}, {}, {} }
local periodsSeen = {}

-- a child's change reaches its parent as (new − old) of num and den, kept in double-double
local function touchParent(ind, parent, period, num, onum, den, oden, dn, at)
  local key = ind .. '|' .. parent .. '|' .. period
  local a = pending[key]
  if a == nil then
    a = { ind = ind, unit = parent, period = period, nh = 0, nl = 0, dh = 0, dl = 0, dn = 0, at = 0 }
    pending[key] = a
    table.insert(byDepth[parents[parent][3] + 1], a)
  end
  a.nh, a.nl = ddAdd(a.nh, a.nl, num)
  a.nh, a.nl = ddAdd(a.nh, a.nl, -onum)
  a.dh, a.dl = ddAdd(a.dh, a.dl, den)
  a.dh, a.dl = ddAdd(a.dh, a.dl, -oden)
  a.dn = a.dn + dn
  if at > a.at then a.at = at end
end

-- a parent's running sum (hi, lo) in its agg hash, plus a change (hi, lo): the new hi is the parent's figure
local function addToAgg(aggKey, field, dh, dl)
  local r = redis.call('HMGET', aggKey, field, field .. 'Lo')
  local hi, lo = tonumber(r[1] or '0'), tonumber(r[2] or '0')
  hi, lo = ddAdd(hi, lo, dh)
  hi, lo = ddAdd(hi, lo, dl)
  redis.call('HSET', aggKey, field, fmt(hi), field .. 'Lo', fmt(lo))
  return hi
end

-- returns 'written', 'same' (the stored figure is this one already), or false when the stored figure was observed
-- later than this one (which is then not written)
local function put(ind, unit, storeParent, period, num, den, at, src, n, propagateTo, seriesFlags)
  local kind, scale = kinds[ind][1], kinds[ind][2]
  local key = prefix .. 'latest:' .. ind .. ':' .. storeParent .. ':' .. period
  local enc = encode(num, den, at, src, n)
  local old = redis.call('HGET', key, unit)
  if old == enc then return 'same' end
  local onum, oden, oat
  if old then onum, oden, oat = decode(old) end
  if src ~= 'rollup' and oat ~= nil and oat > at then return false end
  redis.call('HSET', key, unit, enc)
  local value = valueOf(kind, scale, num, den)
  -- written by hand, not with cjson.encode, which keeps only 14 significant digits of a number
  items[#items + 1] = string.format('[%s,%s,%s,%s,%s,%s,%d,%s,%s]', quoted(ind), quoted(unit), quoted(period), jnum(value),
    jnum(num), jnum(den), at, quoted(src), jnum(n))

  if not periodsSeen[ind .. '|' .. period] then
    periodsSeen[ind .. '|' .. period] = true
    redis.call('ZADD', prefix .. 'periods:' .. ind, 0, period)
  end
  if seriesFlags > 0 then
    local bat = bucketTime(period, at)
    writeBucket(ind, unit, '1d', DAY, seriesFlags == 1 and communeKeep or longKeep, bat, num, den)
    if seriesFlags == 2 then writeBucket(ind, unit, '5m', FIVE, fiveKeep, bat, num, den) end
  end

  if propagateTo ~= '' then
    if kind == 'x' then
      redis.call('ZADD', prefix .. 'zagg:' .. ind .. ':' .. propagateTo .. ':' .. period, num, unit)
      touchParent(ind, propagateTo, period, 0, 0, 0, 0, 0, at)
    else
      touchParent(ind, propagateTo, period, num, onum or 0, den or 0, oden or 0, old and 0 or 1, at)
    end
  end
  return 'written'
end

local older = {}
local forward = {}        -- leaf figures written, for the federation outbox
for i, o in ipairs(payload.o) do
  local den = o[6]
  if den == NULL then den = nil end
  local src = o[10] or source
  local done = put(o[1], o[2], o[3], o[4], o[5], den, o[7], src, nil, o[8], o[9])
  if not done then
    older[#older + 1] = i - 1
  elseif done == 'written' and outboxMax > 0 then
    forward[#forward + 1] = string.format('[%s,%s,%s,%s,%s,%d,%s]', quoted(o[1]), quoted(o[2]), quoted(o[4]), jnum(o[5]), jnum(den), o[7], quoted(src))
  end
end

-- the outbox, in the same atomic step as the apply: one entry per batch; past its size, a mark that history was
-- dropped (the forwarder then sends a snapshot of current values), never a silent hole
if #forward > 0 then
  local outbox, state = prefix .. 'outbox', prefix .. 'outbox-state'
  if redis.call('XLEN', outbox) < outboxMax then
    redis.call('XADD', outbox, '*', 'items', '[' .. table.concat(forward, ',') .. ']')
    redis.call('HINCRBY', state, 'pending', #forward)
  else
    redis.call('HINCRBY', state, 'overflows', 1)
    redis.call('HSET', state, 'lastOverflowAt', string.format('%d', now))
  end
end

-- parents, deepest first (provinces, then the nation), each once per batch
for depth = #byDepth, 1, -1 do
  for _, a in ipairs(byDepth[depth]) do
    local kind = kinds[a.ind][1]
    local info = parents[a.unit]
    local aggKey = prefix .. 'agg:' .. a.ind .. ':' .. a.unit .. ':' .. a.period
    local num, den, n
    if kind == 'x' then
      local zkey = prefix .. 'zagg:' .. a.ind .. ':' .. a.unit .. ':' .. a.period
      local r
      r = redis.call('ZRANGE', zkey, -1, -1, 'WITHSCORES')
      num = tonumber(r[2])
      n = redis.call('ZCARD', zkey)
    else
      num = addToAgg(aggKey, 'num', a.nh, a.nl)
      if kind ~= 's' then den = addToAgg(aggKey, 'den', a.dh, a.dl) end
      n = redis.call('HINCRBY', aggKey, 'n', a.dn)
    end
    local at = tonumber(redis.call('HGET', aggKey, 'at') or '0')
    if a.at > at then
      at = a.at
      redis.call('HSET', aggKey, 'at', string.format('%d', at))
    end
    put(a.ind, a.unit, info[1], a.period, num, den, at, 'rollup', n, info[2], info[4])
  end
end

redis.call('SET', batchKey, now, 'EX', batchTtl)
local olderJson = #older == 0 and '[]' or cjson.encode(older)
if #items == 0 then return { 'applied', '', 0, olderJson } end
-- the change stream's one entry format (store/changes.repo.ts appendChange writes the same): kept by time (MINID) and
-- capped by count (MAXLEN)
local changes = prefix .. 'changes'
local id = redis.call('XADD', changes, 'MAXLEN', '~', maxlen, '*', 'src', source, 'batch', batchId, 'items', '[' .. table.concat(items, ',') .. ']')
redis.call('XTRIM', changes, 'MINID', '~', minId)
return { 'applied', id, #items, olderJson }
