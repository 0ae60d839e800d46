-- POST /v1/analyze/batch with the JSON array in $BATCH_FILE.
local file = assert(io.open(os.getenv("BATCH_FILE"), "r"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = file:read("*a")
file:close()
