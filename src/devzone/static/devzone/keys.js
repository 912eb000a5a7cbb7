// Keyboard shortcuts: "/" jumps to the project search (from any page), Escape leaves a field.
// Everything works without this file; it only saves keystrokes.
(function () {
  "use strict";
  function searchField() {
    return document.querySelector("[data-shortcut=search]");
  }
  function typing(target) {
    var name = target && target.tagName;
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" || (target && target.isContentEditable);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && !typing(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var field = searchField();
      event.preventDefault();
      if (field) {
        field.focus();
        field.select();
      } else {
        var link = document.querySelector("a[accesskey=p]");
        if (link) { window.location.href = link.getAttribute("href") + "#search"; }
      }
    } else if (event.key === "Escape" && typing(event.target)) {
      event.target.blur();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (window.location.hash === "#search") {
      var field = searchField();
      if (field) { field.focus(); }
    }
  });
})();
