;;; emacs_test.el --- copydesk in a real Emacs with eglot and Flymake  -*- lexical-binding: t -*-
;; Run: COPYDESK_BIN=... COPYDESK_DRAFT=... emacs --batch -Q -l emacs_test.el

(require 'package)
;; -Q skips site-start; Debian's elpa-* packages live here.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'markdown-mode)
(require 'flymake)

(defvar copydesk-failures nil)
(defun copydesk-fail (fmt &rest args)
  (push (apply #'format fmt args) copydesk-failures))

(defun copydesk-wait (predicate seconds)
  "Wait until PREDICATE is non-nil or SECONDS pass; return its value."
  (let ((deadline (+ (float-time) seconds)) (value nil))
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun copydesk-diagnostic-covering (text)
  (seq-find (lambda (d)
              (string= (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d)) text))
            (flymake-diagnostics)))

(let* ((bin (getenv "COPYDESK_BIN"))
       (draft (getenv "COPYDESK_DRAFT"))
       (eglot-send-changes-idle-time 0.1))
  (add-to-list 'eglot-server-programs `((markdown-mode gfm-mode text-mode) . (,bin "lsp")))
  (find-file draft)
  (markdown-mode)
  (apply #'eglot (eglot--guess-contact))
  (unless (copydesk-wait (lambda () (eglot-current-server)) 20)
    (copydesk-fail "eglot did not connect"))
  (unless (copydesk-wait (lambda () (copydesk-diagnostic-covering "31,000")) 20)
    (copydesk-fail "no diagnostic covering 31,000: %S" (flymake-diagnostics)))
  (unless (copydesk-diagnostic-covering "Marsch")
    (copydesk-fail "no diagnostic covering Marsch"))
  ;; Type an unattributed quotation at the end.
  (goto-char (point-max))
  (let ((quote "“We will fight this closure in every court in the land.”"))
    (insert "\n" quote "\n")
    ;; Idle timers do not fire in batch mode, so send the change as eglot's timer would.
    (eglot--signal-textDocument/didChange)
    (unless (copydesk-wait (lambda () (copydesk-diagnostic-covering quote)) 20)
      (copydesk-fail "typed quotation was not flagged: %S"
                     (with-current-buffer (seq-find (lambda (b) (string-match-p "EGLOT.*events" (buffer-name b))) (buffer-list))
                       (buffer-substring-no-properties (max (point-min) (- (point-max) 3000)) (point-max))))))
  ;; Hover over a name.
  (goto-char (point-min))
  (search-forward "Helena Marsh")
  (goto-char (match-beginning 0))
  (let* ((server (eglot-current-server))
         (hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
         (contents (plist-get hover :contents))
         (value (if (stringp contents) contents (plist-get contents :value))))
    (unless (and value (string-match-p "Helena Marsh" value) (string-match-p "person" value))
      (copydesk-fail "hover card: %S" value)))
  (if copydesk-failures
      (progn (princ (format "emacs: FAILED\n%s\n" (string-join copydesk-failures "\n")))
             (kill-emacs 1))
    (princ (format "emacs %s, eglot: ok\n" emacs-version))
    (kill-emacs 0)))
