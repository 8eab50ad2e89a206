-- wrk script: each wrk thread is one child walking real conversations at /c/<slug>, over and
-- over: start page, start, every question (an option picked at random, a few words typed,
-- or skipped), review, send, thanks. Run with as many threads as connections (-t N -c N),
-- since wrk keeps one Lua state per thread. Each POST is answered by a 303; the next request
-- is the GET the browser would follow it with. Counts are printed as JSON by done().
--   wrk -t50 -c50 -d10s -s bench/turn.lua http://127.0.0.1:5121 -- demo [think-ms] [no-words]
--       [prefix]
-- A fourth argument puts the chat under a prefix: "/floor" walks /floor/c/demo (bench/floor_app.py).

local slug = "demo"
local home = "/c/demo" -- the chat's address: prefix .. "/c/" .. slug
local typing = true -- false: skip the questions that ask for words (the third argument "no-words")
local cookie = ""
local pending = nil -- the next request to send, made from the last response
counts = { turns = 0, sent = 0, started = 0, unexpected = 0, gets = 0, posts = 0 }
local last_post = nil
local threads = {}
local words = {
  "My worker listens to me most of the time",
  "I would like more time to talk when things change",
  "Nobody asked me before I moved school",
  "It helps when they explain why",
}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  if args[1] then
    slug = args[1]
  end
  typing = args[3] ~= "no-words"
  home = (args[4] or "") .. "/c/" .. slug
  local think = tonumber(args[2] or "0")
  if think > 0 then
    -- A child reading the question before pressing: half to one and a half times `think` ms.
    function delay()
      return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
    end
  end
  math.randomseed(os.time() * 1000 + (id or 0))
end

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local function form(fields)
  local parts = {}
  for _, pair in ipairs(fields) do
    table.insert(parts, pair[1] .. "=" .. encode(pair[2]))
  end
  return table.concat(parts, "&")
end

local function get(path)
  counts.gets = counts.gets + 1
  last_post = nil
  local headers = {}
  if cookie ~= "" then
    headers["Cookie"] = cookie
  end
  return wrk.format("GET", path, headers)
end

local function post(path, kind, fields)
  counts.posts = counts.posts + 1
  last_post = kind
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  if cookie ~= "" then
    headers["Cookie"] = cookie
  end
  return wrk.format("POST", path, headers, form(fields))
end

-- The next request after a page: what a child would press on it.
local function next_from_page(body)
  local token = body:match('name="csrf_token" type="hidden" value="([^"]+)"')
    or body:match('name="csrf_token" value="([^"]+)"')
  if token == nil then
    return get(home)
  end
  if body:find('action="' .. home .. '/start"', 1, true) then
    return post(home .. "/start", "start", { { "csrf_token", token } })
  end
  if body:find('action="' .. home .. '/carry-on"', 1, true) then
    return post(home .. "/carry-on", "carry-on", { { "csrf_token", token } })
  end
  if body:find('action="' .. home .. '/send"', 1, true) then
    return post(home .. "/send", "send", { { "csrf_token", token } })
  end
  local node = body:match('name="node" type="hidden" value="([^"]+)"')
  if node == nil then
    return get(home)
  end
  local fields = { { "csrf_token", token }, { "node", node } }
  local options = {}
  for code in body:gmatch('name="answer" value="([^"]+)"') do
    table.insert(options, code)
  end
  local asks_words = body:find('name="text"', 1, true)
  if (math.random() < 0.1 or (asks_words and not typing)) and not body:find('value="next"', 1, true) then
    table.insert(fields, { "action", "skip" })
  elseif #options > 0 then
    table.insert(fields, { "answer", options[math.random(#options)] })
    if body:find('type="checkbox"', 1, true) then
      table.insert(fields, { "action", "answer" })
    end
  elseif asks_words then
    table.insert(fields, { "text", words[math.random(#words)] })
    table.insert(fields, { "action", "answer" })
  else
    table.insert(fields, { "action", "next" })
  end
  return post(home, "turn", fields)
end

function request()
  if pending == nil then
    pending = get(home)
  end
  local r = pending
  pending = nil
  return r
end

function response(status, headers, body)
  local set = headers["Set-Cookie"] or headers["set-cookie"]
  if set then
    cookie = set:match("^([^;]*)")
  end
  if last_post ~= nil then
    if status ~= 303 then
      counts.unexpected = counts.unexpected + 1
    elseif last_post == "turn" then
      counts.turns = counts.turns + 1
    elseif last_post == "send" then
      counts.sent = counts.sent + 1
    elseif last_post == "start" then
      counts.started = counts.started + 1
    end
    local location = headers["Location"] or headers["location"] or home
    pending = get(location)
  elseif status ~= 200 then
    counts.unexpected = counts.unexpected + 1
    cookie = ""
    pending = get(home)
  elseif body:find("/thanks", 1, true) == nil and body:find('name="csrf_token"', 1, true) then
    pending = next_from_page(body)
  else
    pending = get(home) -- thanks page: a new child on the same phone
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(counts) do
      total[key] = (total[key] or 0) + (thread:get("counts")[key] or 0)
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p90_ms": %.2f, "p99_ms": %.2f, '
      .. '"turns": %d, "sent": %d, "started": %d, "unexpected": %d, "gets": %d, "posts": %d, '
      .. '"errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, total.turns, total.sent,
    total.started, total.unexpected, total.gets, total.posts,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout
  ))
end
