(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("ul.releases > li"));
  var shown = document.getElementById("shown");
  function apply() {
    var chosen = {};
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) { chosen[s.name] = s.value; });
    var text = (form.querySelector("input[name=q]") || {value: ""}).value.toLowerCase();
    var n = 0;
    items.forEach(function (li) {
      var ok = Object.keys(chosen).every(function (k) {
        return !chosen[k] || (li.getAttribute("data-" + k) || "").split("|").indexOf(chosen[k]) >= 0;
      }) && (!text || li.textContent.toLowerCase().indexOf(text) >= 0);
      li.hidden = !ok;
      if (ok) { n += 1; }
    });
    if (shown) { shown.textContent = String(n); }
  }
  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
}());
