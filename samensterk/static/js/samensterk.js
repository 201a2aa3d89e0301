// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  // Move focus to an error summary so that screen-reader users hear what went wrong.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  });
})();
