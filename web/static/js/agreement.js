// The agreement page: load the PDF preview only when opened; bring a linked clause into view.
"use strict";
(function () {
  for (const details of document.querySelectorAll("details.preview")) {
    details.addEventListener("toggle", () => {
      const frame = details.querySelector("iframe[data-src]");
      if (details.open && frame && !frame.getAttribute("src")) frame.setAttribute("src", frame.dataset.src);
    });
  }
  function focusTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target) target.focus({ preventScroll: false });
  }
  window.addEventListener("hashchange", focusTarget);
  focusTarget();
})();
