// Theke discussions: "Reply" opens the comment form right under the comment.
// Without this file the link reloads the page with the form set to reply.
(function () {
  "use strict";

  function setUp(section) {
    var box = section.querySelector("[data-comment-form]");
    var form = box && box.querySelector("form");
    var field = form && form.querySelector("input[name=reply_to]");
    if (!field) {
      return;
    }
    var home = document.createComment("comment form");
    box.parentNode.insertBefore(home, box);
    var title = box.querySelector(".comment-form__title");
    var submit = form.querySelector("button[type=submit]");
    var replying = box.querySelector(".comment-form__replying");
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "button button--quiet comment-form__cancel";
    cancel.textContent = box.getAttribute("data-cancel-label");
    cancel.hidden = true;
    submit.parentNode.appendChild(cancel);

    function show(parentId, article) {
      field.value = parentId || "0";
      if (title) {
        title.textContent = box.getAttribute(
          parentId ? "data-reply-title" : "data-comment-title"
        );
      }
      submit.textContent = box.getAttribute(
        parentId ? "data-reply-label" : "data-comment-label"
      );
      if (replying) {
        replying.hidden = true;
      }
      cancel.hidden = !parentId;
      if (article) {
        article.parentNode.insertBefore(box, article.nextSibling);
      } else {
        home.parentNode.insertBefore(box, home.nextSibling);
      }
      box.classList.toggle("comment-form--inline", Boolean(parentId));
      var text = form.querySelector("textarea");
      if (text && parentId) {
        text.focus();
      }
    }

    section.addEventListener("click", function (event) {
      var link = event.target.closest(".comment__actions a[href*='reply_to=']");
      if (!link || !section.contains(link)) {
        return;
      }
      var parentId = new URL(link.href).searchParams.get("reply_to");
      if (!/^[0-9]+$/.test(parentId || "")) {
        return;
      }
      event.preventDefault();
      show(parentId, link.closest("article"));
    });
    cancel.addEventListener("click", function () {
      show("", null);
      form.querySelector("textarea").focus();
    });
  }

  function start() {
    document.querySelectorAll("[data-discussion]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
