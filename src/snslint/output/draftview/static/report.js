/* snslint --format html: filter findings by severity and rule (no network, no storage). */
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".sev-filter"));
  var rule = document.getElementById("rule-filter");
  function apply() {
    var wanted = {};
    boxes.forEach(function (b) { wanted[b.value] = b.checked; });
    var code = rule.value;
    var shown = {};
    var count = 0;
    document.querySelectorAll("li.finding").forEach(function (li) {
      var ok = wanted[li.getAttribute("data-severity")] && (!code || li.getAttribute("data-code") === code);
      li.hidden = !ok;
      if (ok) { shown[li.id] = true; count += 1; }
    });
    document.querySelectorAll("mark[data-f]").forEach(function (m) {
      var any = m.getAttribute("data-f").split(" ").some(function (id) { return shown[id]; });
      m.classList.toggle("dim", !any);
    });
    document.getElementById("no-match").hidden = count > 0 || document.querySelectorAll("li.finding").length === 0;
    document.getElementById("filter-status").textContent = count + " / " + document.querySelectorAll("li.finding").length;
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  rule.addEventListener("change", apply);
  apply();
})();
