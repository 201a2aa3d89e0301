/* Samen Sterk meldknop: included next to the iframe on a group's own website.
   The framed form tells its height and asks to be scrolled into view (after sending);
   this script listens, and only to our own origin in the expected shape. No other effect. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL || !window.addEventListener) { return; }
  var origin = new URL(script.src, document.baseURI).origin;
  var TYPE = "samensterk-meldknop";

  function frameOf(source) {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) { return frames[i]; }
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || typeof data !== "object" || data.type !== TYPE) { return; }
    var frame = frameOf(event.source);
    if (!frame) { return; }
    var height = data.height;
    if (typeof height === "number" && isFinite(height) && height >= 100 && height <= 20000) {
      frame.style.height = Math.ceil(height) + "px";
    }
    if (data.scroll === true) {
      // The thanks page: "Dank je wel" and the tracking code are at the top of the frame.
      frame.scrollIntoView({ block: "start" });
    }
  });
})();
