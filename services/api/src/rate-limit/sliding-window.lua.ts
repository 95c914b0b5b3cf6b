/*
 * Why these scripts do not lose requests, unlike the design document's limiter (ZREMRANGEBYSCORE,
 * ZCARD and ZADD as three separate calls, with the current second as the member):
 * - each runs as ONE script, which Redis executes atomically: no other request can count or add
 *   between this request's count and its add, so N concurrent requests admit exactly `limit`;
 * - a log member is "<ms>:<n>", unique even for many requests in the same millisecond, so every
 *   admitted request is one entry (a repeated member would overwrite and count once);
 * - the clock is Redis's own (TIME), so instances with skewed clocks share one timeline;
 * - every key of a call shares one {hash tag}, so the script runs on Redis Cluster;
 * - every key gets an expiry equal to the window (plus a sub-window): idle callers leave nothing.
 * KEYS[1] = hits (sorted set or hash), KEYS[2] = penalty block flag.
 * ARGV = window ms, limit, block duration ms [, sub-windows]. Returns {hits, msToExpire, blocked, msToUnblock}.
 */

const CLOCK_AND_BLOCK = `
local window, limit, blockMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blockedFor = redis.call('PTTL', KEYS[2])
local function refuse(hits, wait)
  if blockMs > wait then
    redis.call('SET', KEYS[2], '1', 'PX', blockMs)
    wait = blockMs
  end
  return {hits, wait, 1, wait}
end
`;

/** Exact sliding log: a sorted set of request times. */
export const SLIDING_LOG_SCRIPT = `${CLOCK_AND_BLOCK}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local function untilOldestLeaves()
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]
  return (oldest and tonumber(oldest) or now) + window - now
end
if blockedFor > 0 then return {count, blockedFor, 1, blockedFor} end
if count >= limit then return refuse(count, untilOldestLeaves()) end
local n = count
while redis.call('ZADD', KEYS[1], now, string.format('%d:%d', now, n)) == 0 do n = n + 1 end
redis.call('PEXPIRE', KEYS[1], window)
return {count + 1, untilOldestLeaves(), 0, 0}
`;

/** Sub-window counters: a hash of slot index -> requests, the oldest overlapping slot counted whole. */
export const SLIDING_SLOTS_SCRIPT = `${CLOCK_AND_BLOCK}
local size = math.ceil(window / tonumber(ARGV[4]))
local first = math.floor((now - window) / size)
local fields = redis.call('HGETALL', KEYS[1])
local slots, counts, stale, total = {}, {}, {}, 0
for i = 1, #fields, 2 do
  local slot, hits = tonumber(fields[i]), tonumber(fields[i + 1])
  if slot < first then
    stale[#stale + 1] = fields[i]
  else
    slots[#slots + 1] = slot
    counts[slot] = hits
    total = total + hits
  end
end
if #stale > 0 then redis.call('HDEL', KEYS[1], unpack(stale)) end
table.sort(slots)
-- A slot stops being counted once the window's start passes its end.
local function leaves(slot) return (slot + 1) * size + window - now end
if blockedFor > 0 then return {total, blockedFor, 1, blockedFor} end
if total >= limit then
  local dropped = 0
  for _, slot in ipairs(slots) do
    dropped = dropped + counts[slot]
    if total - dropped < limit then return refuse(total, leaves(slot)) end
  end
  return refuse(total, window)
end
local current = math.floor(now / size)
redis.call('HINCRBY', KEYS[1], current, 1)
redis.call('PEXPIRE', KEYS[1], window + size)
return {total + 1, leaves(slots[1] or current), 0, 0}
`;
