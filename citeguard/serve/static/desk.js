// The desk: upload times in the reader's time zone, and a refresh while audits are queued or running.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("td.time"), function (td) {
    td.textContent = new Date(parseFloat(td.dataset.t) * 1000).toLocaleString();
  });
  if (document.querySelector("tr.ms.queued, tr.ms.running")) setTimeout(function () { window.location.reload(); }, 2000);
})();
