// Confirm an import in the background and show its progress; without this script the form
// posts normally and the browser waits for the result page.
(function () {
  "use strict";
  var form = document.getElementById("confirm-import");
  if (!form || !window.fetch) {
    return;
  }
  var bar = document.getElementById("import-progress");
  var stage = document.getElementById("import-stage");
  var timer = null;

  function poll() {
    fetch(form.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.total) {
          bar.max = data.total;
          bar.value = data.done || 0;
        }
        stage.textContent = data.label || "";
      })
      .catch(function () { /* the next poll tries again */ });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    bar.hidden = false;
    timer = window.setInterval(poll, 700);
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    })
      .then(function (response) { return response.json(); })
      .then(function (data) { window.location.assign(data.redirect); })
      .catch(function () { form.submit(); })
      .finally(function () { window.clearInterval(timer); });
  });
})();
