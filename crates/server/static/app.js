// leakwatch web UI: small progressive enhancements (the pages work without script).
// - clicking an evidence field name scrolls to and flashes its highlight in the source text;
// - forms with data-confirm ask before submitting.
document.addEventListener("click", function (ev) {
  var a = ev.target.closest && ev.target.closest("a[href^='#ev-']");
  if (!a) return;
  var mark = document.getElementById(a.getAttribute("href").slice(1));
  if (!mark) return;
  mark.classList.add("flash");
  window.setTimeout(function () { mark.classList.remove("flash"); }, 1500);
});
document.addEventListener("submit", function (ev) {
  var msg = ev.target.getAttribute && ev.target.getAttribute("data-confirm");
  if (msg && !window.confirm(msg)) ev.preventDefault();
});
