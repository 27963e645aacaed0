-- mixed.lua: wrk script for `make bench`: signed-in people reading and
-- writing, as couples do. BENCH_PEOPLE names a file of one line per signed-in
-- partner: "TOKEN PROMPT_ID JOURNAL_ID DREAM_ID ITEM_ID" (bench/run.sh makes
-- it). Each request goes to the next person in rotation; of every five, one is
-- a write when BENCH_WRITES=1 (20 %), cycling through the five kinds below,
-- and the others read, cycling through the four pages and answers below. With
-- BENCH_WRITES=0 every request reads (the same reads, the reads-only run).
-- done() (bench/report.lua) prints one RESULT line.
local people = {}
local idx, n = 0, 0
local writes = false

local reads = { "/", "/know", "/api/v1/prompts/current", "/differences" }
local nread, nwrite = 0, 0

function init(args)
	for line in io.lines(os.getenv("BENCH_PEOPLE")) do
		local tok, prompt, journal, dream, item = line:match("^(%S+) (%S+) (%S+) (%S+) (%S+)")
		if tok then
			people[#people + 1] = { tok = tok, prompt = prompt, journal = journal,
						dream = dream, item = item }
		end
	end
	writes = os.getenv("BENCH_WRITES") == "1"
	idx = math.random(1, #people)
	nread = math.random(0, #reads - 1)
	nwrite = math.random(0, 4)
end

local statuses = { "exploring", "planning", "new" }

-- The k-th kind of write for person p: method, path, JSON body.
local function write_of(k, p, serial)
	if k == 0 then
		return "PUT", "/api/v1/prompts/" .. p.prompt .. "/answer",
			'{"text":"Mostly the quiet mornings, and the walk to the bakery (' .. serial .. ')."}'
	elseif k == 1 then
		return "PUT", "/api/v1/differences/items/" .. p.item .. "/rating",
			'{"rating":' .. (serial % 5 - 2) .. ',"important":false,"guess":null}'
	elseif k == 2 then
		return "PUT", "/api/v1/checkins/current",
			'{"closeness":' .. (serial % 7 + 1) .. ',"satisfaction":4,"trust":5,"safety":5}'
	elseif k == 3 then
		return "PUT", "/api/v1/journal/" .. p.journal,
			'{"text":"I went quiet at dinner instead of saying I was hurt (' .. serial .. ').","tags":["distant"]}'
	end
	return "PATCH", "/api/v1/dreams/" .. p.dream,
		'{"status":"' .. statuses[serial % #statuses + 1] .. '"}'
end

function request()
	idx = idx % #people + 1
	n = n + 1
	local p = people[idx]
	local cookie = "duet_session=" .. p.tok
	if writes and n % 5 == 0 then
		nwrite = (nwrite + 1) % 5
		local method, path, body = write_of(nwrite, p, n)
		return wrk.format(method, path,
			{ ["Cookie"] = cookie, ["Content-Type"] = "application/json" }, body)
	end
	nread = nread % #reads + 1
	return wrk.format("GET", reads[nread], { ["Cookie"] = cookie })
end

dofile("bench/report.lua")
