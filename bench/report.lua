-- report.lua: the done() of the bench's wrk scripts (loaded with dofile from
-- the repository's top folder): prints one line,
-- "RESULT req/s p50us p99us requests non2xx errors", that bench/run.sh reads.
function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT %.1f %d %d %d %d %d\n",
		summary.requests / (summary.duration / 1e6),
		latency:percentile(50), latency:percentile(99),
		summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
