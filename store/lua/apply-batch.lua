--[[
apply-batch: apply one ingest batch atomically (DESIGN §5). Every key it touches is declared in KEYS (the count varies
with the batch, so the file has no `-N`); store/apply-batch.ts applyCall names them from store/keys.ts, all under one
hash tag, and the payload refers to them by their index in KEYS: the script builds no key name.

KEYS: 1 the batch marker, 2 the change stream, 3 the federation outbox, 4 its state; then latest-value hashes, agg and
      zagg hashes of the parents, periods sets, series keys and commune-day hashes, in the order the payload first
      names them.
ARGV: 1 source, 2 batchId, 3 batch-id TTL (s), 4 change-stream MAXLEN, 5 now (ms), 6 time-zone offset (ms, for daily
      buckets), 7 long daily retention (ms), 8 5-minute retention (ms), 9 payload JSON, 10 change-stream MINID
      (entries older are trimmed), 11 bounds JSON [maxCount, maxMagnitude, minObservedAt, maxClockSkew]
      (core/aggregation/limits.ts), 12 federation outbox size in entries (0: no upstream link):
  k: { indicator: [kindCode, scale, counts] }    kindCode: s sum, r ratio, w wmean, x max, o official; counts 1/0
  o: [ [indicator, unit, period, num, den|null, observedAt, source, latestKey, periodsKey, dailyKey|0, fiveMinKey|0,
        seriesFlags, parentCell|0], ... ]   (source: the figure's stored source, a forwarded figure's link/origin path)
  c: [ [indicator, unit, period, latestKey, aggKey, zaggKey|0, periodsKey, dailyKey|0, fiveMinKey|0, seriesFlags,
        parentCell|0, depth], ... ]   one cell per (indicator, parent, period) a rollup reaches
  w: { period: [startMs, endMs] }   each dated period's window (not `live`): series buckets are clamped into it
  x: [ dayKey, expireAtMs, ... ]     each commune-day hash the rows name, with the end of its retention
(…Key: an index in KEYS; …Cell: an index in c.) seriesFlags: 0 = no history; 1 = a commune's day: dailyKey is the
commune-day hash of its province and day (store/keys.ts communeDay; the caller chose the day, clamped into the period's
window, and left out a day past its retention), the field the unit; 2 = 5-minute and daily buckets with the long
retention (the nation, provinces, ministries).

All or nothing: every item is checked (kind, finite numbers within the bounds, observedAt, key and cell indexes) before
the first write, and a batch that fails a check writes nothing and answers an error `BOUNDS <item> <reason>`; with the
bounds held, no later command can fail (no running sum can overflow), so the batch marker, written last, marks a batch
applied whole.

For each observation: replace the latest value unless the stored one was observed later (late never beats newer: the
item is skipped and reported), then apply the difference (new − old components) to the parent's running sums, once
per parent per batch and level by level upward: O(depth) per observation, not O(children).
Returns { 'duplicate' } or { 'applied', streamId or '', changedCount, olderJSON } (olderJSON: the indexes of the
skipped items, as a JSON array).
]]
local source, batchId = ARGV[1], ARGV[2]
local batchTtl, maxlen, now = tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
local tz, longKeep, fiveKeep = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local payload = cjson.decode(ARGV[9])
local minId = ARGV[10]
local bounds = cjson.decode(ARGV[11])
local outboxMax = tonumber(ARGV[12] or '0')
local batchKey, changes, outbox, outboxState = KEYS[1], KEYS[2], KEYS[3], KEYS[4]

if redis.call('EXISTS', batchKey) == 1 then
  return { 'duplicate' }
end

local kinds, cells = payload.k, payload.c
local DAY, FIVE = 86400000, 300000
local NULL = cjson.null

-- the checks before any write ---------------------------------------------------------------------------------------
local maxCount, maxMag, minAt, maxAt = bounds[1], bounds[2], bounds[3], now + bounds[4]
local function refuse(i, why)
  return redis.error_reply('BOUNDS item ' .. i .. ': ' .. why)
end
local nkeys, ncells = #KEYS, #cells
local function isKey(x, optional)
  return type(x) == 'number' and x == math.floor(x) and ((optional and x == 0) or (x >= 1 and x <= nkeys))
end
-- a parent cell's seriesFlags, 0 or 2, with the series keys they write (a commune day, 1, is a leaf's)
local function seriesOk(flags, daily, five)
  return (flags == 0) or (flags == 2 and daily ~= 0 and five ~= 0)
end
local function isCell(x)
  return type(x) == 'number' and x == math.floor(x) and x >= 0 and x <= ncells
end
for i, c in ipairs(cells) do
  if kinds[c[1]] == nil or type(c[2]) ~= 'string' or type(c[3]) ~= 'string' then return refuse(i - 1, 'bad parent cell') end
  if not (isKey(c[4]) and isKey(c[5]) and isKey(c[6], true) and isKey(c[7]) and isKey(c[8], true) and isKey(c[9], true))
    or not seriesOk(c[10], c[8], c[9]) or not isCell(c[11]) or type(c[12]) ~= 'number' or c[12] < 0 or c[12] > 3 then
    return refuse(i - 1, 'bad key or cell index in a parent cell')
  end
end
-- a cell's parent is one level up (the rollup climbs, it never loops) and of the same indicator; a max cell has its zagg
for i, c in ipairs(cells) do
  if c[11] ~= 0 and (cells[c[11]][12] >= c[12] or cells[c[11]][1] ~= c[1]) then return refuse(i - 1, 'a parent cell is not above its child') end
  if kinds[c[1]][1] == 'x' and c[6] == 0 then return refuse(i - 1, 'a max parent cell without its zagg key') end
end
-- each commune-day hash with the end of its retention, a whole number of ms still ahead
local expiry = {}
local x = payload.x or {}
if type(x) ~= 'table' or #x % 2 ~= 0 then return refuse(0, 'bad commune-day expiries') end
for i = 1, #x, 2 do
  local key, at = x[i], x[i + 1]
  if not isKey(key) or type(at) ~= 'number' or at ~= math.floor(at) or at <= now then return refuse(0, 'bad commune-day expiry') end
  expiry[key] = at
end
-- each kind entry once; each row's checks written out (no helper calls: this loop runs for every observation)
local kindOk, sourceOk = {}, {}
for id, k in pairs(kinds) do
  kindOk[id] = type(k) == 'table' and type(k[1]) == 'string' and string.find('srwxo', k[1], 1, true) ~= nil
end
local floor, HUGE = math.floor, math.huge
local rows = payload.o
for i = 1, #rows do
  local o = rows[i]
  local id, num, den, at = o[1], o[4], o[5], o[6]
  local ind = kinds[id]
  if ind == nil or not kindOk[id] then return refuse(i - 1, 'unknown kind') end
  if type(o[2]) ~= 'string' or type(o[3]) ~= 'string' then return refuse(i - 1, 'bad unit or period') end
  if type(num) ~= 'number' or num ~= num or num == HUGE or num == -HUGE then return refuse(i - 1, 'num is not a finite number') end
  local kind, counts = ind[1], ind[3] == 1
  if counts then
    if num < 0 or num > maxCount or num ~= floor(num) then return refuse(i - 1, 'count out of bounds') end
  elseif kind == 'w' then
    if math.abs(num) > maxMag * maxMag then return refuse(i - 1, 'value x weight out of bounds') end
  elseif math.abs(num) > maxMag then
    return refuse(i - 1, 'value out of bounds')
  end
  if kind == 'r' or kind == 'w' then
    if type(den) ~= 'number' or den ~= den or den == HUGE or den < 0 then return refuse(i - 1, 'den is not a finite number >= 0') end
    if den > (counts and maxCount or maxMag) or (counts and den ~= floor(den)) then return refuse(i - 1, 'den out of bounds') end
  elseif den ~= NULL then
    return refuse(i - 1, 'den is set for a kind without one')
  end
  if type(at) ~= 'number' or at ~= floor(at) or at < minAt or at > maxAt then return refuse(i - 1, 'observedAt out of bounds') end
  local src = o[7]
  if not sourceOk[src] then
    if type(src) ~= 'string' or string.find(src, '|', 1, true) then return refuse(i - 1, 'bad source') end
    sourceOk[src] = true
  end
  local lk, pk, dk, fk, flags, up = o[8], o[9], o[10], o[11], o[12], o[13]
  if type(lk) ~= 'number' or lk < 1 or lk > nkeys or lk ~= floor(lk)
    or type(pk) ~= 'number' or pk < 1 or pk > nkeys or pk ~= floor(pk)
    or type(dk) ~= 'number' or dk < 0 or dk > nkeys or dk ~= floor(dk)
    or type(fk) ~= 'number' or fk < 0 or fk > nkeys or fk ~= floor(fk)
    or not ((flags == 0) or (flags == 1 and expiry[dk] ~= nil and fk == 0) or (flags == 2 and dk ~= 0 and fk ~= 0)) then
    return refuse(i - 1, 'bad key index or series flags')
  end
  if type(up) ~= 'number' or up < 0 or up > ncells or up ~= floor(up) or (up ~= 0 and cells[up][1] ~= id) then
    return refuse(i - 1, 'unknown parent cell')
  end
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

local bucketText = {}      -- bucket start (ms) → its text: a batch names a few buckets for thousands of figures
local trimBelow = {}       -- retention (ms) → ZREMRANGEBYSCORE max bound, '(' .. (now − retention)
-- one bucket: replaced in place (its member carries the figure); the retention trim runs only when the bucket is new
-- (replacing one adds nothing older), so a series holds at most one bucket past its retention, until its next bucket
local function writeBucket(key, size, keep, at, snum, sden)
  local bucket = math.floor((at + tz) / size) * size - tz
  -- a correction of a period older than the retention has no bucket left to correct
  if bucket + size <= now - keep then return end
  local sb = bucketText[bucket]
  if sb == nil then
    sb = fmt(bucket)
    bucketText[bucket] = sb
  end
  local replaced = redis.call('ZREMRANGEBYSCORE', key, sb, sb)
  redis.call('ZADD', key, sb, sb .. '|' .. snum .. '|' .. sden)
  if replaced == 0 then
    local below = trimBelow[keep]
    if below == nil then
      below = '(' .. fmt(now - keep)
      trimBelow[keep] = below
    end
    redis.call('ZREMRANGEBYSCORE', key, '-inf', below)
  end
end

-- Running sums in double-double (hi + lo, about 106 bits): adding a child's new figure and removing its old one leaves
-- no residue, so a parent stays equal to the sum of its children's current figures (to the last bit of a double)
-- after any sequence of corrections, whatever their magnitudes (a plain running double keeps an error of the size of
-- the largest figure it ever held). Counts are exact either way (integers below 2^53).
-- (hi, lo) + x: Knuth's two-sum of hi and x, written out, then lo folded in
local function ddAdd(hi, lo, x)
  local s = hi + x
  local bb = s - hi
  local e = (hi - (s - bb)) + (x - bb) + lo
  local h = s + e
  return h, e - (h - s)
end

-- the commune-day hashes' fields, written with one HSET per hash after the rows (dayKey → { unit, "num|den", ... })
local dayFields, dayKeys = {}, {}

local items, nitems = {}, 0
local pending = {}        -- cell index → accumulated change of a parent
local byDepth = { {}, {}, {}, {} }
local periodsSeen = {}

-- a child's change reaches its parent as (new − old) of num and den, kept in double-double
local function touchParent(cell, num, onum, den, oden, dn, at)
  local a = pending[cell]
  if a == nil then
    a = { cell = cell, nh = 0, nl = 0, dh = 0, dl = 0, dn = 0, at = 0 }
    pending[cell] = a
    table.insert(byDepth[cells[cell][12] + 1], a)
  end
  a.nh, a.nl = ddAdd(a.nh, a.nl, num)
  a.nh, a.nl = ddAdd(a.nh, a.nl, -onum)
  -- (adding 0 leaves a double-double as it is: a sum or max has no den)
  if den ~= 0 then a.dh, a.dl = ddAdd(a.dh, a.dl, den) end
  if oden ~= 0 then a.dh, a.dl = ddAdd(a.dh, a.dl, -oden) end
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

-- `old`: the stored latest value (its encoding) or nil. Returns the new encoding, for the caller to store, or true
-- (the stored figure is this one already), or false when the stored figure was observed later than this one (which
-- is then not written).
local function put(ind, unit, period, num, den, at, src, n, old, periodsKey, dailyKey, fiveKey, seriesFlags, up)
  local kind, scale = kinds[ind][1], kinds[ind][2]
  -- each number is formatted once, for the stored value, the change entry and the series bucket
  local snum, sden, sat = fmt(num), fmt(den), string.format('%d', at)
  local enc = snum .. '|' .. sden .. '|' .. sat .. '|' .. src .. '|' .. (n and string.format('%d', n) or '')
  if old == enc then return true end
  local onum, oden, oat
  if old then onum, oden, oat = decode(old) end
  if src ~= 'rollup' and oat ~= nil and oat > at then return false end
  -- the change-stream item: indicator|unit|period|value| then the latest-value encoding (layout: store/changes.repo.ts)
  local svalue = (kind == 'r' or kind == 'w') and fmt(valueOf(kind, scale, num, den)) or snum
  nitems = nitems + 1
  items[nitems] = ind .. '|' .. unit .. '|' .. period .. '|' .. svalue .. '|' .. enc

  local seen = periodsSeen[periodsKey]
  if seen == nil then
    seen = {}
    periodsSeen[periodsKey] = seen
  end
  if not seen[period] then
    seen[period] = true
    redis.call('ZADD', KEYS[periodsKey], 0, period)
  end
  if seriesFlags == 1 then
    local f = dayFields[dailyKey]
    if f == nil then
      f = {}
      dayFields[dailyKey] = f
      dayKeys[#dayKeys + 1] = dailyKey
    end
    f[#f + 1] = unit
    f[#f + 1] = snum .. '|' .. sden
  elseif seriesFlags == 2 then
    local bat = bucketTime(period, at)
    writeBucket(KEYS[dailyKey], DAY, longKeep, bat, snum, sden)
    writeBucket(KEYS[fiveKey], FIVE, fiveKeep, bat, snum, sden)
  end

  if up ~= 0 then
    if kind == 'x' then
      redis.call('ZADD', KEYS[cells[up][6]], num, unit)
      touchParent(up, 0, 0, 0, 0, 0, at)
    else
      touchParent(up, num, onum or 0, den or 0, oden or 0, old and 0 or 1, at)
    end
  end
  return enc
end

-- the leaf figures' latest values, read with one HMGET and written with one HSET per hash (a batch names a few hundred
-- hashes for thousands of figures, and a command costs Redis more than the lookups it does). Each hash's table is kept
-- current as the rows are applied, so a figure named twice in a batch sees the first.
local CHUNK = 1000          -- fields per command (Lua's unpack has a stack limit)
local stored, toWrite = {}, {}
do
  local wanted = {}
  for i = 1, #rows do
    local lk = rows[i][8]
    local w = wanted[lk]
    if w == nil then
      w = {}
      wanted[lk] = w
    end
    w[#w + 1] = rows[i][2]
  end
  local unpack = unpack or table.unpack
  for lk, units in pairs(wanted) do
    local s = {}
    stored[lk], toWrite[lk] = s, {}
    for from = 1, #units, CHUNK do
      local to = math.min(from + CHUNK - 1, #units)
      local r = redis.call('HMGET', KEYS[lk], unpack(units, from, to))
      for j = from, to do s[units[j]] = r[j - from + 1] or nil end
    end
  end
end

local older = {}
local forward = {}        -- leaf figures written, for the federation outbox
for i, o in ipairs(rows) do
  local den = o[5]
  if den == NULL then den = nil end
  local src, unit, lk = o[7], o[2], o[8]
  local s = stored[lk]
  local done = put(o[1], unit, o[3], o[4], den, o[6], src, nil, s[unit], o[9], o[10], o[11], o[12], o[13])
  if not done then
    older[#older + 1] = i - 1
  elseif done ~= true then
    s[unit] = done
    local w = toWrite[lk]
    w[#w + 1] = unit
    w[#w + 1] = done
    if outboxMax > 0 then
      forward[#forward + 1] = string.format('[%s,%s,%s,%s,%s,%d,%s]', quoted(o[1]), quoted(unit), quoted(o[3]), jnum(o[4]), jnum(den), o[6], quoted(src))
    end
  end
end
do
  local unpack = unpack or table.unpack
  for lk, w in pairs(toWrite) do
    for from = 1, #w, 2 * CHUNK do
      redis.call('HSET', KEYS[lk], unpack(w, from, math.min(from + 2 * CHUNK - 1, #w)))
    end
  end
  -- the communes' days: a hash's retention is its TTL, set when the hash gains a field (it may be new)
  for _, dk in ipairs(dayKeys) do
    local f, added = dayFields[dk], 0
    for from = 1, #f, 2 * CHUNK do
      added = added + redis.call('HSET', KEYS[dk], unpack(f, from, math.min(from + 2 * CHUNK - 1, #f)))
    end
    if added > 0 then redis.call('PEXPIREAT', KEYS[dk], expiry[dk]) end
  end
end

-- the outbox, in the same atomic step as the apply: one entry per batch; past its size, a mark that history was
-- dropped (the forwarder then sends a snapshot of current values), never a silent hole
if #forward > 0 then
  if redis.call('XLEN', outbox) < outboxMax then
    redis.call('XADD', outbox, '*', 'items', '[' .. table.concat(forward, ',') .. ']')
    redis.call('HINCRBY', outboxState, 'pending', #forward)
  else
    redis.call('HINCRBY', outboxState, 'overflows', 1)
    redis.call('HSET', outboxState, 'lastOverflowAt', string.format('%d', now))
  end
end

-- parents, deepest first (provinces, then the nation), each once per batch
for depth = #byDepth, 1, -1 do
  for _, a in ipairs(byDepth[depth]) do
    local c = cells[a.cell]
    local kind = kinds[c[1]][1]
    local aggKey = KEYS[c[5]]
    local num, den, n
    if kind == 'x' then
      local zkey = KEYS[c[6]]
      local r = redis.call('ZRANGE', zkey, -1, -1, 'WITHSCORES')
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
    local lkey = KEYS[c[4]]
    local enc = put(c[1], c[2], c[3], num, den, at, 'rollup', n, redis.call('HGET', lkey, c[2]) or nil, c[7], c[8], c[9], c[10], c[11])
    if type(enc) == 'string' then redis.call('HSET', lkey, c[2], enc) end
  end
end

redis.call('SET', batchKey, now, 'EX', batchTtl)
local olderJson = #older == 0 and '[]' or cjson.encode(older)
if nitems == 0 then return { 'applied', '', 0, olderJson } end
-- the change stream's entry of an applied batch, in the one layout of store/changes.repo.ts (whose appendChange
-- writes the others): kept by time (MINID) and capped by count (MAXLEN)
local id = redis.call('XADD', changes, 'MAXLEN', '~', maxlen, '*', 'src', source, 'batch', batchId, 'items', table.concat(items, '\n'))
redis.call('XTRIM', changes, 'MINID', '~', minId)
return { 'applied', id, nitems, olderJson }
