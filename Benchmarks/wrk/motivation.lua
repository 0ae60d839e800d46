-- GET /v1/players/{id}/motivation for a random user of $IDS_FILE (one id a line).
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/v1/players/" .. id .. "/motivation?game_mode=DualFlow&difficulty=-1&duration=10")
end
