-- wrk script for scripts/bench-intake.sh: POST /api/v1/cases as the hotline operator with a bearer
-- token (env SUDI_TOKEN) into town SUDI_TOWN; the title carries a per-thread counter so each case differs.
local token = os.getenv("SUDI_TOKEN")
local town = os.getenv("SUDI_TOWN")
local counter = 0
local id = 0

function setup(thread)
  id = id + 1
  thread:set("tid", id)
end

function request()
  counter = counter + 1
  local body = string.format('{"type":"LIVELIHOOD","title":"路灯不亮 %d-%d","description":"文化路路灯坏了一周，夜间出行不便，请尽快修复（%d）",' ..
    '"townId":%s,"requester":{"name":"张三","phone":"138%08d"},"location":{"lat":34.77,"lon":117.59,"address":"文化路 %d 号"}}',
    tid or 0, counter, counter, town, counter % 100000000, counter % 500)
  return wrk.format("POST", "/api/v1/cases",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
