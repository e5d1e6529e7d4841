-- wrk script: the biggest post a client may create, over and over: content
-- of 100,000 "€" (3 bytes each in UTF-8, 300 KB a request), each with its
-- own slug so that none is a 409. Every one is valid, so only paging keeps
-- GET /posts from growing with them.
-- wrk -t2 -c64 -d10s -s lessons/02-personal-blog/testdata/post-big.lua http://127.0.0.1:8000/posts
local run = tostring(os.time())
local content = string.rep("€", 100000)
local threads, n = 0, 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function request()
  n = n + 1
  local slug = "big-" .. run .. "-" .. tostring(tid) .. "-" .. n
  local body = '{"title":"Big post","slug":"' .. slug .. '","content":"' .. content .. '"}'
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
