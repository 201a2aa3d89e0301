// Small enhancements only: every page works without this file.
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  // Move focus to an error summary so that screen-reader users hear what went wrong.
  function focusErrors() {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  }

  // "Lees voor": read the page aloud with the browser's own speech synthesis.
  // The button stays hidden where the browser cannot speak.
  function readAloud() {
    if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") { return; }
    document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
      button.hidden = false;
      var label = button.textContent;
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        if (window.speechSynthesis.speaking) {
          window.speechSynthesis.cancel();
          return;
        }
        var target = document.querySelector(button.getAttribute("data-read-aloud")) || document.body;
        var text = Array.prototype.map.call(
          target.querySelectorAll("h1, h2, p, legend, label, li, blockquote"),
          function (el) { return el.innerText; }
        ).filter(function (t) { return t && t.trim() && t !== label; }).join(". ");
        var utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = document.documentElement.lang === "en" ? "en-GB" : "nl-NL";
        utterance.rate = 0.9;
        utterance.onend = function () { button.setAttribute("aria-pressed", "false"); };
        button.setAttribute("aria-pressed", "true");
        window.speechSynthesis.speak(utterance);
      });
    });
  }

  // Show a fieldset only when a checkbox is ticked (e.g. contact details only with consent).
  // A block with errors or with something typed in stays visible: hidden values are still sent.
  function revealWhen() {
    document.querySelectorAll("[data-reveal-when]").forEach(function (block) {
      var box = document.getElementById(block.getAttribute("data-reveal-when"));
      if (!box) { return; }
      var hasErrors = block.querySelector(".errorlist");
      function filled() {
        return Array.prototype.some.call(block.querySelectorAll("input, textarea"), function (field) {
          return field.value.trim();
        });
      }
      function sync() { block.hidden = !box.checked && !hasErrors && !filled(); }
      box.addEventListener("change", function () { hasErrors = null; sync(); });
      sync();
    });
  }

  // "Select all" for bulk actions in lists.
  function selectAll() {
    document.querySelectorAll("[data-select-all]").forEach(function (box) {
      box.hidden = false;
      box.addEventListener("change", function () {
        document.querySelectorAll(box.getAttribute("data-select-all")).forEach(function (b) { b.checked = box.checked; });
      });
    });
  }

  // Ctrl+Enter (or Cmd+Enter) saves a registration: keyboard-first intake.
  function shortcutSubmit() {
    document.querySelectorAll("[data-shortcut-submit]").forEach(function (button) {
      button.form.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          button.form.requestSubmit(button);
        }
      });
    });
  }

  // Staff intake: a suggestion button fills its field in place (without JavaScript it is a submit
  // that brings the form back filled). Alt+digit presses the button showing that key, Alt+W goes
  // to "who is calling". Alt with a digit types nothing on Windows and Linux; AltGr (Ctrl+Alt)
  // is left alone, so is every key when no such button is there.
  function intakeShortcuts() {
    var form = document.querySelector("form.intake-form");
    if (!form) { return; }
    form.querySelectorAll("[data-without-js]").forEach(function (el) { el.hidden = true; });
    function fill(button) {
      var target = document.getElementById(button.getAttribute("data-fill"));
      if (!target) { return; }
      target.value = button.getAttribute("data-fill-value");
      target.dispatchEvent(new Event("change", { bubbles: true }));
      var field = target.closest(".field");
      if (field && field.classList.contains("field--error")) {
        field.classList.remove("field--error");
        field.querySelectorAll(".errorlist").forEach(function (list) { list.remove(); });
        target.removeAttribute("aria-invalid");
      }
      if (!button.querySelector(".done")) {
        var done = document.createElement("span");
        done.className = "done";
        done.textContent = " ✓ " + (button.getAttribute("data-done") || "gekozen");
        button.appendChild(done);
      }
    }
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-fill]");
      if (!button) { return; }
      event.preventDefault();
      fill(button);
    });
    document.addEventListener("keydown", function (event) {
      if (!event.altKey || event.ctrlKey || event.metaKey) { return; }
      var digit = /^Digit([0-9])$/.exec(event.code);
      if (digit) {
        var button = form.querySelector('[data-key="' + digit[1] + '"]');
        if (button) { event.preventDefault(); fill(button); }
      } else if (event.code === "KeyW" && form.elements.reporter_role) {
        event.preventDefault();
        form.elements.reporter_role.focus();
      }
    });
  }

  ready(function () { focusErrors(); readAloud(); revealWhen(); selectAll(); shortcutSubmit(); intakeShortcuts(); });
})();
