-- wrk script: POST /subscribe, every request a new address (thread number,
-- counter, and the run's start time), so none is refused as a duplicate:
-- the flood that fills the store. See README.md, "Under load".
local run = tostring(os.time())
local threads, n = 0, 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function request()
  n = n + 1
  local body = "name=Flood+Reader&email=reader-" .. run .. "-" .. tid .. "-" .. n .. "%40example.com"
  return wrk.format("POST", "/subscribe", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
