-- wrk script of scripts/resilience.py: cycles through the paths listed in the file given
-- after `--`, counts answers by status code, and prints one RESULT line of JSON at the end.

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do
        if line ~= "" then
            table.insert(paths, line)
        end
    end
    counts = {}
    position = math.random(#paths)
end

function request()
    position = position % #paths + 1
    return wrk.format("GET", paths[position])
end

function response(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
    local totals = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("counts")) do
            totals[status] = (totals[status] or 0) + count
        end
    end
    local parts = {}
    for status, count in pairs(totals) do
        table.insert(parts, string.format('"%d": %d', status, count))
    end
    io.write(string.format(
        'RESULT {"requests": %d, "duration_s": %.1f, "connect_errors": %d, "read_errors": %d, ' ..
        '"write_errors": %d, "timeouts": %d, "p50_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f, ' ..
        '"statuses": {%s}}\n',
        summary.requests, summary.duration / 1e6, summary.errors.connect, summary.errors.read,
        summary.errors.write, summary.errors.timeout, latency:percentile(50) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000, table.concat(parts, ", ")
    ))
end
