/* snslint serve: checks the draft while the person types (debounced) and on the button.
   The result is HTML rendered by the server with autoescaping (draft text is never built
   into markup here); this script only swaps it in, applies fixes to the text area and
   switches the language of the labels. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var LABELS = JSON.parse($("labels").textContent);
  var lang = document.documentElement.getAttribute("data-lang") === "en" ? "en" : "ja";
  var maxBytes = parseInt(document.body.getAttribute("data-max-bytes"), 10) || 1000000;
  var DEBOUNCE_MS = 350;
  var timer = null;
  var seq = 0;
  var controller = null;

  function t(key) { return LABELS[lang][key] || key; }

  function relabel(root) {
    root.querySelectorAll("[data-l]").forEach(function (el) { el.textContent = t(el.getAttribute("data-l")); });
  }

  function status(text) { $("status").textContent = text; }

  function showError(message) {
    var p = document.createElement("p");
    p.className = "input-error";
    p.setAttribute("role", "alert");
    p.textContent = message;
    var body = $("result-body");
    body.replaceChildren(p);
    status("");
  }

  function images() {
    var out = [];
    document.querySelectorAll("#image-list .image-row").forEach(function (row) {
      var path = row.querySelector(".img-path").value;
      var alt = row.querySelector(".img-alt").value;
      if (path.trim() || alt.trim()) { out.push({ path: path, alt: alt }); }
    });
    return out;
  }

  function payload() {
    return {
      text: $("text").value,
      city: $("city").value,
      platform: $("platform").value,
      at: $("at").value,
      images: images(),
      emergency: $("emergency").checked,
      lang: lang
    };
  }

  function summary(counts) {
    var sep = lang === "en" ? ", " : "、";
    return [["error", counts.error], ["warning", counts.warning], ["info", counts.info]].map(function (p) {
      return t(p[0]) + " " + p[1];
    }).join(sep);
  }

  function check() {
    clearTimeout(timer);
    var text = $("text").value;
    if (!text.trim()) { $("result-body").replaceChildren(); status(""); return; }
    if (new TextEncoder().encode(text).length > maxBytes) {
      showError(t("too_large").replace("{limit}", maxBytes.toLocaleString()));
      return;
    }
    if (controller) { controller.abort(); }
    controller = new AbortController();
    var mine = ++seq;
    status(t("checking"));
    fetch("api/check", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload()),
      signal: controller.signal
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (r) {
      if (mine !== seq) { return; }
      if (!r.ok || r.data.html === undefined) {
        showError((r.data.error && (r.data.error[lang] || r.data.error.ja)) || t("network_error"));
        return;
      }
      var ticked = {};  /* the checklist's ticks survive a new check */
      document.querySelectorAll("#result-body .checklist input:checked").forEach(function (box) {
        ticked[box.getAttribute("data-ref")] = true;
      });
      $("result-body").innerHTML = r.data.html;  /* rendered and escaped by the server */
      document.querySelectorAll("#result-body .checklist input").forEach(function (box) {
        box.checked = !!ticked[box.getAttribute("data-ref")];
      });
      status(r.data.error ? "" : summary(r.data.counts));
    }).catch(function (err) {
      if (err && err.name === "AbortError") { return; }
      if (mine === seq) { showError(t("network_error")); }
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  }

  function applyEdits(edits) {
    /* Offsets are code points (Python str), not UTF-16 units: edit an array of characters. */
    var chars = Array.from($("text").value);
    edits.slice().sort(function (a, b) { return b.start - a.start; }).forEach(function (e) {
      chars.splice.apply(chars, [e.start, e.end - e.start].concat(Array.from(e.replacement)));
    });
    $("text").value = chars.join("");
    $("text").focus();
    check();
  }

  function addImage() {
    var row = $("image-row").content.firstElementChild.cloneNode(true);
    relabel(row);
    $("image-list").appendChild(row);
    row.querySelector(".img-path").focus();
  }

  function flash(el) {
    if (!el) { return; }
    el.classList.add("flash");
    el.scrollIntoView({ block: "center" });
    setTimeout(function () { el.classList.remove("flash"); }, 1200);
  }

  $("form").addEventListener("submit", function (ev) { ev.preventDefault(); check(); });
  $("form").addEventListener("input", schedule);
  $("form").addEventListener("change", schedule);
  $("text").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); check(); }
  });
  $("add-image").addEventListener("click", addImage);
  $("image-list").addEventListener("click", function (ev) {
    var btn = ev.target.closest(".remove-image");
    if (btn) { btn.closest(".image-row").remove(); $("add-image").focus(); schedule(); }
  });
  $("result-body").addEventListener("click", function (ev) {
    var fix = ev.target.closest("button.fix");
    if (fix) { applyEdits(JSON.parse(fix.getAttribute("data-edits"))); return; }
    var pos = ev.target.closest("a.pos");
    if (pos) { ev.preventDefault(); flash(document.getElementById(pos.getAttribute("href").slice(1))); return; }
    var mark = ev.target.closest("mark[data-f]");
    if (mark) {
      var li = document.getElementById(mark.getAttribute("data-f").split(" ")[0]);
      if (li) { li.setAttribute("tabindex", "-1"); li.focus(); flash(li); }
    }
  });
  $("lang").addEventListener("click", function () {
    lang = lang === "ja" ? "en" : "ja";
    document.documentElement.setAttribute("lang", lang);
    document.documentElement.setAttribute("data-lang", lang);
    $("lang").setAttribute("lang", lang === "ja" ? "en" : "ja");
    relabel(document);
    check();
  });
})();
