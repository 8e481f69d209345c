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

  // Reactions to comments toggle in place; without this file the form posts
  // and the page comes back at the comment. One form holds every kind of
  // reaction under a comment: the pressed button names its kind.
  function toggleReaction(form, button) {
    var count = button.querySelector("[data-reaction-count]");
    var data = new FormData(form);
    data.set(button.name, button.value);
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (state) {
        button.setAttribute("aria-pressed", state.pressed ? "true" : "false");
        if (count) {
          count.textContent = state.count ? String(state.count) : "";
        }
        button.disabled = false;
      })
      .catch(function () {
        // Let the plain form say what went wrong: submit() sends no button,
        // so the kind goes along in a field of its own.
        var kind = document.createElement("input");
        kind.type = "hidden";
        kind.name = button.name;
        kind.value = button.value;
        form.append(kind);
        form.submit();
      });
  }

  function setUpReactions() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches || !form.matches("[data-reaction-form]") || !window.fetch) {
        return;
      }
      var button = event.submitter;
      if (!button || !button.matches("button[name]")) {
        return;
      }
      event.preventDefault();
      toggleReaction(form, button);
    });
  }

  // While a member types a product question, published questions that look
  // alike are offered, so a question is asked once and found again. Without
  // this file the same check runs when the question is sent.
  function showSimilar(box, questions) {
    if (!questions.length) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    var title = document.createElement("p");
    title.className = "question-form__similar-title";
    title.textContent = box.getAttribute("data-title");
    var list = document.createElement("ul");
    list.className = "similar-questions";
    list.setAttribute("role", "list");
    questions.forEach(function (question) {
      var item = document.createElement("li");
      item.className = "similar-questions__item";
      var link = document.createElement("a");
      link.className = "similar-questions__link";
      link.href = question.url;
      link.textContent = question.text;
      var meta = document.createElement("p");
      meta.className = "similar-questions__meta";
      // The server words the line in the page's language, plurals and all.
      meta.textContent = question.meta;
      item.append(link, meta);
      list.append(item);
    });
    box.replaceChildren(title, list);
    box.hidden = false;
  }

  function setUpSimilarQuestions() {
    if (!window.fetch) {
      return;
    }
    document.querySelectorAll("[data-question-form]").forEach(function (form) {
      var field = form.querySelector("[data-question-text]");
      var box = form.querySelector("[data-similar-list]");
      if (!field || !box) {
        return;
      }
      var timer = null;
      var asked = 0;
      var lastText = "";
      field.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          var text = field.value.trim();
          if (text === lastText) {
            return;
          }
          lastText = text;
          if (text.length < 10) {
            showSimilar(box, []);
            return;
          }
          var mine = ++asked;
          var url =
            form.getAttribute("data-similar-url") +
            "?product=" +
            encodeURIComponent(form.getAttribute("data-product")) +
            "&q=" +
            encodeURIComponent(text.slice(0, 2000));
          fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) {
              return response.ok ? response.json() : { questions: [] };
            })
            .then(function (data) {
              // An answer to an older lookup must not replace a newer one.
              if (mine === asked) {
                showSimilar(box, data.questions || []);
              }
            })
            .catch(function () {
              showSimilar(box, []);
            });
        }, 400);
      });
    });
  }

  // A box on the interests page counts as soon as it is ticked or cleared;
  // without this file each box has its own "Save" button.
  function saveChoice(form, box, status) {
    var data = new FormData(form);
    box.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          return { ok: response.ok, answer: answer };
        });
      })
      .then(function (result) {
        box.disabled = false;
        status.classList.toggle("choice__status--error", !result.ok);
        if (result.ok) {
          status.textContent = result.answer.message;
        } else {
          box.checked = !box.checked;
          status.textContent = (result.answer.errors || []).join(" ");
        }
      })
      .catch(function () {
        // Let the plain form say what went wrong.
        box.disabled = false;
        form.submit();
      });
  }

  function setUpChoices() {
    if (!window.fetch) {
      return;
    }
    document.querySelectorAll("[data-choice-form]").forEach(function (form) {
      var box = form.querySelector("input[type=checkbox]");
      var save = form.querySelector("[data-choice-save]");
      var status = form.querySelector("[data-choice-status]");
      if (!box || !save || !status) {
        return;
      }
      save.hidden = true;
      box.addEventListener("change", function () {
        saveChoice(form, box, status);
      });
    });
  }

  // Announcements: a member's dismissal is kept by the site; an anonymous
  // reader's only in this browser's local storage, so reading sets no cookie.
  var DISMISSED_KEY = "theke:dismissed-announcements";

  function dismissedHere() {
    try {
      return JSON.parse(window.localStorage.getItem(DISMISSED_KEY) || "[]");
    } catch (error) {
      return [];
    }
  }

  function rememberDismissed(id) {
    var ids = dismissedHere().filter(function (other) {
      return other !== id;
    });
    ids.push(id);
    try {
      window.localStorage.setItem(DISMISSED_KEY, JSON.stringify(ids.slice(-50)));
    } catch (error) {
      // Without storage the announcement is gone until the next page.
    }
  }

  function removeAnnouncement(item) {
    var region = item.closest("[data-announcements]");
    item.remove();
    if (region && !region.querySelector("[data-announcement]")) {
      region.remove();
    }
  }

  function setUpAnnouncements() {
    var dismissed = dismissedHere();
    document.querySelectorAll("[data-announcement]").forEach(function (item) {
      var id = item.getAttribute("data-announcement");
      var close = item.querySelector("[data-announcement-close]");
      if (!close) {
        return;
      }
      if (dismissed.indexOf(id) !== -1) {
        removeAnnouncement(item);
        return;
      }
      close.hidden = false;
      close.addEventListener("click", function () {
        rememberDismissed(id);
        removeAnnouncement(item);
      });
    });
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches || !form.matches("[data-announcement-form]") || !window.fetch) {
        return;
      }
      event.preventDefault();
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          removeAnnouncement(form.closest("[data-announcement]"));
        })
        .catch(function () {
          form.submit();
        });
    });
  }

  function setUp() {
    setUpVideos();
    setUpSimilarQuestions();
    setUpReactions();
    setUpChoices();
    setUpAnnouncements();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
