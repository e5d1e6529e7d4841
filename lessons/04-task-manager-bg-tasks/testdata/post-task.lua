-- wrk script: the biggest task a client may create, over and over: a title
-- of 200 "€" (3 bytes each in UTF-8) and an address of 254 characters,
-- about 900 bytes a request. Every one is valid, so only a limit on the
-- number of tasks stops the list from growing.
-- wrk -t2 -c64 -d10s -s lessons/04-task-manager-bg-tasks/testdata/post-task.lua http://127.0.0.1:8000/tasks
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"' .. string.rep("€", 200) .. '","user_email":"' ..
  string.rep("a", 64) .. "@" .. string.rep("b", 63) .. "." .. string.rep("c", 63) .. "." .. string.rep("d", 61) .. '"}'
