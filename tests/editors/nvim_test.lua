-- copydesk in a real headless Neovim (0.7 and 0.11): diagnostics on open with the right
-- ranges, a typed quotation flagged, a hover card, and a quick fix applied.
-- Run: COPYDESK_BIN=... COPYDESK_ROOT=... nvim --headless -u NONE -l? (see run.sh)
local bin = os.getenv("COPYDESK_BIN")
local root = os.getenv("COPYDESK_ROOT")
local draft = os.getenv("COPYDESK_DRAFT")
local failures = {}

local function fail(message)
  table.insert(failures, message)
end

local function finish()
  if #failures == 0 then
    io.stdout:write("nvim " .. tostring(vim.version().minor) .. ": ok\n")
    vim.cmd("qall!")
  else
    io.stdout:write("nvim: FAILED\n" .. table.concat(failures, "\n") .. "\n")
    vim.cmd("cquit! 1")
  end
end

vim.cmd("filetype on")
vim.opt.runtimepath:append(root .. "/editors/nvim")
require("copydesk").setup({ cmd = { bin, "lsp" } })
vim.cmd("edit " .. draft)

local function copydesk_diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.source == "copydesk" then
      table.insert(out, d)
    end
  end
  return out
end

local function covered(d)
  local line = vim.api.nvim_buf_get_lines(0, d.lnum, d.lnum + 1, false)[1] or ""
  if d.end_lnum ~= d.lnum then
    return line:sub(d.col + 1)
  end
  return line:sub(d.col + 1, d.end_col)
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function find(code, text)
  for _, d in ipairs(copydesk_diagnostics()) do
    if code_of(d) == code and (text == nil or covered(d) == text) then
      return d
    end
  end
end

-- 1. Diagnostics arrive and cover the right text.
if not vim.wait(15000, function() return #copydesk_diagnostics() > 0 end, 50) then
  fail("no copydesk diagnostics after opening the draft")
  finish()
end
if not find("unsourced-figure", "31,000") then
  fail("no unsourced-figure diagnostic covering 31,000")
end
if not find("inconsistent-name", "Marsch") then
  fail("no inconsistent-name diagnostic covering Marsch")
end

-- 2. Type an unattributed quotation at the end of the draft.
local quote = "“We will fight this closure in every court in the land.”"
vim.api.nvim_win_set_cursor(0, { vim.api.nvim_buf_line_count(0), 0 })
vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes("Go<CR>" .. quote .. "<Esc>", true, false, true), "xt", false)
if not vim.wait(15000, function() return find("unattributed-quote", quote) ~= nil end, 50) then
  fail("typed quotation was not flagged as unattributed-quote")
end

-- 3. Hover a name and read the entity card.
local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
local client = get_clients({ name = "copydesk" })[1]
local marsh_line
for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
  if line:find("Helena Marsh", 1, true) then
    marsh_line = i - 1
    break
  end
end
local params = {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  position = { line = marsh_line or 0, character = 0 },
}
local line_text = vim.api.nvim_buf_get_lines(0, marsh_line, marsh_line + 1, false)[1]
local byte = line_text:find("Marsh", 1, true) - 1
params.position.character = vim.str_utfindex(line_text, byte)
local hover = vim.lsp.buf_request_sync(0, "textDocument/hover", params, 5000)
local card = ""
for _, response in pairs(hover or {}) do
  if response.result and response.result.contents then
    card = response.result.contents.value or ""
  end
end
if not (card:find("Helena Marsh", 1, true) and card:find("person", 1, true)) then
  fail("hover card did not show Helena Marsh (person): " .. card)
end

-- 4. Apply the quick fix for the misspelt name and see the finding go.
local d = find("inconsistent-name", "Marsch")
if d then
  local range_params = {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = {
      start = { line = d.lnum, character = vim.str_utfindex(vim.api.nvim_buf_get_lines(0, d.lnum, d.lnum + 1, false)[1], d.col) },
      ["end"] = { line = d.lnum, character = vim.str_utfindex(vim.api.nvim_buf_get_lines(0, d.lnum, d.lnum + 1, false)[1], d.end_col) },
    },
    context = { diagnostics = {} },
  }
  local actions = vim.lsp.buf_request_sync(0, "textDocument/codeAction", range_params, 5000)
  local applied = false
  for _, response in pairs(actions or {}) do
    for _, action in ipairs(response.result or {}) do
      if not applied and action.title:find("here", 1, true) and action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, client and client.offset_encoding or "utf-16")
        applied = true
      end
    end
  end
  if not applied then
    fail("no quick fix offered for Marsch")
  elseif not vim.wait(15000, function() return find("inconsistent-name", "Marsch") == nil end, 50) then
    fail("the quick fix did not remove the inconsistent-name finding")
  end
end

finish()
