// Theke: small progressive enhancements. Every page reads fine without this file.
(function () {
  "use strict";

  // Videos load nothing from their provider until the reader asks for them.
  function loadVideo(frame) {
    var iframe = document.createElement("iframe");
    iframe.src = frame.getAttribute("data-embed-url");
    iframe.title = frame.getAttribute("data-embed-title") || "";
    iframe.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    iframe.allowFullscreen = true;
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    iframe.className = "story-video__iframe";
    frame.replaceChildren(iframe);
    frame.classList.add("is-loaded");
    iframe.focus();
  }

  function setUpVideos() {
    document.querySelectorAll("[data-video-embed]").forEach(function (frame) {
      var button = frame.querySelector("[data-video-load]");
      if (!button) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        loadVideo(frame);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpVideos);
  } else {
    setUpVideos();
  }
})();
