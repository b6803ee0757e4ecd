-- A real editor on the gopls that build.sh makes: Neovim (0.7.2 or later,
-- headless) starts it as its LSP server, opens a Go file, waits for
-- transportvet's diagnostics and applies the quick fix of one of them, as a
-- user's code-action key would, then writes the file.
--
--   nvim --headless -u NONE -i NONE -n -c 'luafile nvim.lua'
--
-- Inputs (environment):
--   TV_GOPLS    the gopls binary
--   TV_ROOT     the workspace root (the module directory)
--   TV_FILE     the file to open
--   TV_WANT     checks, comma-separated, that must report in the file
--   TV_DISABLE  a check that gopls's "analyses" setting turns off, and that
--               must then report nothing (optional)
--   TV_FIX      the title of the quick fix to apply (optional)
-- Prints what it saw; exits 0 when all held, 1 otherwise (and after 120 s).

local env = function(name)
  local v = os.getenv(name)
  if v == '' then
    return nil
  end
  return v
end

local function log(msg)
  io.stdout:write('nvim: ' .. msg .. '\n')
end

local function fail(msg)
  io.stderr:write('nvim: FAIL: ' .. msg .. '\n')
  vim.cmd('cquit! 1')
end

local ok, err = pcall(function()
  -- gopls takes its settings from initializationOptions too: Neovim 0.7
  -- neither answers workspace/configuration nor sends "settings" unasked.
  local init_options = nil
  if env('TV_DISABLE') then
    init_options = { analyses = { [env('TV_DISABLE')] = false } }
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(env('TV_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'gopls',
    cmd = { env('TV_GOPLS') },
    root_dir = env('TV_ROOT'),
    init_options = init_options,
  })
  if not client_id then
    return fail('gopls did not start')
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  -- Wait for a diagnostic of every wanted check.
  local want = vim.split(env('TV_WANT'), ',', { plain = true })
  local function bySource()
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.source then
        seen[d.source] = seen[d.source] or {}
        table.insert(seen[d.source], d)
      end
    end
    return seen
  end
  local got = vim.wait(90000, function()
    local seen = bySource()
    for _, c in ipairs(want) do
      if not seen[c] then
        return false
      end
    end
    return true
  end, 200)
  local seen = bySource()
  for source, ds in pairs(seen) do
    for _, d in ipairs(ds) do
      log(string.format('diagnostic %s:%d:%d [%s] %s', vim.fn.fnamemodify(env('TV_FILE'), ':t'), d.lnum + 1, d.col + 1, source, d.message))
    end
  end
  if not got then
    return fail('no diagnostic of every check of ' .. env('TV_WANT') .. ' within 90 s')
  end
  if env('TV_DISABLE') and seen[env('TV_DISABLE')] then
    return fail(env('TV_DISABLE') .. ' reported although "analyses" turned it off')
  end

  if env('TV_FIX') then
    -- As a user would: put the cursor on each diagnostic in turn and ask
    -- for its quick fixes with Neovim's own code-action command; the menu
    -- (vim.ui.select) picks the fix with the wanted title.
    local offered, chosen = {}, false
    vim.ui.select = function(items, opts, on_choice)
      local pick = nil
      for _, item in ipairs(items) do
        local title = opts.format_item(item)
        table.insert(offered, title)
        if title == env('TV_FIX') and not pick then
          pick = item
        end
      end
      offered.done = true
      if pick then
        chosen = true
        log('chose: ' .. env('TV_FIX'))
      end
      on_choice(pick)
    end
    local tick = vim.api.nvim_buf_get_changedtick(bufnr)
    for _, ds in pairs(seen) do
      for _, d in ipairs(ds) do
        if not chosen then
          vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
          offered.done = false
          vim.lsp.buf.code_action({ only = { 'quickfix' } })
          vim.wait(30000, function()
            return offered.done
          end, 50)
        end
      end
    end
    log('quick fixes offered: ' .. table.concat(offered, ' | '))
    if not chosen then
      return fail('no quick fix titled ' .. env('TV_FIX'))
    end
    -- The edit comes in the action, or from the server through
    -- workspace/applyEdit when the action is a command.
    if not vim.wait(30000, function()
      return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick
    end, 50) then
      return fail('the quick fix did not change the buffer within 30 s')
    end
    vim.cmd('silent write')
  end
  log('ok')
  vim.cmd('qall!')
end)
if not ok then
  fail(tostring(err))
end
