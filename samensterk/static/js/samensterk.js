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
        var typed = block.querySelectorAll("input:not([type=checkbox]):not([type=radio]), textarea");
        return Array.prototype.some.call(typed, function (field) {
          return field.value.trim();
        });
      }
      function sync() { block.hidden = !box.checked && !hasErrors && !filled(); }
      box.addEventListener("change", function () { hasErrors = null; sync(); });
      sync();
    });
  }

  // Show a block only while another field has text (a question that only fits an answer).
  // A ticked box inside keeps it visible, so that nothing chosen is hidden.
  function revealFilled() {
    document.querySelectorAll("[data-reveal-filled]").forEach(function (block) {
      var field = document.getElementById(block.getAttribute("data-reveal-filled"));
      if (!field) { return; }
      function sync() {
        block.hidden = !field.value.trim() && !block.querySelector("input:checked");
      }
      field.addEventListener("input", sync);
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

  ready(function () { focusErrors(); readAloud(); revealWhen(); revealFilled(); selectAll(); shortcutSubmit(); });
})();
