-- wrk script: POST /token with alice's name and a wrong password, as fast
-- as wrk can: every request costs the server one bcrypt comparison.
-- Used by the README's "Under load" section.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=password&username=alice&password=not-her-password"
