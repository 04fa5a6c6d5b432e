/*
 * Progressive enhancements; every page works without this file.
 * - On narrow screens the main menu folds behind a "Menu" button.
 * - Embedded video players load only when the person asks (the provider may set cookies),
 *   and get the block's title when the provider's iframe has none, so assistive
 *   technologies can announce the frame.
 * - An error summary or a confirmation placed by the server takes focus.
 */
(function () {
  "use strict";

  function setUpMenuToggle() {
    var toggle = document.querySelector("[data-nav-toggle]");
    if (!toggle) {
      return;
    }
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!menu) {
      return;
    }
    document.documentElement.classList.add("has-menu-toggle");
    toggle.hidden = false;

    function setExpanded(expanded) {
      toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
    }

    toggle.addEventListener("click", function () {
      setExpanded(toggle.getAttribute("aria-expanded") !== "true");
    });

    var nav = toggle.closest("nav") || menu;
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setExpanded(false);
        toggle.focus();
      }
    });
  }

  function nameVideoFrames() {
    var figures = document.querySelectorAll("[data-video-title]");
    Array.prototype.forEach.call(figures, function (figure) {
      var frame = figure.querySelector("iframe");
      if (frame && !frame.getAttribute("title")) {
        frame.setAttribute("title", figure.getAttribute("data-video-title"));
      }
    });
  }

  // Nothing from the video's provider loads until « Lire la vidéo » is pressed.
  function setUpVideoFacades() {
    var buttons = document.querySelectorAll("[data-video-play]");
    Array.prototype.forEach.call(buttons, function (button) {
      var facade = button.closest("[data-video-facade]");
      var player = facade && facade.querySelector("template[data-video-player]");
      if (!player) {
        return;
      }
      facade.hidden = false;
      button.addEventListener("click", function () {
        facade.replaceWith(player.content.cloneNode(true));
        nameVideoFrames();
        var frame = document.querySelector("[data-video-title] iframe:not([data-seen])");
        if (frame) {
          frame.setAttribute("data-seen", "");
          frame.focus();
        }
      });
    });
  }

  // An error summary or a confirmation that the server put where the person is: focused so
  // that it is seen and announced.
  function focusNotice() {
    var notice = document.querySelector("[data-focus-on-load]");
    if (notice) {
      notice.focus();
    }
  }

  setUpMenuToggle();
  setUpVideoFacades();
  nameVideoFrames();
  focusNotice();
})();
