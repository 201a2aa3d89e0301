// Small enhancements only: every page works without this file.
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  // Move focus to an error summary so that screen-reader users hear what went wrong. Its links
  // put the focus in the field itself (a plain #anchor only scrolls), with its question in view.
  function focusErrors() {
    var summary = document.querySelector(".error-summary");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      var field = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
      if (!field) { return; }
      event.preventDefault();
      history.replaceState(null, "", link.getAttribute("href"));
      var question = field.closest("fieldset") || field.closest(".field") || field;
      var label = question.querySelector("legend") || document.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  // "Lees voor": read one part of the page aloud with the browser's own speech synthesis. Only
  // what is visible is read (never hidden fields or the honeypot). The button is a toggle:
  // pressed while speaking, press again to stop. Hidden where the browser has no voice for
  // the page's language (voices may arrive later: checked again on voiceschanged).
  var SPOKEN = "h1, h2, p, legend, label, li, blockquote";

  function readAloud() {
    var buttons = document.querySelectorAll("[data-read-aloud]");
    if (!buttons.length) { return; }
    var synth = window.speechSynthesis;
    if (!synth || typeof SpeechSynthesisUtterance === "undefined") { return; }
    var lang = document.documentElement.lang === "en" ? "en" : "nl";
    var voice = null;
    var speaking = null;  // the button whose part is being read

    function findVoice() {
      var voices = synth.getVoices() || [];
      voice = voices.filter(function (v) { return (v.lang || "").toLowerCase().indexOf(lang) === 0; })[0] || null;
      buttons.forEach(function (button) { button.hidden = !voice; });
      if (!voice && speaking) { stop(); }
    }

    function visibleText(part) {
      return Array.prototype.filter.call(part.querySelectorAll(SPOKEN), function (el) {
        if (el.parentElement.closest(SPOKEN) && part.contains(el.parentElement.closest(SPOKEN))) { return false; }
        if (el.closest("[aria-hidden='true'], [inert], [hidden], .hp, .visually-hidden, button")) { return false; }
        return el.getClientRects().length > 0;
      }).map(function (el) {
        var copy = el.cloneNode(true);
        copy.querySelectorAll("button, input, select, textarea, .visually-hidden, [aria-hidden='true']").forEach(function (c) { c.remove(); });
        return copy.textContent.replace(/\s+/g, " ").trim();
      }).filter(Boolean).join(". ");
    }

    function show(button, pressed) {
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
      button.querySelector(".read-aloud__label").textContent = pressed ? button.dataset.stop : button.dataset.start;
    }

    function stop() {
      if (speaking) { show(speaking, false); }
      speaking = null;
      synth.cancel();
    }

    buttons.forEach(function (button) {
      var label = document.createElement("span");
      label.className = "read-aloud__label";
      button.dataset.start = button.firstChild.textContent.trim();
      button.dataset.stop = button.getAttribute("data-stop-label") || "Stop";
      label.textContent = button.dataset.start;
      button.replaceChild(label, button.firstChild);
      show(button, false);
      button.addEventListener("click", function () {
        var wasMe = speaking === button;
        stop();
        if (wasMe) { return; }
        var selector = button.getAttribute("data-read-aloud");
        var part = (selector && document.querySelector(selector)) || button.closest("[data-read-part]") || document.body;
        var text = visibleText(part);
        if (!text) { return; }
        var utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = lang === "en" ? "en-GB" : "nl-NL";
        utterance.voice = voice;
        utterance.rate = 0.9;
        utterance.onend = utterance.onerror = function () {
          if (speaking === button) { show(button, false); speaking = null; }
        };
        speaking = button;
        show(button, true);
        synth.speak(utterance);
      });
    });
    findVoice();
    if (synth.addEventListener) { synth.addEventListener("voiceschanged", findVoice); }
  }

  // The story box counts down from near its limit; over it, it says by how much. Text is never
  // cut: the server also answers with the count. Screen readers hear it when typing pauses.
  function countCharacters() {
    document.querySelectorAll("[data-counter-for]").forEach(function (counter) {
      var box = document.getElementById(counter.getAttribute("data-counter-for"));
      if (!box) { return; }
      var live = document.getElementById(counter.id + "-live");
      var max = parseInt(box.getAttribute("data-count-max"), 10);
      var from = parseInt(box.getAttribute("data-count-from"), 10);
      var timer = null;
      var locale = document.documentElement.lang === "en" ? "en-GB" : "nl-NL";
      function message(length) {
        var count = length > max ? length - max : max - length;
        var template = counter.getAttribute(length > max ? "data-over" : "data-left");
        return template.replace("%(count)s", count.toLocaleString(locale));
      }
      function update() {
        var length = Array.from(box.value.replace(/\r\n/g, "\n").trim()).length;
        var near = length >= from;
        counter.hidden = !near;
        counter.textContent = near ? message(length) : "";
        counter.classList.toggle("counter--over", length > max);
        if (live) {
          clearTimeout(timer);
          timer = setTimeout(function () { live.textContent = counter.textContent; }, 1000);
        }
      }
      box.setAttribute("aria-describedby", ((box.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
      box.addEventListener("input", update);
      update();
    });
  }

  // Show a block only when a box or a "ja" answer is chosen (e.g. contact details only with
  // consent). A block with errors or with something typed in stays visible: hidden values are
  // still sent.
  function revealWhen() {
    document.querySelectorAll("[data-reveal-when]").forEach(function (block) {
      var box = document.getElementById(block.getAttribute("data-reveal-when"));
      if (!box) { return; }
      var group = box.type === "radio" && box.form
        ? Array.prototype.slice.call(box.form.querySelectorAll("input[name='" + box.name + "']"))
        : [box];
      var hasErrors = block.querySelector(".errorlist");
      function filled() {
        var typed = block.querySelectorAll("input:not([type=checkbox]):not([type=radio]), textarea");
        return Array.prototype.some.call(typed, function (field) {
          return field.value.trim();
        });
      }
      function sync() { block.hidden = !box.checked && !hasErrors && !filled(); }
      group.forEach(function (input) {
        input.addEventListener("change", function () { hasErrors = null; sync(); });
      });
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

  // A form that must be sent once (an import): its button can't be pressed twice. The server
  // also finds a second POST of the same form by its token.
  function submitOnce() {
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("button[type=submit]").forEach(function (button) {
          // Disabled once this submission has left, so that it goes out as it is.
          window.setTimeout(function () {
            button.disabled = true;
            if (button.dataset.busyLabel) { button.textContent = button.dataset.busyLabel; }
          }, 0);
        });
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

  ready(function () {
    focusErrors(); readAloud(); countCharacters(); revealWhen(); revealFilled(); selectAll();
    shortcutSubmit(); submitOnce(); intakeShortcuts();
  });
})();
