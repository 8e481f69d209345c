// Theke: the feedback faces answer in place. Without this file they post a
// plain form and a page of its own says thanks and offers the comment.
(function () {
  "use strict";

  // One random token per page view, sent with every click of this view, so a
  // second click changes the answer instead of adding one. It is made here,
  // never stored, and names this view only: not the reader, not the browser.
  function viewToken() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (byte) {
        return ("0" + byte.toString(16)).slice(-2);
      })
      .join("");
  }

  function post(form, data) {
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.json().then(function (body) {
        return { ok: response.ok, body: body };
      });
    });
  }

  // The plain form, as if there were no script: the page that answers says
  // what went wrong, or thanks.
  function postPlainly(form, name, value) {
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = name;
    field.value = value;
    form.append(field);
    HTMLFormElement.prototype.submit.call(form);
  }

  function showErrors(commentForm, errors) {
    var field = commentForm.querySelector("textarea");
    var wrapper = field.closest(".form-field");
    var list = wrapper.querySelector(".form-field__errors");
    var messages = (errors.comment || []).concat(errors.answer || [], errors.__all__ || []);
    if (!list) {
      list = document.createElement("ul");
      list.className = "form-field__errors";
      list.id = field.id + "_error";
      list.setAttribute("role", "alert");
      field.after(list);
    }
    list.replaceChildren.apply(
      list,
      messages.map(function (message) {
        var item = document.createElement("li");
        item.textContent = message;
        return item;
      })
    );
    wrapper.classList.add("form-field--error");
    var described = (field.getAttribute("aria-describedby") || "").split(" ");
    if (described.indexOf(list.id) === -1) {
      described.unshift(list.id);
      field.setAttribute("aria-describedby", described.join(" ").trim());
    }
    field.setAttribute("aria-invalid", "true");
    field.focus();
  }

  function setUp(widget, view) {
    var faces = widget.querySelector("[data-feedback-faces]");
    var commentForm = widget.querySelector("[data-feedback-comment]");
    var status = widget.querySelector("[data-feedback-status]");
    var buttons = faces.querySelectorAll("button[name=face]");

    faces.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || button.name !== "face") {
        return;
      }
      event.preventDefault();
      var data = new FormData(faces);
      data.set("face", button.value);
      data.set("view", view);
      button.disabled = true;
      post(faces, data)
        .then(function (result) {
          button.disabled = false;
          if (!result.ok) {
            status.textContent = result.body.error || "";
            return;
          }
          buttons.forEach(function (other) {
            other.setAttribute("aria-pressed", other === button ? "true" : "false");
          });
          status.textContent = result.body.message;
          if (commentForm && !commentForm.hasAttribute("data-done")) {
            commentForm.elements.answer.value = result.body.answer;
            commentForm.hidden = false;
          }
        })
        .catch(function () {
          button.disabled = false;
          postPlainly(faces, "face", button.value);
        });
    });

    if (!commentForm) {
      return;
    }
    commentForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var send = commentForm.querySelector("button[type=submit]");
      send.disabled = true;
      post(commentForm, new FormData(commentForm))
        .then(function (result) {
          send.disabled = false;
          if (!result.ok) {
            showErrors(commentForm, result.body.errors || { __all__: [result.body.error] });
            return;
          }
          commentForm.setAttribute("data-done", "");
          commentForm.hidden = true;
          status.textContent = result.body.message;
          status.setAttribute("tabindex", "-1");
          status.focus();
        })
        .catch(function () {
          send.disabled = false;
          HTMLFormElement.prototype.submit.call(commentForm);
        });
    });
  }

  if (!window.fetch || !window.crypto || !window.crypto.getRandomValues) {
    return;
  }
  var view = viewToken();
  document.querySelectorAll("[data-feedback]").forEach(function (widget) {
    setUp(widget, view);
  });
})();
