-- wrk script of bench/throughput.sh: hires and settles them, as the hiring agents would.
--   wrk ... -s bench/hire-settle.lua <url> -- <agents file> <label> <threads>
-- The agents file has lines "client <id> <token>" and "provider <id>". Each wrk thread (one Lua
-- state each) takes every <threads>-th client, so no two threads act as the same agent, and hires
-- every provider in turn. A hire is POST /api/v1/transactions with a fresh Idempotency-Key (the API
-- requires one); its 201 puts the transaction on the thread's queue, and the thread's next request
-- settles the oldest queued hire as its payer, also with a fresh Idempotency-Key (optional for a
-- settlement, but what a careful client sends). A pair is a settlement answered 200 SETTLED.
-- <label> keeps keys apart between runs on one database. done() prints one "RESULT" line.

local threads = {}
local next_thread = 1

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  local file, label, count = args[1], args[2], tonumber(args[3])
  clients, tokens, providers = {}, {}, {}
  local index = 0
  for line in io.lines(file) do
    local kind, id, token = line:match("^(%S+) (%S+) ?(%S*)$")
    if kind == "client" then
      index = index + 1
      if (index - 1) % count == tid - 1 then
        table.insert(clients, id)
        tokens[id] = token
      end
    elseif kind == "provider" then
      table.insert(providers, id)
    end
  end
  assert(#clients > 0, "thread " .. tid .. " has no client agent")
  prefix = string.format("bench-%s-t%d", label, tid)
  sent, hires, settled = 0, 0, 0
  -- Non-2xx answers by status and path kind; the first few bodies are kept to be printed.
  failures, samples = {}, {}
  queue, head, tail = {}, 1, 0
  next_client, next_provider = 1, tid
end

local function headers_for(token, key)
  return {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key,
  }
end

function request()
  sent = sent + 1
  if head <= tail then
    local hire = queue[head]
    queue[head] = nil
    head = head + 1
    return wrk.format("POST", "/api/v1/transactions/" .. hire.id .. "/settlement",
      headers_for(tokens[hire.payer], string.format("%s-s%08d", prefix, sent)),
      '{"settlementReference":"bench-' .. hire.id .. '"}')
  end
  local payer = clients[next_client]
  next_client = next_client % #clients + 1
  local provider = providers[next_provider]
  next_provider = next_provider % #providers + 1
  return wrk.format("POST", "/api/v1/transactions",
    headers_for(tokens[payer], string.format("%s-h%08d", prefix, sent)),
    '{"provider":"' .. provider .. '","capability":"bench","amount":{"amount":"1.00","currency":"USDC"},'
      .. '"context":"bench"}')
end

function response(status, headers, body)
  if status == 201 then
    local id = body:match('"id":"([0-9a-f%-]+)"')
    local payer = body:match('"payer":"([^"]+)"')
    if id and payer and tokens[payer] then
      hires = hires + 1
      tail = tail + 1
      queue[tail] = { id = id, payer = payer }
      return
    end
  elseif status == 200 and body:find('"state":"SETTLED"', 1, true) then
    settled = settled + 1
    return
  end
  -- Anything else: a refusal (the problem's instance names the path), or an answer the bench did
  -- not expect (a replayed hire, a settlement that did not settle).
  local what = body:match('"instance":"/api/v1/transactions/[^"]*/settlement"') and "settle"
    or body:match('"instance":"/api/v1/transactions"') and "hire" or "other"
  local code = body:match('"code":"([A-Z_]+)"') or "-"
  local bucket = status .. " " .. what .. " " .. code
  failures[bucket] = (failures[bucket] or 0) + 1
  if #samples < 3 then
    table.insert(samples, status .. " " .. body:sub(1, 400))
  end
end

function done(summary, latency, requests)
  local all_pairs, all_hires, all_failed = 0, 0, 0
  local buckets = {}
  for _, thread in ipairs(threads) do
    all_pairs = all_pairs + thread:get("settled")
    all_hires = all_hires + thread:get("hires")
    for bucket, count in pairs(thread:get("failures")) do
      buckets[bucket] = (buckets[bucket] or 0) + count
      all_failed = all_failed + count
    end
    for _, sample in ipairs(thread:get("samples")) do
      io.stderr:write("  sample answer: " .. sample .. "\n")
    end
  end
  for bucket, count in pairs(buckets) do
    io.write(string.format("  failed: %d x %s\n", count, bucket))
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT seconds=%.3f requests=%d hires=%d pairs=%d failed=%d non2xx=%d connect=%d read=%d write=%d timeout=%d"
      .. " p50_ms=%.1f p99_ms=%.1f\n",
    summary.duration / 1e6, summary.requests, all_hires, all_pairs, all_failed, e.status,
    e.connect, e.read, e.write, e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
