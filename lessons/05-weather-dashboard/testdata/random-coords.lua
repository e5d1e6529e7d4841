-- wrk script: GET /weather at a random point each time, two decimals, all
-- over the globe: 6.5 million rounded keys, so almost every request misses
-- the cache and needs an upstream call. That is the attack; see README.md.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + tid)
end

function request()
  local lat = math.random(-9000, 9000) / 100
  local lon = math.random(-18000, 18000) / 100
  return wrk.format("GET", string.format("/weather?latitude=%.2f&longitude=%.2f", lat, lon))
end
