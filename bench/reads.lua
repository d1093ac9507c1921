-- wrk script of bench/reads.sh: GET of one path, each request as the next of several agents.
--   wrk ... -s bench/reads.lua <url> -- <tokens file> <path>
-- The tokens file has one agent token a line; each thread starts at its own line.
local next_thread = 1

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  tokens = {}
  for line in io.lines(args[1]) do
    table.insert(tokens, line)
  end
  path = args[2]
  turn = tid
end

function request()
  turn = turn % #tokens + 1
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[turn] })
end
