/* Exit this page, after GOV.UK's component. Without JavaScript the link still goes to /exit.
   With it: the page hides at once, Back cannot return (location.replace), and Shift pressed
   3 times within 5 seconds exits too. All words come from data-* attributes on the link. */
(function () {
  "use strict";
  var link = document.querySelector(".bar__exit");
  if (!link || !window.addEventListener) return;
  var root = document.documentElement;
  var presses = 0;
  var timer = null;
  var modified = false;
  var overlay = null;
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function say(name) {
    status.textContent = link.getAttribute("data-" + name) || "";
  }

  function exit() {
    presses = 0;
    clearTimeout(timer);
    root.classList.add("exiting");
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "exit-overlay";
      overlay.setAttribute("role", "alert");
      overlay.textContent = link.getAttribute("data-loading-text") || "";
      document.body.appendChild(overlay);
    }
    window.location.replace(link.href);
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    exit();
  });

  function isShift(event) {
    return event.key === "Shift" || event.keyCode === 16;
  }

  // Shift held while another key goes down (Shift+A) is a modifier: that Shift does not count.
  document.addEventListener("keydown", function (event) {
    if (!isShift(event) && event.shiftKey) modified = true;
  }, true);

  // Counted on keyup, as GOV.UK does; any other key resets the count.
  document.addEventListener("keyup", function (event) {
    if (isShift(event) && !modified) {
      presses += 1;
      clearTimeout(timer);
      if (presses >= 3) {
        exit();
      } else {
        say(presses === 1 ? "press-two" : "press-one");
        timer = setTimeout(function () {
          presses = 0;
          say("expired");
        }, 5000);
      }
    } else if (presses) {
      presses = 0;
      clearTimeout(timer);
      say("expired");
    }
    if (isShift(event)) modified = false;
  }, true);

  // Coming back (the back-forward cache): show the page again.
  window.addEventListener("pageshow", function () {
    root.classList.remove("exiting");
    if (overlay) overlay.parentNode.removeChild(overlay);
    overlay = null;
    presses = 0;
    status.textContent = "";
  });
})();
