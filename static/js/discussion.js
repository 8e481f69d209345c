// Theke discussions: "Reply" opens the comment form right under the comment,
// and sending a comment shows the discussion anew without leaving the page.
// Without this file the link reloads the page with the form set to reply, and
// the form posts and comes back at the comment.
(function () {
  "use strict";

  var parser = new DOMParser();

  // `quiet`: shown while the reader types, so it leaves the focus where it is.
  function tell(notice, text, urgent, quiet) {
    notice.replaceChildren();
    text.forEach(function (line) {
      var paragraph = document.createElement("p");
      paragraph.textContent = line;
      notice.appendChild(paragraph);
    });
    notice.setAttribute("role", urgent ? "alert" : "status");
    notice.classList.toggle("comment-form__notice--problem", urgent);
    notice.hidden = false;
    if (!quiet) {
      notice.focus();
    }
  }

  function setUp(section) {
    var box = section.querySelector("[data-comment-form]");
    var form = box && box.querySelector("form");
    if (!form || !form.querySelector("input[name=reply_to]")) {
      return;
    }
    var home = document.createComment("comment form");
    box.parentNode.insertBefore(home, box);
    var title = box.querySelector(".comment-form__title");
    var replying = box.querySelector(".comment-form__replying");
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "button button--quiet comment-form__cancel";
    cancel.textContent = box.getAttribute("data-cancel-label");
    var notice = document.createElement("div");
    notice.className = "comment-form__notice";
    notice.tabIndex = -1;
    notice.hidden = true;
    form.parentNode.insertBefore(notice, form);

    function field() {
      return form.querySelector("input[name=reply_to]");
    }

    // Labels and the cancel button follow the reply_to field; called again
    // whenever the form's insides come back from the server.
    function label() {
      var parentId = field().value !== "0" ? field().value : "";
      var submit = form.querySelector("button[type=submit]");
      if (title) {
        title.textContent = box.getAttribute(
          parentId ? "data-reply-title" : "data-comment-title"
        );
      }
      submit.textContent = box.getAttribute(
        parentId ? "data-reply-label" : "data-comment-label"
      );
      cancel.hidden = !parentId;
      submit.parentNode.appendChild(cancel);
    }

    function show(parentId, article) {
      field().value = parentId || "0";
      if (replying) {
        replying.hidden = true;
      }
      label();
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

    function say(text, urgent, quiet) {
      tell(notice, text, urgent, quiet);
    }

    // The limit the server checks, from the text field's maxlength. The
    // browser stops typing there but cuts a long paste without a word, and a
    // text set by other means may pass it: the reader is told either way,
    // before anything is sent (a text too big for the server would be lost).
    function limit() {
      var text = form.querySelector("textarea[maxlength]");
      var max = text ? parseInt(text.getAttribute("maxlength"), 10) : NaN;
      return { text: text, max: max, length: text ? text.value.length : 0 };
    }

    // A form the server sent back carries its errors; once a comment is
    // taken they answer nothing, so they go, with what points at them.
    function clearErrors() {
      form
        .querySelectorAll(".form-errors, .form-field__errors")
        .forEach(function (node) {
          node.remove();
        });
      form.querySelectorAll(".form-field--error").forEach(function (node) {
        node.classList.remove("form-field--error");
      });
      form.querySelectorAll("[aria-invalid]").forEach(function (node) {
        node.removeAttribute("aria-invalid");
      });
      form.querySelectorAll("[aria-describedby]").forEach(function (node) {
        var left = node
          .getAttribute("aria-describedby")
          .split(/\s+/)
          .filter(function (id) {
            return id && document.getElementById(id);
          });
        if (left.length) {
          node.setAttribute("aria-describedby", left.join(" "));
        } else {
          node.removeAttribute("aria-describedby");
        }
      });
    }

    function done(busy) {
      form.removeAttribute("aria-busy");
      form.querySelector("button[type=submit]").disabled = busy;
    }

    // The comment is public, or held and shown to its author alone: the
    // discussion is read again at its address and replaces this one, with the
    // new comment in view. Resolves with the new discussion.
    function showPosted(url) {
      return fetch(url.split("#")[0], { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.text();
        })
        .then(function (html) {
          var fresh = parser
            .parseFromString(html, "text/html")
            .querySelector("[data-discussion]");
          if (!fresh) {
            throw new Error("no discussion");
          }
          section.replaceWith(fresh);
          setUp(fresh);
          history.replaceState(history.state, "", url);
          var anchor = url.split("#")[1] || "";
          var posted = /^c[0-9]+$/.test(anchor) && document.getElementById(anchor);
          if (posted) {
            // :target does not follow replaceState, so the class marks it.
            posted.classList.add("comment--just-posted");
          }
          // The new comment, or (sent twice, kept once) the discussion's heading.
          var target = posted
            ? posted.querySelector("article") || posted
            : fresh.querySelector("h2") || fresh;
          target.tabIndex = -1;
          target.focus();
          target.scrollIntoView({ block: "center" });
          return fresh;
        });
    }

    // Anything else comes back as the page the form would have shown: the
    // form with its errors (and what was typed), or a message.
    function showAnswer(response, html) {
      var page = parser.parseFromString(html, "text/html");
      var message = page.querySelector(".comment-message");
      var returned = message && message.querySelector("form");
      if (returned) {
        form.replaceChildren.apply(form, Array.from(returned.childNodes));
        label();
        notice.hidden = true;
        var problem = form.querySelector("[aria-invalid=true]");
        (problem || form.querySelector("textarea")).focus();
        return;
      }
      if (!message) {
        // Not an answer about the comment (a page that expired, too many
        // requests, a server error): only a new page helps; the text stays.
        say([box.getAttribute("data-reload-label")], true);
        return;
      }
      var lines = [message.querySelector("h1")]
        .concat(Array.from(message.querySelectorAll(".comment-message__text")))
        .filter(Boolean)
        .map(function (node) {
          return node.textContent.trim();
        });
      if (response.ok) {
        // Held for a moderator, or waiting for a guest's confirmation: kept
        // on the server, so the form is cleared for the next one.
        form.querySelector("textarea").value = "";
        clearErrors();
        show("", null);
        var held = message.querySelector("a[data-held-comment]");
        if (held) {
          // A member's held comment is in the discussion for them, marked
          // as waiting: show it there, and the message above the form.
          return showPosted(held.getAttribute("href"))
            .then(function (fresh) {
              var told = fresh.querySelector(".comment-form__notice");
              if (told) {
                tell(told, lines, false, true);
              }
            })
            .catch(function () {
              say(lines, false);
            });
        }
      }
      say(lines, !response.ok);
    }

    function send() {
      form.setAttribute("aria-busy", "true");
      form.querySelector("button[type=submit]").disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json, text/html;q=0.9" },
      })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (response.ok && type.indexOf("application/json") === 0) {
            return response.json().then(function (answer) {
              return showPosted(answer.url).catch(function () {
                window.location.assign(answer.url);
              });
            });
          }
          return response.text().then(function (html) {
            return showAnswer(response, html);
          });
        })
        .catch(function () {
          say([box.getAttribute("data-failed-label")], true);
        })
        .then(function () {
          done(false);
        });
    }

    section.addEventListener("click", function (event) {
      var link = event.target.closest(".comment__actions a[href*='reply_to=']");
      if (!link || !section.contains(link)) {
        return;
      }
      if (form.getAttribute("aria-busy")) {
        // The form answers for the comment being sent; it stays where it is.
        event.preventDefault();
        return;
      }
      var parentId = new URL(link.href).searchParams.get("reply_to");
      if (!/^[0-9]+$/.test(parentId || "")) {
        return;
      }
      event.preventDefault();
      notice.hidden = true;
      show(parentId, link.closest("article"));
    });
    cancel.addEventListener("click", function () {
      show("", null);
      form.querySelector("textarea").focus();
    });
    form.addEventListener("input", function (event) {
      var state = limit();
      if (event.target === state.text && state.length >= state.max) {
        say([box.getAttribute("data-limit-label")], false, true);
      }
    });
    form.addEventListener("submit", function (event) {
      var state = limit();
      if (state.length > state.max) {
        event.preventDefault();
        say([box.getAttribute("data-too-long-label")], true);
        return;
      }
      if (!window.fetch) {
        return;
      }
      event.preventDefault();
      if (!form.getAttribute("aria-busy")) {
        send();
      }
    });
    cancel.hidden = true;
    form.querySelector("button[type=submit]").parentNode.appendChild(cancel);
  }

  // A reader who only reads has no form (and so no cookie): "Write a
  // comment" brings the form from the page it links to and opens it here.
  // Should that fail, the link is followed and the page opens with the form.
  function offerForm(section) {
    var link = section.querySelector("[data-write-comment]");
    if (!link) {
      return;
    }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      link.setAttribute("aria-busy", "true");
      fetch(link.href, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var page = parser.parseFromString(html, "text/html");
          var box = page.querySelector("[data-discussion] [data-comment-form]");
          var here = section.querySelector("#comment-form");
          if (!box || !here) {
            throw new Error("no form");
          }
          here.replaceWith(document.importNode(box, true));
          setUp(section);
          section.querySelector("#comment-form textarea").focus();
        })
        .catch(function () {
          window.location.href = link.href;
        });
    });
  }

  function start() {
    document.querySelectorAll("[data-discussion]").forEach(function (section) {
      setUp(section);
      offerForm(section);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
