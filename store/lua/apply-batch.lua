--[[
apply-batch: apply one ingest batch atomically (DESIGN §5). Keys are built from the prefix as in store/keys.ts; all of
them carry the same hash tag, so the script touches a single Redis Cluster slot.

ARGV: 1 prefix "ioc:{name}:", 2 source, 3 batchId, 4 batch-id TTL (s), 5 change-stream MAXLEN, 6 now (ms),
      7 time-zone offset (ms, for daily buckets), 8 commune daily retention (ms), 9 long daily retention (ms),
      10 5-minute retention (ms), 11 payload JSON:
  k: { indicator: [kindCode, scale] }            kindCode: s sum, r ratio, w wmean, x max, n min, o official
  o: [ [indicator, unit, storeParent, period, num, den|null, observedAt, propagateTo, seriesFlags], ... ]
  p: { unit: [storeParent, propagateTo, depth, seriesFlags] }     for every parent a rollup may reach
seriesFlags: 1 = daily buckets with the commune retention, 2 = 5-minute and daily buckets with the long retention.

For each observation: replace the latest value, then apply the difference (new − old components) to the parent's
running sums, once per parent per batch and level by level upward: O(depth) per observation, not O(children).
Returns { 'duplicate' } or { 'applied', streamId or '', changedCount }.
]]
local prefix, source, batchId = ARGV[1], ARGV[2], ARGV[3]
local batchTtl, maxlen, now = tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
local tz, communeKeep, longKeep, fiveKeep = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local payload = cjson.decode(ARGV[11])

if not redis.call('SET', prefix .. 'batch:' .. source .. ':' .. batchId, now, 'NX', 'EX', batchTtl) then
  return { 'duplicate' }
end

local kinds, parents = payload.k, payload.p
local DAY, FIVE = 86400000, 300000
local NULL = cjson.null

local function fmt(x)
  if x == nil then return '' end
  return string.format('%.17g', x)
end

local function encode(num, den, at, src, n)
  return fmt(num) .. '|' .. fmt(den) .. '|' .. string.format('%d', at) .. '|' .. src .. '|' .. (n and string.format('%d', n) or '')
end

local function decode(s)
  local num, den = string.match(s, '^([^|]*)|([^|]*)|')
  return tonumber(num), tonumber(den)
end

local function valueOf(kind, scale, num, den)
  if kind == 'r' or kind == 'w' then
    if den == nil or math.abs(den) < 1e-9 then return nil end
    if kind == 'r' then return scale * num / den end
    return num / den
  end
  return num
end

-- the newest period of each indicator: series follow only the newest period, so a late correction of an old period
-- does not write into today's trend
local newest = {}
local function isNewestPeriod(ind, period)
  local top = newest[ind]
  if top == nil then
    local r = redis.call('ZRANGE', prefix .. 'periods:' .. ind, '+', '-', 'BYLEX', 'REV', 'LIMIT', 0, 1)
    top = r[1] or ''
    newest[ind] = top
  end
  return period >= top
end

local function writeBucket(ind, unit, res, size, keep, at, num, den)
  local key = prefix .. 'series:' .. ind .. ':' .. unit .. ':' .. res
  local bucket = math.floor((at + tz) / size) * size - tz
  redis.call('ZREMRANGEBYSCORE', key, bucket, bucket)
  redis.call('ZADD', key, bucket, fmt(bucket) .. '|' .. fmt(num) .. '|' .. fmt(den))
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. fmt(now - keep))
end

local items = {}
local pending = {}        -- "ind|unit|period" → accumulated change of a parent
local byDepth = { {}, {}, {}, {} }
local periodsSeen = {}

local function touchParent(ind, parent, period, dnum, dden, dn, at)
  local key = ind .. '|' .. parent .. '|' .. period
  local a = pending[key]
  if a == nil then
    a = { ind = ind, unit = parent, period = period, dnum = 0, dden = 0, dn = 0, at = 0 }
    pending[key] = a
    table.insert(byDepth[parents[parent][3] + 1], a)
  end
  a.dnum = a.dnum + dnum
  a.dden = a.dden + dden
  a.dn = a.dn + dn
  if at > a.at then a.at = at end
end

local function put(ind, unit, storeParent, period, num, den, at, src, n, propagateTo, seriesFlags)
  local kind, scale = kinds[ind][1], kinds[ind][2]
  local key = prefix .. 'latest:' .. ind .. ':' .. storeParent .. ':' .. period
  local enc = encode(num, den, at, src, n)
  local old = redis.call('HGET', key, unit)
  if old == enc then return end
  redis.call('HSET', key, unit, enc)
  local onum, oden
  if old then onum, oden = decode(old) end
  local value = valueOf(kind, scale, num, den)
  items[#items + 1] = { ind, unit, period, value == nil and NULL or value, num, den == nil and NULL or den, at, src, n or NULL }

  if not periodsSeen[ind .. '|' .. period] then
    periodsSeen[ind .. '|' .. period] = true
    if isNewestPeriod(ind, period) then newest[ind] = period end
    redis.call('ZADD', prefix .. 'periods:' .. ind, 0, period)
  end
  if seriesFlags > 0 and isNewestPeriod(ind, period) then
    writeBucket(ind, unit, '1d', DAY, seriesFlags == 1 and communeKeep or longKeep, at, num, den)
    if seriesFlags == 2 then writeBucket(ind, unit, '5m', FIVE, fiveKeep, at, num, den) end
  end

  if propagateTo ~= '' then
    if kind == 'x' or kind == 'n' then
      redis.call('ZADD', prefix .. 'zagg:' .. ind .. ':' .. propagateTo .. ':' .. period, num, unit)
      touchParent(ind, propagateTo, period, 0, 0, 0, at)
    else
      touchParent(ind, propagateTo, period, num - (onum or 0), (den or 0) - (oden or 0), old and 0 or 1, at)
    end
  end
end

for _, o in ipairs(payload.o) do
  local den = o[6]
  if den == NULL then den = nil end
  put(o[1], o[2], o[3], o[4], o[5], den, o[7], source, nil, o[8], o[9])
end

-- parents, deepest first (provinces, then the nation), each once per batch
for depth = #byDepth, 1, -1 do
  for _, a in ipairs(byDepth[depth]) do
    local kind = kinds[a.ind][1]
    local info = parents[a.unit]
    local aggKey = prefix .. 'agg:' .. a.ind .. ':' .. a.unit .. ':' .. a.period
    local num, den, n
    if kind == 'x' or kind == 'n' then
      local zkey = prefix .. 'zagg:' .. a.ind .. ':' .. a.unit .. ':' .. a.period
      local r
      if kind == 'x' then r = redis.call('ZRANGE', zkey, -1, -1, 'WITHSCORES') else r = redis.call('ZRANGE', zkey, 0, 0, 'WITHSCORES') end
      num = tonumber(r[2])
      n = redis.call('ZCARD', zkey)
    else
      num = tonumber(redis.call('HINCRBYFLOAT', aggKey, 'num', a.dnum))
      if kind ~= 's' then den = tonumber(redis.call('HINCRBYFLOAT', aggKey, 'den', a.dden)) end
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

if #items == 0 then return { 'applied', '', 0 } end
local id = redis.call('XADD', prefix .. 'changes', 'MAXLEN', '~', maxlen, '*', 'src', source, 'batch', batchId, 'items', cjson.encode(items))
return { 'applied', id, #items }
