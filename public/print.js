/* Belong: reveals the Print button on "My list" when JavaScript runs. Without it, the page says to use the browser's Print option. */
(function () {
  var b = document.getElementById('print');
  if (!b || !window.print) return;
  b.hidden = false;
  b.addEventListener('click', function () { window.print(); });
})();
