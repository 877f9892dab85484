-- wrk script: POST one new check-in per request to /api/sync, each with a fresh UUID.
-- The session cookie and CSRF token come from the environment (set by bench/measure.py).
local counter = 0
local thread_id = 0
local cookie = os.getenv("BENCH_COOKIE")
local token = os.getenv("BENCH_CSRF")
local today = os.getenv("BENCH_TODAY")

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  math.randomseed(os.time() + tid * 7919)
end

local function uuid()
  local t = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (t:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"records":[{"kind":"checkin","op":"upsert","uuid":"%s","client_updated_at":"%sT08:00:00Z",' ..
    '"local_date":"%s","local_time":"08:00","tz_offset_minutes":0,"data":{"leg_pain":%d,"notes":"wrk"}}]}',
    uuid(), today, today, counter % 11)
  return wrk.format("POST", "/api/sync", {
    ["Content-Type"] = "application/json", ["Accept"] = "application/json",
    ["Cookie"] = cookie, ["X-CSRFToken"] = token}, body)
end
