-- wrk script: the biggest todo a client may create, over and over: a title
-- of 200 characters and a description of 2000 "€" (3 bytes each in UTF-8),
-- about 6 KB a request. Every one of them is valid, so only a limit on the
-- number of todos stops the list from growing.
-- wrk -t2 -c64 -d10s -s lessons/01-basic-todo-api/testdata/post-todo.lua http://127.0.0.1:8000/todos
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"' .. string.rep("t", 200) .. '","description":"' .. string.rep("€", 2000) .. '"}'
