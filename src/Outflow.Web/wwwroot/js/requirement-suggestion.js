// Live type suggestion for the requirement form (issue 18): progressive enhancement of the
// two-step form, which works without this script ("Soort voorstellen" posts the wording and the
// page comes back with the suggestion). With JavaScript the suggestion follows the wording as she
// types: the wording is POSTed with the form's anti-forgery token (never put in a URL), the answer's
// texts are set as text (never as HTML), and the type is preselected only while she has not picked
// one herself. Nothing is saved until she records the requirement.
(function () {
    "use strict";

    var form = document.querySelector("form[data-live-suggestion]");
    if (!form || !window.fetch || !window.FormData) {
        return;
    }

    var url = form.getAttribute("data-live-suggestion");
    var wording = form.querySelector("textarea[name='RequirementForm.Wording']");
    var type = form.querySelector("select[name='RequirementForm.TypeCode']");
    var region = document.getElementById("rq-live-suggestion");
    var token = form.querySelector("input[name='__RequestVerificationToken']");
    if (!url || !wording || !type || !region || !token) {
        return;
    }

    var pickedByHer = false;
    var timer = null;
    var asked = "";
    var latest = 0;

    type.addEventListener("change", function () {
        pickedByHer = true;
    });

    function paragraph(text, className, strongText) {
        var p = document.createElement("p");
        if (className) {
            p.className = className;
        }
        if (strongText) {
            var strong = document.createElement("strong");
            strong.textContent = strongText;
            p.appendChild(strong);
            p.appendChild(document.createTextNode(" "));
        }
        p.appendChild(document.createTextNode(text));
        return p;
    }

    function show(answer) {
        var box = document.createElement("div");
        box.className = "suggestion";
        if (answer.suggestion) {
            box.appendChild(paragraph(answer.suggestion));
        }
        if (answer.reason) {
            box.appendChild(paragraph(answer.reason));
        }
        if (answer.alsoPossible) {
            box.appendChild(paragraph(answer.alsoPossible, "muted"));
        }
        if (answer.confirm) {
            box.appendChild(paragraph(answer.confirm, "muted"));
        }
        region.replaceChildren(box);
        if (answer.typeCode && !pickedByHer && type.querySelector("option[value='" + answer.typeCode + "']")) {
            type.value = answer.typeCode;
        }
    }

    function ask() {
        var text = wording.value.trim();
        if (text.length < 8 || text === asked) {
            return;
        }
        asked = text;
        var body = new FormData();
        body.append("RequirementForm.Wording", text);
        body.append("__RequestVerificationToken", token.value);
        var mine = ++latest;
        fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) {
                return response.ok ? response.json() : null;
            })
            .then(function (answer) {
                if (answer && mine === latest) {
                    show(answer);
                }
            })
            .catch(function () {
                // No answer (offline, signed out): the button for the two-step form still works.
            });
    }

    wording.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(ask, 400);
    });
})();
