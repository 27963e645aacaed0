-- rotate.lua: wrk script for `make bench`. Each request carries the session
-- cookie of the next signed-in partner in BENCH_TOKENS (one token a line), so
-- many couples' pages are served in rotation. Without BENCH_TOKENS it sends the
-- plain GET (nginx's file, the stylesheet). done() (bench/report.lua) prints one RESULT line.
local tokens = {}
local idx = 0
local path = nil

function init(args)
	local f = os.getenv("BENCH_TOKENS")
	if f and f ~= "" then
		for line in io.lines(f) do
			if line ~= "" then tokens[#tokens + 1] = line end
		end
	end
	path = wrk.path
	idx = math.random(1, math.max(#tokens, 1))
end

function request()
	if #tokens == 0 then
		return wrk.format("GET", path)
	end
	idx = idx % #tokens + 1
	return wrk.format("GET", path, { ["Cookie"] = "duet_session=" .. tokens[idx] })
end

dofile("bench/report.lua")
