-- signin.lua: wrk script for `make bench`: signs partners in through
-- POST /api/v1/sessions, in rotation over the logins in BENCH_LOGINS (one a
-- line), with the benchmark's passphrase. done() (bench/report.lua) prints one RESULT line.
local logins = {}
local idx = 0

function init(args)
	for line in io.lines(os.getenv("BENCH_LOGINS")) do
		if line ~= "" then logins[#logins + 1] = line end
	end
	idx = math.random(1, #logins)
end

function request()
	idx = idx % #logins + 1
	local body = '{"login":"' .. logins[idx] .. '","passphrase":"bench passphrase"}'
	return wrk.format("POST", "/api/v1/sessions", { ["Content-Type"] = "application/json" }, body)
end

dofile("bench/report.lua")
