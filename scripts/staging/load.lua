-- wrk script for the staging drills (scripts/staging/drills.py): a mix of player look-ups
-- (GET, each a logged exposure) and analyses (POST without a user id: no exposure), counted by
-- what came back. wrk gives each thread its own Lua state; done() adds the threads' counters.
--   wrk -s load.lua URL -- USERS_FILE ANALYZE_SHARE
-- prints one line: STAGING-LOAD {json}
local threads = {}
local counters = { "player_200", "player_503", "analyze_200", "other" }

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   users = {}
   for line in io.lines(args[1]) do
      if line ~= "" then users[#users + 1] = line end
   end
   analyze_share = tonumber(args[2]) or 0.25
   for _, name in ipairs(counters) do _G[name] = 0 end
   statuses = ""
   analyze_body = '{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":150000,"age":30,"startSpeed":5}'
   math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
   if math.random() < analyze_share then
      return wrk.format("POST", "/v1/analyze", { ["Content-Type"] = "application/json" }, analyze_body)
   end
   local user = users[math.random(#users)]
   return wrk.format("GET", "/v1/players/" .. user .. "/motivation?game_mode=DualFlow&difficulty=-1&duration=10")
end

-- Answers are told apart by their bodies: only the player route's answer has "history", and
-- only it answers 503 database_unavailable (an analysis needs no database).
function response(status, headers, body)
   if status == 200 and body:find('"history"', 1, true) then
      player_200 = player_200 + 1
   elseif status == 200 then
      analyze_200 = analyze_200 + 1
   elseif status == 503 and body:find("database_unavailable", 1, true) then
      player_503 = player_503 + 1
   else
      other = other + 1
      if #statuses < 200 then statuses = statuses .. status .. " " end
   end
end

function done(summary, latency, requests)
   local total = {}
   for _, name in ipairs(counters) do total[name] = 0 end
   local seen = ""
   for _, thread in ipairs(threads) do
      for _, name in ipairs(counters) do total[name] = total[name] + thread:get(name) end
      seen = seen .. thread:get("statuses")
   end
   local e = summary.errors
   io.write(string.format(
      'STAGING-LOAD {"requests": %d, "duration_s": %.3f, "player_200": %d, "player_503": %d, "analyze_200": %d, ' ..
      '"other": %d, "other_statuses": "%s", "connect_errors": %d, "read_errors": %d, "write_errors": %d, ' ..
      '"timeouts": %d, "latency_p50_ms": %.3f, "latency_p99_ms": %.3f, "latency_max_ms": %.3f}\n',
      summary.requests, summary.duration / 1e6, total.player_200, total.player_503, total.analyze_200,
      total.other, seen, e.connect, e.read, e.write, e.timeout,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
