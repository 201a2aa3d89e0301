/* The meldknop inside an iframe on a group's own website (?embed=1): tell the page around it
   how tall the form is, so that it needs no scroll bar of its own, and after sending ask it to
   show the top of the frame, where the thanks and the tracking code are. Messages go only to
   the group's allowed websites (data-origins) and our own (the preview in the settings). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (window.parent === window || !script) { return; }
  var origins = (script.getAttribute("data-origins") || "").split(" ").filter(Boolean);
  origins.push(window.location.origin);
  var TYPE = "samensterk-meldknop";

  function send(message) {
    message.type = TYPE;
    origins.forEach(function (origin) {
      try { window.parent.postMessage(message, origin); } catch (e) { /* a malformed origin */ }
    });
  }

  function height() { return Math.ceil(document.body.getBoundingClientRect().height); }

  function start() {
    // The page fills the frame, not the other way round: no minimum height of its own.
    document.documentElement.classList.add("is-embedded");
    var last = 0;
    function tell() {
      var now = height();
      if (now !== last) { last = now; send({ height: now }); }
    }
    tell();
    if (window.ResizeObserver) { new ResizeObserver(tell).observe(document.body); }
    window.addEventListener("resize", tell);
    // After sending: the thanks page, or the form again with what to fix.
    var arrived = document.querySelector("[data-embed-arrived]") || document.querySelector(".error-summary");
    if (arrived) {
      send({ height: height(), scroll: true });
      if (arrived.hasAttribute("data-embed-arrived")) { arrived.focus({ preventScroll: true }); }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
