-- POST /v1/analyze with DESIGN.md's example player.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":150000,"age":25.5,"startSpeed":5.0}'
