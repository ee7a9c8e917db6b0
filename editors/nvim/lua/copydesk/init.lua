-- copydesk for Neovim 0.7 and later: starts `copydesk lsp` for markdown and text buffers.
-- Settings use the same keys as copydesk.toml and VS Code's copydesk.* settings.
local M = {}

M.defaults = {
  cmd = { "copydesk", "lsp" },
  filetypes = { "markdown", "text" },
  root_markers = { "copydesk.toml", ".git" },
  -- Server settings, exactly as in copydesk.toml, e.g. { rules = { ["unsourced-figure"] = "off" } }.
  settings = vim.empty_dict(),
}

local function root_dir(bufnr, markers)
  local path = vim.api.nvim_buf_get_name(bufnr)
  local start = path ~= "" and vim.fn.fnamemodify(path, ":p:h") or vim.loop.cwd()
  for _, marker in ipairs(markers) do
    local found = vim.fn.findfile(marker, start .. ";")
    if found == "" then
      found = vim.fn.finddir(marker, start .. ";")
    end
    if found ~= "" then
      return vim.fn.fnamemodify(found, ":p:h"):gsub("/%.git/?$", "")
    end
  end
  return start
end

--- The client configuration for a buffer, shared by setup() and lsp/copydesk.lua.
function M.config(opts, bufnr)
  opts = vim.tbl_deep_extend("force", M.defaults, opts or {})
  local root = root_dir(bufnr or 0, opts.root_markers)
  return {
    name = "copydesk",
    cmd = opts.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = opts.settings,
    settings = { copydesk = opts.settings },
    on_init = function(client)
      -- Answer didChangeConfiguration with the same settings the server started with.
      client.notify("workspace/didChangeConfiguration", { settings = { copydesk = opts.settings } })
    end,
  }
end

local clients = {}

local function attach(opts, bufnr)
  local config = M.config(opts, bufnr)
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  -- Neovim 0.7: one client per root, attached by hand.
  local id = clients[config.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

--- Lists the draft's cast (people, organisations, places) from the document symbols.
function M.cast()
  vim.lsp.buf.document_symbol()
end

function M.setup(opts)
  opts = vim.tbl_deep_extend("force", M.defaults, opts or {})
  local group = vim.api.nvim_create_augroup("copydesk", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      attach(opts, args.buf)
    end,
  })
  vim.api.nvim_create_user_command("CopydeskCast", M.cast, { desc = "List the draft's cast" })
  -- Buffers already open when setup() runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
      attach(opts, bufnr)
    end
  end
end

return M
